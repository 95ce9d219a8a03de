import { describe } from 'node:test';
import { table } from './table.js';

describe('reason: unknown-user', () => {
  table([
    { text: 'User unknown in virtual mailbox table', want: 'unknown-user', reason: 'no-such-recipient' },
    { text: 'sorry, no mailbox here by that name', want: 'unknown-user', reason: 'no-such-recipient' },
    { text: 'RESOLVER.ADR.RecipNotFound; not found', want: 'unknown-user', reason: 'no-such-recipient' },
    { text: "This user doesn't have a yahoo.com account", want: 'unknown-user', reason: 'no-such-recipient' },
    { text: 'The account has been disabled', want: 'unknown-user', reason: 'no-such-recipient' },
    { text: 'recipient no longer on server', want: 'unknown-user', reason: 'no-such-recipient' },
    { text: 'User not listed in Domino Directory', want: 'unknown-user', reason: 'no-such-recipient' },
    { text: 'Recipient address rejected: Access denied', want: 'unknown-user', reason: 'recipient-words' },
    // Postfix's check_recipient_access says it under 5.7.1: a policy refusal, and the code agrees.
    { text: 'Recipient address rejected: Access denied', status: '5.7.1', want: 'policy' },
    { text: 'Пользователь не найден', want: 'unknown-user', reason: 'recipient-words' },
    { text: 'Empfänger existiert nicht', want: 'unknown-user', reason: 'recipient-words' },
    // Codes: X.1.1 decides without wording; X.1.0 is weak, so generic wording overrides it.
    { text: 'rejected', status: '5.1.1', want: 'unknown-user' },
    { text: 'no', status: '5.1.0', want: 'unknown-user' },
    { text: '', reply: 525, want: 'unknown-user' },
    // Order: "mailbox full" is read before the unknown-user wording it may carry.
    { text: 'Mailbox full or user unknown', want: 'mailbox-full', reason: 'over-quota' },
  ]);
});

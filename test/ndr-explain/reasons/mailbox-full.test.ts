import { describe } from 'node:test';
import { table } from './table.js';

describe('reason: mailbox-full', () => {
  table([
    { text: 'Quota exceeded', want: 'mailbox-full', reason: 'over-quota' },
    { text: 'STOREDRV.Deliver: mailbox full.', want: 'mailbox-full', reason: 'over-quota' },
    {
      text: 'The email account that you tried to reach is over quota',
      want: 'mailbox-full',
      reason: 'over-quota',
    },
    { text: 'Mailbox bob exceeded', want: 'mailbox-full', reason: 'over-quota' },
    { text: 'QuotaExceeded', want: 'mailbox-full', reason: 'over-quota' },
    { text: 'Postfach ist voll', want: 'mailbox-full', reason: 'full-words' },
    { text: 'メールボックスがいっぱいです', want: 'mailbox-full', reason: 'full-words' },
    { text: 'try later', status: '4.2.2', want: 'mailbox-full' },
    { text: '', reply: 422, want: 'mailbox-full' },
    // Order: a sending quota is the sender's limit, not the recipient's mailbox.
    { text: 'Daily sending quota exceeded', want: 'blocked', reason: 'rate-limited' },
  ]);
});

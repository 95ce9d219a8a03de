import { UNKNOWN_USER } from '../words.js';
import type { CategoryInfo, Reason } from './types.js';

export const info: CategoryInfo = {
  id: 'unknown-user',
  label: 'unknown user',
  description:
    'The recipient mailbox does not exist, was removed or moved, or is disabled (e.g. 5.1.1, 5.1.6, 5.2.1, "user unknown").',
  status: ['1.0', '1.1', '1.3', '1.4', '1.6', '2.1', '7.17', '7.13'],
  weakStatus: ['1.0'],
  vendorSubject: '1',
  replies: [525],
};

/** The recipient is named as unknown, missing, disabled or moved. */
export const noSuchRecipient: Reason = {
  name: 'no-such-recipient',
  category: 'unknown-user',
  strength: 'strong',
  phrases: [
    'unknown user',
    'unknown recipient',
    'unknown address',
    'unknown local part',
    'unknown local-part',
    'unknown mailbox',
    'no such user',
    'no such mailbox',
    'no such recipient',
    'no such account',
    'no such address',
    'no such person',
    'does not exist',
    "doesn't exist",
    'recipient not found',
    'not a valid mailbox',
    'not a valid recipient',
    'not a valid user',
    'invalid recipient',
    'invalid mailbox',
    'invalid address',
    'invalid user',
    'mailbox unavailable',
    'mailbox not found',
    'mailbox disabled',
    'mailbox is disabled',
    'mailbox inactive',
    'mailbox is frozen',
    'inactive address',
    'inactive email address',
    'has moved',
    'undeliverable address',
    'invalid final delivery userid',
    'check if address is correct',
    'check if the address is correct',
    'bad destination mailbox',
    'no mailbox here',
    'recipnotfound',
    'unknown or illegal alias',
    'addressee unknown',
  ],
  patterns: [
    /user (?:\S+ )?unknown/i,
    /(?:user|mailbox|recipient|account|address|addressee) (?:\S+ )?(?:does not exist|doesn't exist|not exist|not found|unknown|invalid)/i,
    /account (?:is )?(?:disabled|inactive|suspended|closed|deleted|locked|frozen)/i,
    /(?:account|mailbox|user) (?:has been|is|was) (?:disabled|deactivated|suspended|discontinued|closed|deleted|removed)/i,
    /no longer (?:valid|available|on server|active|in use)/i,
    /doesn't have an? \S+ account/i,
    /not listed in (?:the )?(?:domino |public )?(?:directory|name)/i,
  ],
};

/** Generic "not found" wording with a noun for a user, address or mailbox, in every language. */
export const recipientWords: Reason = {
  name: 'recipient-words',
  category: 'unknown-user',
  strength: 'weak',
  words: [UNKNOWN_USER],
};

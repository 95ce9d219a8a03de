import { MAILBOX_FULL } from '../words.js';
import type { CategoryInfo, Reason } from './types.js';

export const info: CategoryInfo = {
  id: 'mailbox-full',
  label: 'mailbox full',
  description: 'The recipient\'s mailbox is over its storage quota (X.2.2, "mailbox full", "over quota").',
  status: ['2.2'],
  vendorSubject: '2',
  replies: [422],
};

export const overQuota: Reason = {
  name: 'over-quota',
  category: 'mailbox-full',
  strength: 'strong',
  phrases: [
    'mailbox full',
    'mailbox is full',
    'folder full',
    'folder is full',
    'overquota',
    'over quota',
    'quota exceeded',
    'quota full',
    'quotaexceeded',
    'out of storage',
    'insufficient storage',
    'insufficient space',
    'insufficient user storage',
    'insufficient user space',
    'mailbox limit exceeded',
    'mailbox size limit exceeded',
    'user is over',
    'not enough storage',
    'not enough space',
  ],
  patterns: [
    /mailbox (?:\S+ )?exceed(?:s|ed)/i,
    /(?:mailbox|inbox|disk|storage) (?:quota|space) (?:exceeded|full)/i,
    /exceeded (?:the |its |his |her )?(?:storage|quota|mailbox)/i,
  ],
};

export const fullWords: Reason = {
  name: 'full-words',
  category: 'mailbox-full',
  strength: 'weak',
  words: [MAILBOX_FULL],
};

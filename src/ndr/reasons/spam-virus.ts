import type { CategoryInfo, Reason } from './types.js';

export const info: CategoryInfo = {
  id: 'spam-virus',
  label: 'spam / virus',
  description:
    "The receiver's content filter judged the message to be spam, or found a virus or forbidden attachment.",
};

/** Malware or a forbidden attachment: a verdict on the content whatever else the reply says. */
export const virus: Reason = {
  name: 'virus',
  category: 'spam-virus',
  strength: 'strong',
  phrases: [
    'malware',
    'infected',
    'trojan',
    'dangerous attachment',
    'illegal attachment',
    'forbidden attachment',
  ],
  patterns: [/\bvirus/i, /\bworm\b/i],
};

/**
 * An explicit spam verdict: after blocklists and failed authentication (a listed client or a DMARC
 * failure is the cause then), before a mere mention of SPF in advice.
 */
export const spamVerdict: Reason = {
  name: 'spam-verdict',
  category: 'spam-virus',
  strength: 'strong',
  phrases: ['spam classification', 'classified as spam', 'classified as junk'],
  patterns: [
    /(?:message|e-?mail|mail) (?:was |is |has been )?(?:rejected|identified|detected|flagged) (?:as|due to) (?:spam|junk)/i,
  ],
};

/** Spam and content-filter words: last of the strong wording, as they also appear in advice. */
export const spamWords: Reason = {
  name: 'spam-words',
  category: 'spam-virus',
  strength: 'strong',
  phrases: [
    'spam-like',
    'spam signature',
    'spamsignature',
    'message filtered',
    'mail filtered',
    'unsolicited',
    'junk mail',
    'junkmail',
    'content rejected',
    'content was rejected',
    'message content',
    'unacceptable content',
    'bulk mail',
    'high probability of spam',
    'phish',
    'scam',
    'looks like spam',
    'spam score',
    'content filter',
  ],
  patterns: [/\bspam\b/i, /\bUBE\b/i],
};

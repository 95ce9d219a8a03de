// Yahoo/AOL and iCloud reply texts, and how to recognise each provider (paraphrased from the providers' published error pages as
// quoted in /work/shared/facts/ndr-knowledge.md §7); Gmail's rules are in gmail.ts.

import type { Provider, VendorRule } from './types.js';

const YAHOO = 'Yahoo Sender Hub, SMTP error codes';
const APPLE = 'Apple iCloud Mail postmaster (observed reply text)';

export const PROVIDER_RULES: readonly VendorRule[] = [
  // --- Yahoo / AOL
  {
    provider: 'yahoo',
    text: /\[TS0\d\]|\[TSS0[1-8]\]|temporarily deferred due to unexpected volume or user complaints/i,
    title: 'Deferred for volume or complaints (Yahoo)',
    meaning:
      'Yahoo temporarily defers mail from this IP because of unusual volume, complaints or reputation.',
    fix: 'Slow down, fix authentication and list quality, and let retries work; contact Yahoo only if it lasts days.',
    category: 'blocked',
    whoActs: 'sender-admin',
    ref: YAHOO,
  },
  {
    provider: 'yahoo',
    text: /\[TSS(?:09|11)\]|will be permanently deferred/i,
    title: 'IP permanently blocked (Yahoo)',
    meaning: 'Yahoo will not accept mail from this IP; retrying will not help.',
    fix: 'Fix the cause and contact Yahoo sender support.',
    category: 'blocked',
    whoActs: 'sender-admin',
    ref: YAHOO,
  },
  {
    provider: 'yahoo',
    text: /\[BL2\d\]/i,
    title: 'IP on a Spamhaus list (Yahoo)',
    meaning: 'Yahoo refuses the connection because the IP is listed by Spamhaus.',
    fix: 'Get the IP delisted at Spamhaus.',
    category: 'blocked',
    whoActs: 'sender-admin',
    ref: YAHOO,
  },
  {
    provider: 'yahoo',
    text: /Yahoo requires all senders to authenticate/i,
    title: 'Unauthenticated sender (Yahoo)',
    meaning: 'Yahoo requires SPF or DKIM to pass.',
    fix: 'Publish SPF and DKIM-sign the mail.',
    category: 'policy',
    whoActs: 'sender-admin',
    cmd: 'check-sender',
    ref: YAHOO,
  },
  {
    provider: 'yahoo',
    text: /\[PH01\]|not accepted for policy reasons/i,
    title: 'Refused for policy reasons (Yahoo)',
    meaning: 'Yahoo rejected the message on content or policy grounds.',
    fix: 'Review content and authentication; see the linked Yahoo page.',
    category: 'policy',
    whoActs: 'sender',
    ref: YAHOO,
  },
  {
    provider: 'yahoo',
    text: /unresolvable RFC\.?5321 from domain/i,
    title: 'Sender domain does not resolve (Yahoo)',
    meaning: 'The envelope sender domain does not resolve in DNS.',
    fix: 'Fix DNS for the sending domain (it needs an MX or address record).',
    category: 'policy',
    whoActs: 'sender-admin',
    cmd: 'check-sender',
    ref: YAHOO,
  },
  {
    provider: 'yahoo',
    text: /(?:dd )?This user doesn't have an? \S+ account|dd \S+ is no longer valid/i,
    title: 'No such Yahoo account',
    meaning: 'The Yahoo/AOL mailbox does not exist or was closed.',
    fix: 'Check the address; remove it if it is closed.',
    category: 'unknown-user',
    whoActs: 'sender',
    ref: YAHOO,
  },
  {
    provider: 'yahoo',
    text: /user is receiving mail too quickly/i,
    title: 'Recipient receiving too quickly (Yahoo)',
    meaning: 'Per-recipient rate limit at Yahoo.',
    fix: 'Send to this recipient less often; deferred mail is retried.',
    category: 'blocked',
    whoActs: 'sender',
    ref: YAHOO,
  },
  // --- Apple iCloud
  {
    provider: 'icloud',
    text: /deferred due to excessive volume/i,
    title: 'Deferred for volume (iCloud)',
    meaning: 'iCloud is rate-limiting mail to this recipient or from this sender.',
    fix: 'Slow down; the deferred mail is retried.',
    category: 'blocked',
    whoActs: 'sender-admin',
    ref: APPLE,
  },
  {
    provider: 'icloud',
    text: /inactive email address|unknown or illegal alias/i,
    title: 'Inactive or unknown iCloud address',
    meaning: 'The iCloud address is inactive or does not exist.',
    fix: 'Check the address; remove it if it is no longer used.',
    category: 'unknown-user',
    whoActs: 'sender',
    ref: APPLE,
  },
  {
    provider: 'icloud',
    text: /\[HME1\]|failing both SPF and DKIM/i,
    title: 'Failed SPF and DKIM (iCloud)',
    meaning: 'iCloud blocked the message because neither SPF nor DKIM passed.',
    fix: 'Publish SPF and DKIM-sign the mail.',
    category: 'policy',
    whoActs: 'sender-admin',
    cmd: 'check-sender',
    ref: APPLE,
  },
  {
    provider: 'icloud',
    text: /\[(?:CS0\d|HM0\d)\]/i,
    title: 'Rejected by local policy (iCloud)',
    meaning: "Apple's filters rejected the message under their local policy (content or reputation).",
    fix: 'Review content and authentication; contact the Apple postmaster with the bounce if it persists.',
    category: 'policy',
    whoActs: 'sender-admin',
    ref: APPLE,
  },
];

/** Hints that identify the provider from the remote MTA name or the reply text. */
export const PROVIDER_HINTS: readonly { provider: Provider; host: RegExp; text: RegExp }[] = [
  {
    provider: 'microsoft',
    host: /(?:\.protection\.outlook\.com|\.prod\.outlook\.com|\.onmicrosoft\.com|\.exchangelabs\.com|\.outlook\.office365\.com)\.?$/i,
    text: /\b(?:RESOLVER|STOREDRV|SMTPSEND|QUEUE)\.[A-Z]|protection\.outlook\.com|sender\.office\.com|go\.microsoft\.com|\bAS\(\d+\)|\(AS\d+\)|office365/i,
  },
  {
    provider: 'outlook.com',
    host: /(?:\.hotmail\.com|\.outlook\.com|\.live\.com|\.msn\.com)\.?$/i,
    text: /postmaster\.live\.com|hotmail|\(S\d{3,4}\)/i,
  },
  {
    provider: 'gmail',
    host: /(?:\.google\.com|\.googlemail\.com)\.?$/i,
    text: /\bgsmtp\b|support\.google\.com/i,
  },
  {
    provider: 'yahoo',
    host: /(?:\.yahoodns\.net|\.yahoo\.com|\.aol\.com)\.?$/i,
    text: /yahoo(?:inc)?\.com|\[(?:TSS?|PH|BL)\d\d\]/i,
  },
  {
    provider: 'icloud',
    host: /(?:\.icloud\.com|\.me\.com|\.mac\.com|\.apple\.com)\.?$/i,
    text: /support\.apple\.com|icloud/i,
  },
];

/** Recipient domains whose mail is hosted by a provider. */
export const PROVIDER_DOMAINS: ReadonlyMap<string, Provider> = new Map([
  ['gmail.com', 'gmail'],
  ['googlemail.com', 'gmail'],
  ['outlook.com', 'outlook.com'],
  ['hotmail.com', 'outlook.com'],
  ['live.com', 'outlook.com'],
  ['msn.com', 'outlook.com'],
  ['yahoo.com', 'yahoo'],
  ['aol.com', 'yahoo'],
  ['ymail.com', 'yahoo'],
  ['icloud.com', 'icloud'],
  ['me.com', 'icloud'],
  ['mac.com', 'icloud'],
]);

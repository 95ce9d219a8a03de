// Classifies a failure into one of a small, documented set of categories from its reply text,
// enhanced status code and basic reply code. Text is tried first because the same code (5.7.1 above
// all) is used for very different causes; weak generic words only count after a specific code.

import { registryDetail } from './codes/registry.js';
import type { Category } from './codes/types.js';
import {
  HOST_NOT_FOUND,
  MAILBOX_FULL,
  MESSAGE_TOO_LARGE,
  SENDING_LIMIT,
  UNKNOWN_USER,
  wordsRegExp,
} from './words.js';

export type { Category };

export const CATEGORIES: readonly { id: Category; label: string; description: string }[] = [
  {
    id: 'unknown-user',
    label: 'unknown user',
    description:
      'The recipient mailbox does not exist, was removed or moved, or is disabled (e.g. 5.1.1, 5.1.6, 5.2.1, "user unknown").',
  },
  {
    id: 'mailbox-full',
    label: 'mailbox full',
    description: 'The recipient\'s mailbox is over its storage quota (X.2.2, "mailbox full", "over quota").',
  },
  {
    id: 'message-too-large',
    label: 'message too large',
    description:
      'The message exceeds a per-mailbox or per-server size limit (5.2.3, 5.3.4, "message too large").',
  },
  {
    id: 'blocked',
    label: 'blocked / reputation',
    description:
      'The sending IP, domain or account is blocked, blocklisted (Spamhaus, DNSBL), banned or rate-limited because of its reputation or volume.',
  },
  {
    id: 'policy',
    label: 'policy / authentication',
    description:
      'A policy of the receiving server refused it: SPF, DKIM or DMARC failed, reverse DNS, SMTP AUTH or STARTTLS required, sender restrictions, greylisting, or malformed headers.',
  },
  {
    id: 'relay-denied',
    label: 'relay denied',
    description:
      'The server is not the destination for the recipient domain and will not relay for this client (5.7.1 "Unable to relay", "Relay access denied").',
  },
  {
    id: 'host-not-found',
    label: 'host not found',
    description:
      'The recipient domain or its mail host could not be found in DNS, has no usable MX, or declares it accepts no mail (5.1.2, 5.4.4, null MX 5.1.10).',
  },
  {
    id: 'network',
    label: 'network / timeout',
    description:
      'The servers could not talk: connection refused, timed out or dropped, destination unreachable, or a routing loop (4.4.1, 4.4.2, 5.4.6).',
  },
  {
    id: 'expired',
    label: 'expired in queue',
    description:
      'The sending server retried until the message expired from its queue (4.4.7, "message expired", "too long in queue").',
  },
  {
    id: 'spam-virus',
    label: 'spam / virus',
    description:
      "The receiver's content filter judged the message to be spam, or found a virus or forbidden attachment.",
  },
  {
    id: 'other',
    label: 'other',
    description:
      'Anything else: protocol errors, too many recipients, content conversion, server-side faults, or no detail given.',
  },
];

type Rule = readonly [Category, RegExp];

// Ordered: the first matching pattern decides. Rate limits before "quota" (mailbox full) words;
// blocklists before sender/recipient words; expiry before the network error it usually quotes.
const STRONG_TEXT: readonly Rule[] = [
  ['policy', /gr[ae]y-?list(?:ed|ing)?\b|greylisted|graylisted/i],
  [
    'blocked',
    /\b(?:sending|submission|relay|daily|hourly|outbound) (?:quota|limit)|rate[- ]limit|too (?:quickly|fast)|try again slower|frequency limited|too many recipients (?:this|per|an?) (?:hour|day|minute)|too many (?:connections|concurrent|messages from)|maximum number of connections|excessive volume|unexpected volume/i,
  ],
  [
    'mailbox-full',
    /mailbox (?:is )?full|mailbox (?:\S+ )?exceed(?:s|ed)|(?:mail ?)?folder (?:is )?full|(?:mailbox|inbox|disk|storage) (?:quota|space) (?:exceeded|full)|over ?quota|quota (?:exceeded|full)|exceeded (?:the |its |his |her )?(?:storage|quota|mailbox)|out of storage|insufficient (?:user )?(?:storage|space)|mailbox (?:size )?limit exceeded|QuotaExceeded|user is over|mailbox full|not enough (?:storage|space)/i,
  ],
  [
    'message-too-large',
    /(?:message|mail|size|email)[^.;]{0,40}(?:too (?:large|big)|exceeds?|exceeded)[^.;]{0,40}(?:size|limit|maximum)|message (?:is )?too (?:large|big)|too (?:large|big) for|size limit|maximum (?:message )?size|RecipSizeLimit|MaxSizeError|message length exceeds/i,
  ],
  // Reverse-DNS rejections often say "Client host rejected", which would otherwise read as a block.
  ['policy', /cannot find your hostname|reverse (?:dns|lookup|hostname)|\bptr\b|\brdns\b|fcrdns/i],
  [
    'spam-virus',
    /\bvirus|malware|infected|trojan|\bworm\b|dangerous attachment|illegal attachment|forbidden attachment/i,
  ],
  [
    'blocked',
    /spamhaus|spamcop|barracuda ?(?:central|reputation)|blocked using|\bdnsbl\b|\brbl\b|black ?list|block ?list|deny ?list|banned sending ip|(?<!not )listed (?:at|on|in|by)|reputation|bloquee|blacklisted|client host (?:\S+ )?(?:rejected|blocked)|initial connection.{0,80}(?:denied|refused|rejected|blocked)|service refus|no access from|open relay|weren't sent|no smtp service here|not accepting (?:connections|messages|mail)/i,
  ],
  // A failed SPF/DKIM/DMARC check decides even when the message is then called spam.
  [
    'policy',
    /\b(?:spf|dkim|dmarc)\b[^.;]{0,40}(?:fail|check|reject|violat|alignment)|(?:fail(?:ed|ure|s)?|due to|because of|violat\w*) (?:\S+ ){0,3}(?:spf|dkim|dmarc)\b/i,
  ],
  // A spam verdict, after blocklists and authentication failures (a listed client host or a DMARC
  // failure is the cause then) but before a mere mention of SPF ("set up SPF records") in advice.
  [
    'spam-virus',
    /spam classification|classified as (?:spam|junk)|(?:message|e-?mail|mail) (?:was |is |has been )?(?:rejected|identified|detected|flagged) (?:as|due to) (?:spam|junk)/i,
  ],
  [
    'relay-denied',
    /relay(?:ing)? (?:access )?(?:denied|not (?:permitted|allowed))|unable to relay|not permitted to relay|relaying (?:is )?(?:denied|prohibited|not allowed)|we do not relay|no relaying|relay (?:is )?prohibited|invalid credentials for relay|not a local (?:domain|user)|we do not serve this domain/i,
  ],
  [
    'policy',
    /\bspf\b|sender policy framework|\bdkim\b|\bdmarc\b|\barc\b validation|unauthenticated|authenticat(?:e|ion|ed)|must issue a starttls|starttls|tls (?:is )?(?:required|not available)|requires? tls|must use tls|over a tls connection|encryption (?:is )?(?:needed|required)|\bptr\b|reverse (?:dns|lookup|hostname)|\brdns\b|fcrdns|cannot find your hostname|rfc ?5322|rfc ?2822|multiple addresses in from|header (?:is )?(?:invalid|malformed)|bad helo|helo (?:command )?rejected|invalid helo|does not advertise auth|mismatches client ip|does not match (?:the )?(?:client|connecting) ip/i,
  ],
  [
    'policy',
    /sender (?:address )?(?:rejected|denied|refused|blocked|verify failed)|sender (?:domain|address) (?:is )?(?:invalid|unknown|not found|does not exist)|(?:mail ?from|envelope[- ]sender|return[- ]path|from) domain (?:\S+ )?(?:not found|does not|unresolvable|invalid)|unresolvable rfc\.?5321 from|sender (?:address|domain) has (?:a )?null mx|bad (?:outbound )?sender|domain of sender address|unknown sender|sender (?:address )?not (?:allowed|authorized)/i,
  ],
  [
    'expired',
    /(?<!certificate[- ]|password )\bexpired\b|too long in (?:the )?queue|retry (?:time(?:out)?|period) exceeded|failed (?:after )?\d+ (?:delivery )?attempts|long failure period|(?:could not be delivered|undeliverable) for (?:\d+|more than \d+) (?:days|hours)|could not be delivered within|delivery time expired|no further (?:delivery )?attempts|maximum (?:queue )?(?:time|lifetime)|queue lifetime/i,
  ],
  [
    'host-not-found',
    /host (?:or domain name )?(?:not found|unknown)|domain (?:name )?(?:\S+ )?(?:not found|does not exist|doesn't exist|unknown|not reachable|is not reachable)|unknown (?:host|domain)|nxdomain|no (?:mx|a) records?|no mail exchanger|no mx |nonexistent domain|NonExistentDomain|name (?:or service )?not known|could not resolve|unable to resolve|unresolvable|unrouteable (?:mail )?domain|does not accept mail|indicated no smtp service|couldn't find any host|could not find any host|point to non-?existent hosts|unrouteable address|null mx|nullmx|no such domain|dns (?:error|query failed|lookup failed)|name server|servfail/i,
  ],
  [
    'network',
    /timed? ?out|timeout|connection (?:refused|reset|dropped|closed|lost|died|failed)|no route to host|network is unreachable|(?:host|server|network) (?:is )?unreachable|could not connect|unable to connect|cannot connect|failed to connect|connect to \S+ (?:failed|timed)|did not accept our requests to connect|lost connection|broken pipe|hop count|too many hops|mail loop|routing loop|loops back to myself|tls handshake|ssl handshake|socket error|network error|(?:wasn't|was not|unable to|could not) (?:able to )?establish (?:an )?(?:smtp )?connection/i,
  ],
  [
    'unknown-user',
    /user (?:\S+ )?unknown|unknown (?:user|recipient|address|local[- ]part|mailbox)|no such (?:user|mailbox|recipient|account|address|person)|(?:user|mailbox|recipient|account|address|addressee) (?:\S+ )?(?:does not exist|doesn't exist|not exist|not found|unknown|invalid)|does not exist|doesn't exist|recipient not found|not a valid (?:mailbox|recipient|user)|invalid (?:recipient|mailbox|address|user)|mailbox (?:unavailable|not found|disabled|is disabled|inactive)|account (?:is )?(?:disabled|inactive|suspended|closed|deleted|locked|frozen)|mailbox is frozen|inactive (?:email )?address|no longer (?:valid|available|on server|active|in use)|has moved|undeliverable address|(?:account|mailbox|user) (?:has been|is|was) (?:disabled|deactivated|suspended|discontinued|closed|deleted|removed)|doesn't have an? \S+ account|invalid (?:final delivery )?userid|check if (?:the )?address is correct|not listed in (?:the )?(?:domino |public )?(?:directory|name)|bad destination mailbox|no mailbox here|RecipNotFound|unknown or illegal alias|addressee unknown/i,
  ],
  [
    'spam-virus',
    /\bspam\b|spam-like|spam ?signature|(?:message|mail) filtered|unsolicited|\bUBE\b|junk ?mail|content (?:was )?rejected|message content|unacceptable content|bulk mail|high probability of spam|phish|scam|looks like spam|spam score|content filter/i,
  ],
];

// Generic words that only count when no specific status code said otherwise.
// Non-English notices (Japanese carriers and ISPs, Russian, German, French, Spanish, Chinese,
// Korean providers) come first: they are read only when the code does not decide (a 5.3.4 or a
// 5.1.2 keeps its category whatever the words), and after the English rules, so that a quoted
// English reply decides. Sending limits before size, size before mailbox capacity; "not found" /
// "does not exist" counts as an unknown user only with a noun for a user, address or mailbox.
const WEAK_TEXT: readonly Rule[] = [
  ['blocked', wordsRegExp(SENDING_LIMIT)],
  ['message-too-large', wordsRegExp(MESSAGE_TOO_LARGE)],
  ['host-not-found', wordsRegExp(HOST_NOT_FOUND)],
  ['mailbox-full', wordsRegExp(MAILBOX_FULL)],
  ['unknown-user', wordsRegExp(UNKNOWN_USER)],
  ['unknown-user', /recipient (?:address(?:es)? )?rejected/i],
  ['relay-denied', /not our customer/i],
  ['expired', /giving up|gave up/i],
  ['policy', /policy|not (?:allowed|authori[sz]ed|permitted)|access denied|prohibited|forbidden|permission/i],
  ['blocked', /\bblocked\b|\bbanned\b|\brefused\b|\bdenied\b/i],
];

// Status "subject.detail" → category. "Weak" codes say little, so generic words may override them.
const STATUS_CATEGORY: ReadonlyMap<string, Category> = new Map([
  ['1.0', 'unknown-user'],
  ['1.1', 'unknown-user'],
  ['1.3', 'unknown-user'],
  ['1.4', 'unknown-user'],
  ['1.6', 'unknown-user'],
  ['2.1', 'unknown-user'],
  ['7.17', 'unknown-user'],
  ['7.13', 'unknown-user'],
  ['1.2', 'host-not-found'],
  ['1.10', 'host-not-found'],
  ['4.4', 'host-not-found'],
  ['4.0', 'host-not-found'],
  ['7.18', 'host-not-found'],
  ['2.2', 'mailbox-full'],
  ['2.3', 'message-too-large'],
  ['3.4', 'message-too-large'],
  ['7.16', 'message-too-large'],
  ['3.2', 'network'],
  ['4.1', 'network'],
  ['4.2', 'network'],
  ['4.3', 'network'],
  ['4.5', 'network'],
  ['4.6', 'network'],
  ['4.7', 'expired'],
  ['1.7', 'policy'],
  ['1.8', 'policy'],
  ['7.0', 'policy'],
  ['7.1', 'policy'],
  ['7.2', 'policy'],
  ['7.3', 'policy'],
  ['7.4', 'policy'],
  ['7.5', 'policy'],
  ['7.6', 'policy'],
  ['7.7', 'policy'],
  ['7.8', 'policy'],
  ['7.9', 'policy'],
  ['7.10', 'policy'],
  ['7.11', 'policy'],
  ['7.12', 'policy'],
  ['7.14', 'policy'],
  ['7.15', 'policy'],
  ['7.19', 'policy'],
  ['7.20', 'policy'],
  ['7.21', 'policy'],
  ['7.22', 'policy'],
  ['7.23', 'policy'],
  ['7.24', 'policy'],
  ['7.25', 'policy'],
  ['7.26', 'policy'],
  ['7.27', 'policy'],
  ['7.29', 'policy'],
  ['7.30', 'policy'],
  ['7.28', 'blocked'],
]);

const WEAK_STATUS = new Set(['0.0', '1.0', '2.0', '3.0', '4.0', '5.0', '6.0', '7.0', '7.1']);

const REPLY_CATEGORY: ReadonlyMap<number, Category> = new Map([
  [421, 'network'],
  [422, 'mailbox-full'],
  [521, 'host-not-found'],
  [556, 'host-not-found'],
  [523, 'policy'],
  [524, 'policy'],
  [530, 'policy'],
  [534, 'policy'],
  [535, 'policy'],
  [538, 'policy'],
  [454, 'policy'],
  [432, 'policy'],
  [525, 'unknown-user'],
  [551, 'relay-denied'],
]);

/** Longest text worth scanning; reply texts are short, and this bounds work on hostile input. */
export const MAX_TEXT = 4096;

export function categoryFromText(text: string, strength: 'strong' | 'weak' = 'strong'): Category | undefined {
  const t = text.length > MAX_TEXT ? text.slice(0, MAX_TEXT) : text;
  for (const [category, re] of strength === 'strong' ? STRONG_TEXT : WEAK_TEXT)
    if (re.test(t)) return category;
  return undefined;
}

/** Category for an enhanced status code ("5.1.1"), and whether the code is specific enough to trust. */
export function categoryFromStatus(status: string): { category: Category; weak: boolean } | undefined {
  const [, subject, detail] = status.split('.');
  if (subject === undefined || detail === undefined) return undefined;
  const key = `${Number(subject)}.${Number(detail)}`;
  const category = STATUS_CATEGORY.get(key);
  if (category) return { category, weak: WEAK_STATUS.has(key) };
  // Codes outside the registry (vendor codes): fall back to the subject, and treat as weak.
  if (registryDetail(status)) return undefined;
  const bySubject: Record<string, Category> = {
    '1': 'unknown-user',
    '2': 'mailbox-full',
    '4': 'network',
    '7': 'policy',
  };
  const guess = bySubject[String(Number(subject))];
  return guess ? { category: guess, weak: true } : undefined;
}

export function classify(input: { status?: string; replyCode?: number; diagnostic?: string }): Category {
  const text = input.diagnostic ?? '';
  const strong = text ? categoryFromText(text) : undefined;
  if (strong) return strong;
  const byStatus = input.status ? categoryFromStatus(input.status) : undefined;
  if (byStatus && !byStatus.weak) return byStatus.category;
  const weak = text ? categoryFromText(text, 'weak') : undefined;
  if (weak) return weak;
  if (byStatus) return byStatus.category;
  const byReply = input.replyCode ? REPLY_CATEGORY.get(input.replyCode) : undefined;
  return byReply ?? 'other';
}

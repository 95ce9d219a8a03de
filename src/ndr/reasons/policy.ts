import { NOT_PERMITTED } from '../words.js';
import type { CategoryInfo, Reason } from './types.js';

export const info: CategoryInfo = {
  id: 'policy',
  label: 'policy / authentication',
  description:
    'A policy of the receiving server refused it: SPF, DKIM or DMARC failed, reverse DNS, SMTP AUTH or STARTTLS required, sender restrictions, greylisting, or malformed headers.',
  status: [
    ...['1.7', '1.8'],
    ...['7.0', '7.1', '7.2', '7.3', '7.4', '7.5', '7.6', '7.7', '7.8', '7.9', '7.10', '7.11', '7.12'],
    ...['7.14', '7.15', '7.19', '7.20', '7.21', '7.22', '7.23', '7.24', '7.25', '7.26', '7.27'],
    ...['7.29', '7.30'],
  ],
  weakStatus: ['7.0', '7.1'],
  vendorSubject: '7',
  replies: [523, 524, 530, 534, 535, 538, 454, 432],
};

// Policy wording sits at five places in ORDER, each for its own reason (see order.ts).

/** Greylisting: first of all, as its temporary refusals often mention limits or the client host. */
export const greylisted: Reason = {
  name: 'greylisted',
  category: 'policy',
  strength: 'strong',
  phrases: ['greylisted', 'graylisted'],
  patterns: [/gr[ae]y-?list(?:ed|ing)?\b/i],
};

/** Reverse-DNS rejections, before blocklists: they often say "Client host rejected". */
export const reverseDns: Reason = {
  name: 'reverse-dns',
  category: 'policy',
  strength: 'strong',
  phrases: ['cannot find your hostname', 'reverse dns', 'reverse lookup', 'reverse hostname', 'fcrdns'],
  patterns: [/\bptr\b/i, /\brdns\b/i],
};

/** A failed SPF/DKIM/DMARC check: decides even when the message is then called spam. */
export const authFailed: Reason = {
  name: 'auth-failed',
  category: 'policy',
  strength: 'strong',
  patterns: [
    /\b(?:spf|dkim|dmarc)\b[^.;]{0,40}(?:fail|check|reject|violat|alignment)/i,
    /(?:fail(?:ed|ure|s)?|due to|because of|violat\w*) (?:\S+ ){0,3}(?:spf|dkim|dmarc)\b/i,
  ],
};

/**
 * A mention of authentication, TLS, HELO or header rules: after spam verdicts and relaying (advice
 * such as "set up SPF records" follows those), before the generic category words.
 */
export const authRequired: Reason = {
  name: 'auth-required',
  category: 'policy',
  strength: 'strong',
  phrases: [
    'sender policy framework',
    'unauthenticated',
    'authenticate',
    'authentication',
    'starttls',
    'must use tls',
    'over a tls connection',
    'multiple addresses in from',
    'bad helo',
    'invalid helo',
    'does not advertise auth',
    'mismatches client ip',
  ],
  patterns: [
    /\bspf\b/i,
    /\bdkim\b/i,
    /\bdmarc\b/i,
    /\barc\b validation/i,
    /tls (?:is )?(?:required|not available)/i,
    /requires? tls/i,
    /encryption (?:is )?(?:needed|required)/i,
    /rfc ?5322|rfc ?2822/i,
    /header (?:is )?(?:invalid|malformed)/i,
    /helo (?:command )?rejected/i,
    /does not match (?:the )?(?:client|connecting) ip/i,
  ],
};

/** The envelope sender is refused (unknown, unresolvable or not allowed), after relaying. */
export const senderRejected: Reason = {
  name: 'sender-rejected',
  category: 'policy',
  strength: 'strong',
  phrases: ['bad sender', 'bad outbound sender', 'domain of sender address', 'unknown sender'],
  patterns: [
    /sender (?:address )?(?:rejected|denied|refused|blocked|verify failed)/i,
    /sender (?:domain|address) (?:is )?(?:invalid|unknown|not found|does not exist)/i,
    /(?:mail ?from|envelope[- ]sender|return[- ]path|from) domain (?:\S+ )?(?:not found|does not|unresolvable|invalid)/i,
    /unresolvable rfc\.?5321 from/i,
    /sender (?:address|domain) has (?:a )?null mx/i,
    /sender (?:address )?not (?:allowed|authorized)/i,
  ],
};

/** "Policy", "not allowed", "forbidden": generic, so after every specific weak reason. */
export const notPermittedWords: Reason = {
  name: 'not-permitted-words',
  category: 'policy',
  strength: 'weak',
  words: [NOT_PERMITTED],
};

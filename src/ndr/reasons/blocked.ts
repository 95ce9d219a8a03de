import { REFUSED, SENDING_LIMIT } from '../words.js';
import type { CategoryInfo, Reason } from './types.js';

export const info: CategoryInfo = {
  id: 'blocked',
  label: 'blocked / reputation',
  description:
    'The sending IP, domain or account is blocked, blocklisted (Spamhaus, DNSBL), banned or rate-limited because of its reputation or volume.',
  status: ['7.28'],
};

/** The sender is sending too much or too fast; read before "quota" wording means a full mailbox. */
export const rateLimited: Reason = {
  name: 'rate-limited',
  category: 'blocked',
  strength: 'strong',
  phrases: [
    'too quickly',
    'too fast',
    'try again slower',
    'frequency limited',
    'too many connections',
    'too many concurrent',
    'too many messages from',
    'maximum number of connections',
    'excessive volume',
    'unexpected volume',
  ],
  patterns: [
    /\b(?:sending|submission|relay|daily|hourly|outbound) (?:quota|limit)/i,
    /rate[- ]limit/i,
    /too many recipients (?:this|per|an?) (?:hour|day|minute)/i,
  ],
};

/** The client is on a blocklist, has a bad reputation, or is refused at connection time. */
export const blocklisted: Reason = {
  name: 'blocklisted',
  category: 'blocked',
  strength: 'strong',
  phrases: [
    'spamhaus',
    'spamcop',
    'blocked using',
    'banned sending ip',
    'reputation',
    'bloquee',
    'service refus',
    'no access from',
    'open relay',
    "weren't sent",
    'no smtp service here',
  ],
  patterns: [
    /barracuda ?(?:central|reputation)/i,
    /\bdnsbl\b/i,
    /\brbl\b/i,
    /black ?list|block ?list|deny ?list/i,
    /(?<!not )listed (?:at|on|in|by)/i,
    /client host (?:\S+ )?(?:rejected|blocked)/i,
    /initial connection.{0,80}(?:denied|refused|rejected|blocked)/i,
    /not accepting (?:connections|messages|mail)/i,
  ],
};

export const sendingLimitWords: Reason = {
  name: 'sending-limit-words',
  category: 'blocked',
  strength: 'weak',
  words: [SENDING_LIMIT],
};

/** Last of all: a bare "blocked", "banned", "refused" or "denied". */
export const refusedWords: Reason = {
  name: 'refused-words',
  category: 'blocked',
  strength: 'weak',
  words: [REFUSED],
};

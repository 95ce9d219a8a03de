import { GAVE_UP } from '../words.js';
import type { CategoryInfo, Reason } from './types.js';

export const info: CategoryInfo = {
  id: 'expired',
  label: 'expired in queue',
  description:
    'The sending server retried until the message expired from its queue (4.4.7, "message expired", "too long in queue").',
  status: ['4.7'],
};

/** Read before the network and DNS wording, which an expiry notice usually quotes as its last error. */
export const queueExpired: Reason = {
  name: 'queue-expired',
  category: 'expired',
  strength: 'strong',
  phrases: [
    'too long in queue',
    'too long in the queue',
    'long failure period',
    'could not be delivered within',
    'no further attempts',
    'no further delivery attempts',
    'maximum time',
    'maximum lifetime',
    'maximum queue time',
    'maximum queue lifetime',
    'queue lifetime',
  ],
  patterns: [
    /(?<!certificate[- ]|password )\bexpired\b/i,
    /retry (?:time(?:out)?|period) exceeded/i,
    /failed (?:after )?\d+ (?:delivery )?attempts/i,
    /(?:could not be delivered|undeliverable) for (?:\d+|more than \d+) (?:days|hours)/i,
  ],
};

export const gaveUpWords: Reason = {
  name: 'gave-up-words',
  category: 'expired',
  strength: 'weak',
  words: [GAVE_UP],
};

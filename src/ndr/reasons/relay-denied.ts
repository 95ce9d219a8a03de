import { NOT_OUR_CUSTOMER } from '../words.js';
import type { CategoryInfo, Reason } from './types.js';

export const info: CategoryInfo = {
  id: 'relay-denied',
  label: 'relay denied',
  description:
    'The server is not the destination for the recipient domain and will not relay for this client (5.7.1 "Unable to relay", "Relay access denied").',
  replies: [551],
};

export const relayDenied: Reason = {
  name: 'relay-denied',
  category: 'relay-denied',
  strength: 'strong',
  phrases: [
    'unable to relay',
    'not permitted to relay',
    'we do not relay',
    'no relaying',
    'invalid credentials for relay',
    'not a local domain',
    'not a local user',
    'we do not serve this domain',
  ],
  patterns: [
    /relay(?:ing)? (?:access )?(?:denied|not (?:permitted|allowed))/i,
    /relaying (?:is )?(?:denied|prohibited|not allowed)/i,
    /relay (?:is )?prohibited/i,
  ],
};

export const notOurCustomer: Reason = {
  name: 'not-our-customer',
  category: 'relay-denied',
  strength: 'weak',
  words: [NOT_OUR_CUSTOMER],
};

import type { CategoryInfo, Reason } from './types.js';

export const info: CategoryInfo = {
  id: 'network',
  label: 'network / timeout',
  description:
    'The servers could not talk: connection refused, timed out or dropped, destination unreachable, or a routing loop (4.4.1, 4.4.2, 5.4.6).',
  status: ['3.2', '4.1', '4.2', '4.3', '4.5', '4.6'],
  vendorSubject: '4',
  replies: [421],
};

export const connectionFailed: Reason = {
  name: 'connection-failed',
  category: 'network',
  strength: 'strong',
  phrases: [
    'timeout',
    'timedout',
    'time out',
    'timed out',
    'connection refused',
    'connection reset',
    'connection dropped',
    'connection closed',
    'connection lost',
    'connection died',
    'connection failed',
    'no route to host',
    'could not connect',
    'unable to connect',
    'cannot connect',
    'failed to connect',
    'did not accept our requests to connect',
    'lost connection',
    'broken pipe',
    'tls handshake',
    'ssl handshake',
    'socket error',
    'network error',
  ],
  patterns: [
    /(?:host|server|network) (?:is )?unreachable/i,
    /connect to \S+ (?:failed|timed)/i,
    /(?:wasn't|was not|unable to|could not) (?:able to )?establish (?:an )?(?:smtp )?connection/i,
  ],
};

export const mailLoop: Reason = {
  name: 'mail-loop',
  category: 'network',
  strength: 'strong',
  phrases: ['hop count', 'too many hops', 'mail loop', 'routing loop', 'loops back to myself'],
};

import { describe } from 'node:test';
import { table } from './table.js';

describe('reason: network', () => {
  table([
    {
      text: 'connect to mx.example.com[192.0.2.1]:25: Connection refused',
      want: 'network',
      reason: 'connection-failed',
    },
    { text: 'conversation timed out', want: 'network', reason: 'connection-failed' },
    { text: 'Network is unreachable', want: 'network', reason: 'connection-failed' },
    { text: 'Hop count exceeded - possible mail loop', want: 'network', reason: 'mail-loop' },
    { text: 'x', status: '4.4.1', want: 'network' },
    { text: '', reply: 421, want: 'network' },
    // Order: the expiry decides over the network error it quotes.
    { text: 'retry timeout exceeded: connection timed out', want: 'expired', reason: 'queue-expired' },
  ]);
});

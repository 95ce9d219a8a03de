import { describe } from 'node:test';
import { table } from './table.js';

describe('reason: blocked', () => {
  table([
    {
      text: 'Client host [203.0.113.5] blocked using zen.spamhaus.org',
      want: 'blocked',
      reason: 'blocklisted',
    },
    { text: 'banned sending IP [198.51.100.222]', want: 'blocked', reason: 'blocklisted' },
    { text: 'Our system has detected an unusual rate limit', want: 'blocked', reason: 'rate-limited' },
    { text: 'too many connections from your IP', want: 'blocked', reason: 'rate-limited' },
    { text: 'IP is listed at bl.example.net', want: 'blocked', reason: 'blocklisted' },
    { text: 'IP is not listed at bl.example.net, but refused', want: 'blocked', reason: 'refused-words' },
    { text: 'Sendelimit erreicht', want: 'blocked', reason: 'sending-limit-words' },
    { text: 'Connection blocked', status: '5.7.1', want: 'blocked', reason: 'refused-words' },
    { text: 'nope', status: '5.7.28', want: 'blocked' },
    // Order: reverse DNS before the "Client host rejected" it is wrapped in.
    { text: 'Client host rejected: cannot find your hostname', want: 'policy', reason: 'reverse-dns' },
  ]);
});

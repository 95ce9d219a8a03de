import { describe } from 'node:test';
import { table } from './table.js';

describe('reason: expired', () => {
  table([
    { text: 'Message expired after 5 days', want: 'expired', reason: 'queue-expired' },
    { text: 'too long in the queue', want: 'expired', reason: 'queue-expired' },
    { text: 'failed after 12 delivery attempts', want: 'expired', reason: 'queue-expired' },
    { text: 'giving up on it', want: 'expired', reason: 'gave-up-words' },
    { text: 'x', status: '4.4.7', want: 'expired' },
    // An expired certificate or password is no expiry in the queue.
    { text: 'certificate expired', reply: 421, want: 'network' },
  ]);
});

import { describe } from 'node:test';
import { table } from './table.js';

describe('reason: spam-virus', () => {
  table([
    { text: 'Virus found in message', want: 'spam-virus', reason: 'virus' },
    { text: 'dangerous attachment rejected', want: 'spam-virus', reason: 'virus' },
    { text: 'Message classified as spam', want: 'spam-virus', reason: 'spam-verdict' },
    { text: 'high probability of spam', want: 'spam-virus', reason: 'spam-words' },
    { text: 'Message content rejected, UBE', want: 'spam-virus', reason: 'spam-words' },
    // Order: a blocklist is the cause even when the notice says "spam".
    { text: 'spam source listed at Spamhaus', want: 'blocked', reason: 'blocklisted' },
    { text: 'SPF check failed; also looks like spam', want: 'policy', reason: 'auth-failed' },
  ]);
});

import { describe } from 'node:test';
import { table } from './table.js';

describe('reason: host-not-found', () => {
  table([
    {
      text: 'Host or domain name not found. Name service error',
      want: 'host-not-found',
      reason: 'no-such-domain',
    },
    { text: 'Domain example.invalid does not exist', want: 'host-not-found', reason: 'no-such-domain' },
    { text: 'Unrouteable address', want: 'host-not-found', reason: 'no-such-domain' },
    { text: 'Domain example.org has a null MX', want: 'host-not-found', reason: 'no-such-domain' },
    { text: 'Domain existiert nicht', want: 'host-not-found', reason: 'domain-words' },
    { text: 'bad', status: '5.1.2', want: 'host-not-found' },
    { text: 'bad', status: '5.1.10', want: 'host-not-found' },
    { text: '', reply: 556, want: 'host-not-found' },
    // Order: a sender's unresolvable domain is a policy refusal, not the recipient's domain.
    { text: 'Sender address rejected: Domain not found', want: 'policy', reason: 'sender-rejected' },
  ]);
});

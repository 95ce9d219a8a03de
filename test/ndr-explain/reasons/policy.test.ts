import { describe } from 'node:test';
import { table } from './table.js';

// Policy wording sits at five places in ORDER; each row shows one of them deciding.
describe('reason: policy', () => {
  table([
    { text: 'Greylisted, please try again in 180 seconds', want: 'policy', reason: 'greylisted' },
    { text: 'greylisting in action: too many connections', want: 'policy', reason: 'greylisted' },
    { text: 'Client host rejected: cannot find your hostname', want: 'policy', reason: 'reverse-dns' },
    { text: 'no PTR record for 192.0.2.1', want: 'policy', reason: 'reverse-dns' },
    { text: 'DMARC policy violation, message looks like spam', want: 'policy', reason: 'auth-failed' },
    {
      text: 'Unauthenticated email from example.com is not accepted',
      want: 'policy',
      reason: 'auth-required',
    },
    { text: 'Must issue a STARTTLS command first', want: 'policy', reason: 'auth-required' },
    { text: 'Sender address rejected: Domain not found', want: 'policy', reason: 'sender-rejected' },
    { text: 'Rejected by local policy', want: 'policy', reason: 'not-permitted-words' },
    { text: 'go away', status: '5.7.26', want: 'policy' },
    { text: '', reply: 530, want: 'policy' },
    // A vague 5.7.1 yields to weak wording of another category.
    { text: 'Recipient address rejected', status: '5.7.1', want: 'unknown-user' },
    // Order: a spam verdict is not a policy, but a failed DMARC check behind it is.
    { text: 'Message rejected as spam', want: 'spam-virus', reason: 'spam-verdict' },
  ]);
});

// The relay group of `mailflow check` (only with --relay-test): does the best exchanger relay
// mail from outside to outside?
import type { CheckGroup } from '../group.js';
import { groupMeta } from '../groups.js';
import { gatherRelay } from './gather.js';

export const relayGroup: CheckGroup<'relay'> = {
  ...groupMeta('relay'),
  requires: ['relay'],
  gather: {
    relay: {
      // Its sessions look like spam attempts: they start when every other session is over.
      after: ['ehlo', 'starttls', 'tlsa', 'mta-sts', 'tls-rpt', 'spf', 'dmarc'],
      run: gatherRelay,
    },
  },
  // The session judges as it goes (it decides the next command); see relay/session.ts.
  judge: (f) => ({ findings: f.relay.findings, data: { relay: f.relay.data } }),
};

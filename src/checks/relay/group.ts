// The relay group of `mailflow check` (only with --relay-test): does the best exchanger relay
// mail from outside to outside?
import type { CheckGroup } from '../group.js';
import { groupMeta } from '../groups.js';
import { gatherRelay } from './gather.js';
import { judge } from './judge.js';

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
  // check shows no relay tables: the verdict and its data.
  judge: (f) => {
    const { findings, data } = judge(f.relay, false);
    return { findings, data: { relay: data } };
  },
};

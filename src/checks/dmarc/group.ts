// The dmarc group of `mailflow check`: the DMARC record found by the tree walk (RFC 9989).
// Gather: gatherDmarc (DNS, gather.ts); judge: judge.ts (pure).
import type { CheckGroup } from '../group.js';
import { groupMeta } from '../groups.js';
import { normName } from '../shared/txt-lookup.js';
import { gatherDmarc } from './gather.js';
import { dmarcJson, judge } from './judge.js';

export const dmarcGroup: CheckGroup<'dmarc'> = {
  ...groupMeta('dmarc'),
  requires: ['dmarc'],
  gather: { dmarc: { run: (ctx) => gatherDmarc(ctx.txt, ctx.domain) } },
  judge: (f, ctx) => ({
    findings: judge(normName(ctx.domain), f.dmarc),
    data: { dmarc: dmarcJson(f.dmarc) },
  }),
  // np= says what receivers do with mail from names that do not exist, so --only dmarc still asks.
  onNxdomain: 'when-named',
};

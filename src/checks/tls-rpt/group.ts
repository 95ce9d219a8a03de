// The tls-rpt group of `mailflow check`: the _smtp._tls TXT record (RFC 8460).
// Gather: one TXT lookup (gather.ts); judge: the answer → findings (judge.ts, pure).
import type { CheckGroup } from '../group.js';
import { groupMeta } from '../groups.js';
import { gatherTlsRpt } from './gather.js';
import { judge } from './judge.js';

export const tlsRptGroup: CheckGroup<'tls-rpt'> = {
  ...groupMeta('tls-rpt'),
  requires: ['tls-rpt'],
  gather: { 'tls-rpt': { run: (ctx) => gatherTlsRpt(ctx.txt, ctx.domain) } },
  judge: (f) => {
    const { findings, data } = judge(f['tls-rpt']);
    return { findings, data: { tlsRpt: data } };
  },
};

// The tls-rpt group of `mailflow check`: the _smtp._tls TXT record (RFC 8460).
import type { CheckGroup } from '../group.js';
import { groupMeta } from '../groups.js';
import { checkTlsRpt } from './index.js';

export const tlsRptGroup: CheckGroup<'tls-rpt'> = {
  ...groupMeta('tls-rpt'),
  requires: ['tls-rpt'],
  gather: { 'tls-rpt': { run: (ctx) => checkTlsRpt(ctx.txt, ctx.domain) } },
  judge: (f) => ({ findings: f['tls-rpt'].findings, data: { tlsRpt: f['tls-rpt'].data } }),
};

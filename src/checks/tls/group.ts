// The tls group of `mailflow check`: STARTTLS, protocol version and certificate of each
// exchanger, judged with the domain's MTA-STS mode and DANE records in mind.
import type { CheckGroup } from '../group.js';
import { groupMeta } from '../groups.js';
import { gatherStarttlsFact } from './gather.js';
import { judge } from './judge.js';
import { tlsMetrics } from './report.js';

export const tlsGroup: CheckGroup<'starttls' | 'tlsa' | 'mta-sts'> = {
  ...groupMeta('tls'),
  requires: ['starttls', 'tlsa', 'mta-sts'],
  // After the smtp group's EHLO sessions: those decide which exchangers to test.
  gather: { starttls: { after: ['ehlo'], run: gatherStarttlsFact } },
  judge,
  metrics: (f, ctx) => tlsMetrics(f.starttls ?? [], ctx.env.thresholds),
};

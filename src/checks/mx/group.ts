// The mx group of `mailflow check` (book ch. 5/7): the MX records, their addresses and PTRs.
// Its MX answer is the fact every other group starts from.
import type { CheckGroup, GatherContext, MxFacts } from '../group.js';
import { groupMeta } from '../groups.js';
import { noTargetReason } from '../inbound/not-tested.js';
import { gatherMx } from './gather.js';
import { judge } from './judge.js';
import { mxData, mxTable } from './report.js';

async function gatherMxFacts({ domain, env }: GatherContext): Promise<MxFacts> {
  env.progress(`${domain}: MX records`);
  const report = await gatherMx(env.resolver, domain, {
    ...(env.family ? { family: env.family } : {}),
    ptr: env.groups.has('mx') && env.ptr,
  });
  const l = report.lookup;
  return {
    report,
    exchangers: l.nullMx ? [] : l.exchangers.filter((e) => e.addresses.length > 0),
    mxHosts: l.implicit ? [] : l.exchangers.map((e) => e.host),
    noTarget: noTargetReason(l, env.family),
  };
}

export const mxGroup: CheckGroup<'mx'> = {
  ...groupMeta('mx'),
  requires: ['mx'],
  gather: { mx: { run: gatherMxFacts } },
  // The MX answer → findings (judge.ts), the exchanger table and data.mx.
  judge: (f) => {
    const table = mxTable(f.mx.report);
    return {
      findings: judge(f.mx.report),
      ...(table ? { tables: [{ ...table, id: 'mx.exchangers' }] } : {}),
      data: { mx: mxData(f.mx.report) },
    };
  },
  // A domain that does not exist: the MX answer (NXDOMAIN) is the news.
  onNxdomain: 'judge',
};

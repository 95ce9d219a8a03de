// The blocklist group of `mailflow check`: the exchangers' addresses and the domain itself against
// the default DNS blocklists, with the zones' health asked once per run. Gather: session.ts (DNS);
// judge: judge.ts (pure).
import type { CheckGroup, GatherContext } from '../group.js';
import { groupMeta } from '../groups.js';
import { blocklistMetrics, judge } from './judge.js';
import { gatherExchangers } from './session.js';

async function gatherBlocklist(ctx: GatherContext) {
  const { exchangers } = await ctx.fact('mx')!;
  return gatherExchangers(
    ctx.env.resolver,
    ctx.domain,
    exchangers.flatMap((e) => e.addresses),
    ctx.env.blocklist,
  );
}

export const blocklistGroup: CheckGroup<'blocklist'> = {
  ...groupMeta('blocklist'),
  requires: ['blocklist'],
  gather: { blocklist: { run: gatherBlocklist } },
  judge: (f) => {
    const { findings, data } = judge(f.blocklist);
    return { findings, data: { blocklist: data } };
  },
  metrics: (f, ctx) => (f.blocklist ? blocklistMetrics(ctx.domain, judge(f.blocklist).findings) : []),
};

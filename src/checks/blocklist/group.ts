// The blocklist group of `mailflow check`: the exchangers' addresses and the domain itself against
// the default DNS blocklists, with the zones' health asked once per run (src/checks/blocklist/index.ts).
import type { CheckGroup, GatherContext } from '../group.js';
import { groupMeta } from '../groups.js';
import { blocklistMetrics, checkExchangers } from './index.js';

async function gatherBlocklist(ctx: GatherContext) {
  const { exchangers } = await ctx.fact('mx')!;
  return checkExchangers(
    ctx.env.resolver,
    ctx.domain,
    exchangers.flatMap((e) => e.addresses),
  );
}

export const blocklistGroup: CheckGroup<'blocklist'> = {
  ...groupMeta('blocklist'),
  requires: ['blocklist'],
  gather: { blocklist: { run: gatherBlocklist } },
  // The session asks and judges in one step (checkTarget); the group reports what it found.
  judge: (f) => ({ findings: f.blocklist.findings, data: { blocklist: f.blocklist.data } }),
  metrics: (f, ctx) => (f.blocklist ? blocklistMetrics(ctx.domain, f.blocklist.findings) : []),
};

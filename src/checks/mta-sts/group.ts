// The mta-sts group of `mailflow check`: the _mta-sts TXT record and the HTTPS policy (RFC 8461).
// The tls group reads the same fact (enforce mode raises certificate faults).
// Gather: DNS and HTTPS (gather.ts); judge: the answers → findings (judge.ts, pure).
import type { CheckGroup, GatherContext } from '../group.js';
import { groupMeta } from '../groups.js';
import { gatherMtaSts } from './gather.js';
import { judge } from './judge.js';

async function gather(ctx: GatherContext) {
  const { env, domain } = ctx;
  const { mxHosts } = await ctx.fact('mx')!;
  const resolve = async (h: string) => {
    const a = await env.resolver.addresses(h, env.family);
    return a.addresses.map((address) => ({
      address,
      family: address.includes(':') ? (6 as const) : (4 as const),
    }));
  };
  return gatherMtaSts(ctx.txt, domain, mxHosts, {
    timeoutMs: env.timeoutSeconds * 1000,
    resolve,
    ...(env.stsPort ? { port: env.stsPort } : {}),
    ...(env.ca ? { ca: env.ca } : {}),
  });
}

export const mtaStsGroup: CheckGroup<'mta-sts'> = {
  ...groupMeta('mta-sts'),
  requires: ['mta-sts'],
  gather: { 'mta-sts': { run: gather } },
  judge: (f) => {
    const { findings, data } = judge(f['mta-sts']);
    return { findings, data: { mtaSts: data } };
  },
};

// The mta-sts group of `mailflow check`: the _mta-sts TXT record and the HTTPS policy (RFC 8461).
// The tls group reads the same fact (enforce mode raises certificate faults).
import type { CheckGroup, GatherContext } from '../group.js';
import { groupMeta } from '../groups.js';
import { checkMtaSts } from './index.js';

async function gatherMtaSts(ctx: GatherContext) {
  const { env, domain } = ctx;
  const { mxHosts } = await ctx.fact('mx')!;
  const resolve = async (h: string) => {
    const a = await env.resolver.addresses(h, env.family);
    return a.addresses.map((address) => ({
      address,
      family: address.includes(':') ? (6 as const) : (4 as const),
    }));
  };
  return checkMtaSts(ctx.txt, domain, mxHosts, {
    timeoutMs: env.timeoutSeconds * 1000,
    resolve,
    ...(env.stsPort ? { port: env.stsPort } : {}),
    ...(env.ca ? { ca: env.ca } : {}),
  });
}

export const mtaStsGroup: CheckGroup<'mta-sts'> = {
  ...groupMeta('mta-sts'),
  requires: ['mta-sts'],
  gather: { 'mta-sts': { run: gatherMtaSts } },
  judge: (f) => ({ findings: f['mta-sts'].findings, data: { mtaSts: f['mta-sts'].data } }),
};

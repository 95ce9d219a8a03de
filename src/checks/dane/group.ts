// The dane group of `mailflow check`: TLSA records at _25._tcp.<exchanger> and whether the
// certificate each exchanger presents matches them.
import type { CheckGroup, GatherContext } from '../group.js';
import { groupMeta } from '../groups.js';
import { judge } from './judge.js';
import { lookupTlsa } from './lookup.js';

async function gatherTlsa(ctx: GatherContext) {
  const { exchangers } = await ctx.fact('mx')!;
  return Promise.all(exchangers.map((e) => lookupTlsa(ctx.env.resolver, e.host, ctx.env.port)));
}

export const daneGroup: CheckGroup<'tlsa' | 'starttls'> = {
  ...groupMeta('dane'),
  requires: ['tlsa', 'starttls'],
  gather: { tlsa: { run: gatherTlsa } },
  judge,
};

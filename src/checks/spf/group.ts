// The spf group of `mailflow check`: the domain's SPF record walked through its includes,
// its DNS lookups counted (RFC 7208). Gather: the walk (DNS, gather.ts); judge: judge.ts (pure).
import type { CheckGroup } from '../group.js';
import { groupMeta } from '../groups.js';
import { walkSpf } from './gather.js';
import { judge, spfJson } from './judge.js';

export const spfGroup: CheckGroup<'spf'> = {
  ...groupMeta('spf'),
  requires: ['spf'],
  gather: { spf: { run: (ctx) => walkSpf(ctx.txt, ctx.domain) } },
  judge: (f) => ({ findings: judge(f.spf), data: { spf: spfJson(f.spf) } }),
};

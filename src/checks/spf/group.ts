// The spf group of `mailflow check`: the domain's SPF record walked through its includes,
// its DNS lookups counted (RFC 7208). Gather: the walk (DNS); judge: spfFindings (pure).
import type { CheckGroup } from '../group.js';
import { groupMeta } from '../groups.js';
import { spfFindings, spfJson } from './index.js';
import { walkSpf } from './walk.js';

export const spfGroup: CheckGroup<'spf'> = {
  ...groupMeta('spf'),
  requires: ['spf'],
  gather: { spf: { run: (ctx) => walkSpf(ctx.txt, ctx.domain) } },
  judge: (f) => ({ findings: spfFindings(f.spf), data: { spf: spfJson(f.spf) } }),
};

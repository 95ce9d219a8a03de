// The blocklist check as a unit for runners (`mailflow blocklist`, the `blocklist` group of `check`):
// session.ts holds a run's zones and their health (asked once) and asks each target's subjects
// (I/O only); judge.ts turns those facts into findings (pure).
import type { TargetFacts } from './gather.js';
import { judge } from './judge.js';
import { type BlocklistSession, gatherFacts } from './session.js';

export { type GatherOptions, gatherTarget, type TargetFacts } from './gather.js';
export { type BlocklistData, blocklistMetrics, judge } from './judge.js';
export { type ActiveZone, selectZones } from './select.js';
export { type BlocklistFacts, type BlocklistSession, gatherExchangers, startSession } from './session.js';

/** Ask the healthy zones about a target's subjects, then judge the answers. */
export async function checkTarget(
  s: BlocklistSession,
  target: TargetFacts,
): Promise<ReturnType<typeof judge>> {
  return judge(await gatherFacts(s, target));
}

// Finding ids of `mailflow check` itself, the check.* prefix: a group that tested nothing or ran
// out of time, and what the smtp group finds about the path rather than the servers (no
// exchanger, port 25 blocked; emitted by src/checks/smtp/). Each declared once, with the
// severities it can have (the first is the default). Ids are never renamed: monitoring keys on them (test/core/catalogue.test.ts).
import type { Catalogue } from '../../findings/catalogue.js';

export const CHECK_IDS = {
  'check.control-ok': { severity: ['info'] },
  'check.deadline': { severity: ['unknown'] },
  'check.no-exchangers': { severity: ['fail', 'unknown'] },
  'check.not-tested': { severity: ['info', 'unknown'] },
  'check.port25-blocked': { severity: ['unknown'] },
  'check.port25-maybe-blocked': { severity: ['unknown'] },
} as const satisfies Catalogue;

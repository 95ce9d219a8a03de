// Finding ids of `mailflow check` itself (a group that tested nothing or ran out of time): each declared once, with the severities it can have (the first is the
// default). Ids are never renamed: monitoring keys on them (test/core/catalogue.test.ts).
import type { Catalogue } from '../../findings/catalogue.js';

export const CHECK_IDS = {
  'check.deadline': { severity: ['unknown'] },
  'check.not-tested': { severity: ['info', 'unknown'] },
} as const satisfies Catalogue;

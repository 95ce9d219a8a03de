// Finding ids of the smtp group of `check` (probe.* and ehlo.* are declared in probe/ and ehlo/): each declared once, with the severities it can have (the first is the
// default). Ids are never renamed: monitoring keys on them (test/core/catalogue.test.ts).
import type { Catalogue } from '../../findings/catalogue.js';

export const SMTP_IDS = {
  'check.control-ok': { severity: ['info'] },
  'check.no-exchangers': { severity: ['fail', 'unknown'] },
  'check.port25-blocked': { severity: ['unknown'] },
  'check.port25-maybe-blocked': { severity: ['unknown'] },
  'smtp.slow': { severity: ['fail', 'warn'] },
} as const satisfies Catalogue;

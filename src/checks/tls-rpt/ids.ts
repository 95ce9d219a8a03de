// Finding ids of the tls-rpt group of `check`: each declared once, with the severities it can have (the first is the
// default). Ids are never renamed: monitoring keys on them (test/core/catalogue.test.ts).
import type { Catalogue } from '../../findings/catalogue.js';

export const TLS_RPT_IDS = {
  'tls-rpt.dns-error': { severity: ['unknown'] },
  'tls-rpt.invalid': { severity: ['warn'] },
  'tls-rpt.none': { severity: ['info'] },
  'tls-rpt.ok': { severity: ['ok'] },
} as const satisfies Catalogue;

// Finding ids of the DNS failures several checks report: each declared once, with the severities it can have (the first is the
// default). Ids are never renamed: monitoring keys on them (test/core/catalogue.test.ts).
import type { Catalogue } from '../../findings/catalogue.js';

export const SHARED_IDS = {
  'dns.error': { severity: ['unknown'] },
} as const satisfies Catalogue;

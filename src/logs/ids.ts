// Finding ids of `mailflow logs`: each declared once, with the severities it can have (the first is
// the default). Ids are never renamed: monitoring keys on them (test/core/catalogue.test.ts).
import type { Catalogue } from '../findings/catalogue.js';

export const LOGS_IDS = {
  'logs.accepted': { severity: ['info'] },
  'logs.bounced': { severity: ['fail'] },
  'logs.deferred': { severity: ['warn'] },
  'logs.delivered': { severity: ['ok'] },
  'logs.expired': { severity: ['fail'] },
  'logs.no-events': { severity: ['unknown'] },
  'logs.not-found': { severity: ['unknown'] },
  'logs.rejected': { severity: ['fail', 'warn'] },
  'logs.summary': { severity: ['ok'] },
  'logs.volume-outlier': { severity: ['warn'] },
} as const satisfies Catalogue;

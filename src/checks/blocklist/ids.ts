// Finding ids of `mailflow blocklist` and the blocklist group of `check`: each declared once, with
// the severities it can have (the first is the default). Ids are never renamed: monitoring keys on
// them (test/core/catalogue.test.ts).
import type { Catalogue } from '../../findings/catalogue.js';

export const BLOCKLIST_IDS = {
  'blocklist.clean': { severity: ['ok'] },
  'blocklist.error': { severity: ['unknown'] },
  'blocklist.listed': { severity: ['fail', 'warn'] },
  'blocklist.policy-listed': { severity: ['info'] },
  'blocklist.public-resolver': { severity: ['warn'] },
  'blocklist.zone-broken': { severity: ['unknown'] },
} as const satisfies Catalogue;

// Finding ids of `mailflow relay` and the relay group of `check`: each declared once, with the severities it can have (the first is the
// default). Ids are never renamed: monitoring keys on them (test/core/catalogue.test.ts).
import type { Catalogue } from '../../findings/catalogue.js';

export const RELAY_IDS = {
  'relay.closed': { severity: ['ok'] },
  'relay.connect-failed': { severity: ['unknown'] },
  'relay.inconclusive': { severity: ['warn'] },
  'relay.null-mx': { severity: ['info'] },
  'relay.open': { severity: ['fail'] },
  'relay.proxy-error': { severity: ['unknown'] },
} as const satisfies Catalogue;

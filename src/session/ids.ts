// Finding ids of `mailflow session`: each declared once, with the severities it can have (the first
// is the default). Ids are never renamed: monitoring keys on them (test/core/catalogue.test.ts).
import type { Catalogue } from '../findings/catalogue.js';

export const SESSION_IDS = {
  'session.connect-failed': { severity: ['fail'] },
  'session.proxy-error': { severity: ['unknown'] },
  'session.ended': { severity: ['info'] },
  'session.replay-ok': { severity: ['ok'] },
  'session.unexpected-reply': { severity: ['fail'] },
} as const satisfies Catalogue;

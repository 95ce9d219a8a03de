// Finding ids of `mailflow headers`: each declared once, with the severities it can have (the first is the
// default). Ids are never renamed: monitoring keys on them (test/core/catalogue.test.ts).
import type { Catalogue } from '../findings/catalogue.js';

export const HEADERS_IDS = {
  'headers.arc-broken': { severity: ['warn'] },
  'headers.clock-skew': { severity: ['info'] },
  'headers.delay': { severity: ['warn'] },
  'headers.dkim-fail': { severity: ['fail'] },
  'headers.dmarc-fail': { severity: ['fail'] },
  'headers.no-tls-hop': { severity: ['warn'] },
  'headers.ok': { severity: ['ok'] },
  'headers.spam-verdict': { severity: ['info', 'warn'] },
  'headers.spf-fail': { severity: ['fail', 'warn'] },
  'headers.unparsed': { severity: ['info'] },
  'headers.unreadable': { severity: ['unknown'] },
} as const satisfies Catalogue;

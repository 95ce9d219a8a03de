// Finding ids of `mailflow ehlo` and the smtp group of `check`: each declared once, with the severities it can have (the first is the
// default). Ids are never renamed: monitoring keys on them (test/core/catalogue.test.ts).
import type { Catalogue } from '../../findings/catalogue.js';

export const EHLO_IDS = {
  'ehlo.error': { severity: ['fail'] },
  'ehlo.helo-only': { severity: ['warn'] },
  'ehlo.masked': { severity: ['warn'] },
  'ehlo.missing-verbs': { severity: ['fail'] },
  'ehlo.no-starttls': { severity: ['warn'] },
  'ehlo.ok': { severity: ['ok'] },
  'ehlo.profile': { severity: ['info'] },
  'ehlo.refused': { severity: ['fail'] },
  'ehlo.tls-cert': { severity: ['info', 'warn'] },
  'ehlo.tls-error': { severity: ['fail'] },
  'ehlo.unresolved': { severity: ['fail'] },
} as const satisfies Catalogue;

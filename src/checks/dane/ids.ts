// Finding ids of the dane group of `check`: each declared once, with the severities it can have (the first is the
// default). Ids are never renamed: monitoring keys on them (test/core/catalogue.test.ts).
import type { Catalogue } from '../../findings/catalogue.js';

export const DANE_IDS = {
  'dane.dns-error': { severity: ['unknown'] },
  'dane.mismatch': { severity: ['fail'] },
  'dane.no-tls': { severity: ['fail'] },
  'dane.none': { severity: ['info'] },
  'dane.ok': { severity: ['ok'] },
  'dane.unsigned': { severity: ['warn'] },
  'dane.unusable': { severity: ['warn'] },
  'dane.unverified': { severity: ['warn'] },
} as const satisfies Catalogue;

// Finding ids of the spf group of `check`: each declared once, with the severities it can have (the first is the
// default). Ids are never renamed: monitoring keys on them (test/core/catalogue.test.ts).
import type { Catalogue } from '../../findings/catalogue.js';

export const SPF_IDS = {
  'spf.dns-error': { severity: ['unknown'] },
  'spf.include-broken': { severity: ['fail'] },
  'spf.macros': { severity: ['info'] },
  'spf.multiple': { severity: ['fail'] },
  'spf.neutral': { severity: ['info'] },
  'spf.none': { severity: ['warn'] },
  'spf.ok': { severity: ['ok'] },
  'spf.pass-all': { severity: ['fail'] },
  'spf.ptr': { severity: ['info'] },
  'spf.syntax': { severity: ['fail'] },
  'spf.too-many-lookups': { severity: ['fail'] },
  'spf.void-lookups': { severity: ['fail'] },
} as const satisfies Catalogue;

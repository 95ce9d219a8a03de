// Finding ids of the dmarc group of `check`: each declared once, with the severities it can have (the first is the
// default). Ids are never renamed: monitoring keys on them (test/core/catalogue.test.ts).
import type { Catalogue } from '../../findings/catalogue.js';

export const DMARC_IDS = {
  'dmarc.dns-error': { severity: ['info', 'unknown'] },
  'dmarc.ignored-record': { severity: ['fail'] },
  'dmarc.inherited': { severity: ['info'] },
  'dmarc.multiple': { severity: ['fail'] },
  'dmarc.no-rua': { severity: ['info'] },
  'dmarc.none': { severity: ['warn'] },
  'dmarc.np-none': { severity: ['info'] },
  'dmarc.ok': { severity: ['ok'] },
  'dmarc.policy-none': { severity: ['warn'] },
  'dmarc.psd-policy': { severity: ['warn'] },
  'dmarc.removed-tags': { severity: ['info'] },
  'dmarc.sp-ignored': { severity: ['info'] },
  'dmarc.subdomain-none': { severity: ['info'] },
  'dmarc.syntax': { severity: ['warn', 'fail'] },
  'dmarc.testing': { severity: ['warn', 'info'] },
  'dmarc.unknown-tags': { severity: ['info'] },
} as const satisfies Catalogue;

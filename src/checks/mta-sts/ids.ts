// Finding ids of the mta-sts group of `check`: each declared once, with the severities it can have (the first is the
// default). Ids are never renamed: monitoring keys on them (test/core/catalogue.test.ts).
import type { Catalogue } from '../../findings/catalogue.js';

export const MTA_STS_IDS = {
  'mta-sts.content-type': { severity: ['warn'] },
  'mta-sts.dns-error': { severity: ['unknown'] },
  'mta-sts.fetch-failed': { severity: ['fail'] },
  'mta-sts.max-age-short': { severity: ['info'] },
  'mta-sts.mx-mismatch': { severity: ['fail', 'warn'] },
  'mta-sts.none': { severity: ['info'] },
  'mta-sts.not-enforced': { severity: ['info'] },
  'mta-sts.ok': { severity: ['ok'] },
  'mta-sts.policy-invalid': { severity: ['fail'] },
  'mta-sts.record-invalid': { severity: ['fail'] },
} as const satisfies Catalogue;

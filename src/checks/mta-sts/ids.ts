// Finding ids of the mta-sts group of `check`: each declared once, with the severities it can have, a title and a ref (the first is the
// default). Ids are never renamed: monitoring keys on them (test/core/catalogue.test.ts).
import type { Catalogue } from '../../findings/catalogue.js';

export const MTA_STS_IDS = {
  'mta-sts.content-type': {
    severity: ['warn'],
    title: 'The policy is not served as text/plain',
    ref: 'RFC 8461 §3.2',
  },
  'mta-sts.dns-error': { severity: ['unknown'], title: 'The _mta-sts lookup failed', ref: 'RFC 8461 §3.1' },
  'mta-sts.fetch-failed': {
    severity: ['fail'],
    title: 'The MTA-STS policy could not be fetched',
    ref: 'RFC 8461 §3.3',
  },
  'mta-sts.max-age-short': {
    severity: ['info'],
    title: "The policy's max_age is short",
    ref: 'RFC 8461 §3.2',
  },
  'mta-sts.mx-mismatch': {
    severity: ['fail', 'warn'],
    title: 'An MX is not covered by the policy',
    ref: 'RFC 8461 §4.1',
  },
  'mta-sts.none': { severity: ['info'], title: 'No MTA-STS policy', ref: 'RFC 8461 §3' },
  'mta-sts.not-enforced': { severity: ['info'], title: 'MTA-STS is not in enforce mode', ref: 'RFC 8461 §5' },
  'mta-sts.ok': { severity: ['ok'], title: 'The MTA-STS policy covers every MX', ref: 'RFC 8461' },
  'mta-sts.policy-invalid': {
    severity: ['fail'],
    title: 'The MTA-STS policy has errors',
    ref: 'RFC 8461 §3.2',
  },
  'mta-sts.record-invalid': {
    severity: ['fail'],
    title: 'The _mta-sts record is invalid',
    ref: 'RFC 8461 §3.1',
  },
} as const satisfies Catalogue;

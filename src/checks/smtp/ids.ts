// Finding ids of the smtp group of `check` (it also reports probe.* and ehlo.*, declared in probe/
// and ehlo/, and check.port25-*/check.no-exchangers, declared with check's own in inbound/ids.ts):
// each declared once, with the severities it can have, a title and a ref (the first is the default). Ids are never renamed: monitoring keys on them (test/core/catalogue.test.ts).
import type { Catalogue } from '../../findings/catalogue.js';

export const SMTP_IDS = {
  'smtp.slow': {
    severity: ['fail', 'warn'],
    title: 'An exchanger is slow to connect or greet',
    ref: 'RFC 5321 §4.5.3.2',
  },
} as const satisfies Catalogue;

// Finding ids of the tls-rpt group of `check`: each declared once, with the severities it can have, a title and a ref (the first is the
// default). Ids are never renamed: monitoring keys on them (test/core/catalogue.test.ts).
import type { Catalogue } from '../../findings/catalogue.js';

export const TLS_RPT_IDS = {
  'tls-rpt.dns-error': { severity: ['unknown'], title: 'The _smtp._tls lookup failed', ref: 'RFC 8460 §3' },
  'tls-rpt.invalid': { severity: ['warn'], title: 'The TLS-RPT record is invalid', ref: 'RFC 8460 §3' },
  'tls-rpt.none': { severity: ['info'], title: 'No TLS-RPT record', ref: 'RFC 8460 §3' },
  'tls-rpt.ok': { severity: ['ok'], title: 'TLS-RPT reports are requested', ref: 'RFC 8460 §3' },
} as const satisfies Catalogue;

// Finding ids of the tls group of `check`: each declared once, with the severities it can have, a title and a ref (the first is the
// default). Ids are never renamed: monitoring keys on them (test/core/catalogue.test.ts).
import type { Catalogue } from '../../findings/catalogue.js';

export const TLS_IDS = {
  'tls.cert-expired': {
    severity: ['fail', 'info'],
    title: 'The certificate has expired',
    ref: 'RFC 5280 §4.1.2.5; RFC 8461 §4.2',
  },
  'tls.cert-expiring': {
    severity: ['warn', 'fail', 'info'],
    title: 'The certificate expires soon',
    ref: 'RFC 5280 §4.1.2.5',
  },
  'tls.cert-name': {
    severity: ['fail', 'info'],
    title: 'The certificate is not for this name',
    ref: 'RFC 6125 §6; RFC 8461 §4.2',
  },
  'tls.cert-untrusted': {
    severity: ['fail', 'info'],
    title: 'The certificate chain is not trusted',
    ref: 'RFC 5280 §6; RFC 8461 §4.2',
  },
  'tls.handshake-failed': {
    severity: ['fail', 'warn'],
    title: 'STARTTLS offered but the handshake failed',
    ref: 'RFC 3207; Book ch. 7, Troubleshooting Mail Flow',
  },
  'tls.not-offered': {
    severity: ['fail', 'warn'],
    title: 'STARTTLS is not offered',
    ref: 'RFC 3207 §4; RFC 8461 §4.2',
  },
  'tls.ok': {
    severity: ['ok'],
    title: 'STARTTLS with a valid certificate',
    ref: 'RFC 3207; Book ch. 7, Troubleshooting Mail Flow',
  },
  'tls.old-version': { severity: ['warn'], title: 'An old TLS version was negotiated', ref: 'RFC 8996' },
} as const satisfies Catalogue;

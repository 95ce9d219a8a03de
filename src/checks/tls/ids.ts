// Finding ids of the tls group of `check`: each declared once, with the severities it can have (the first is the
// default). Ids are never renamed: monitoring keys on them (test/core/catalogue.test.ts).
import type { Catalogue } from '../../findings/catalogue.js';

export const TLS_IDS = {
  'tls.cert-expired': { severity: ['fail', 'info'] },
  'tls.cert-expiring': { severity: ['warn', 'fail', 'info'] },
  'tls.cert-name': { severity: ['fail', 'info'] },
  'tls.cert-untrusted': { severity: ['fail', 'info'] },
  'tls.handshake-failed': { severity: ['fail', 'warn'] },
  'tls.not-offered': { severity: ['fail', 'warn'] },
  'tls.ok': { severity: ['ok'] },
  'tls.old-version': { severity: ['warn'] },
} as const satisfies Catalogue;

// Finding ids of `mailflow send`: each declared once, with the severities it can have (the first is the
// default). Ids are never renamed: monitoring keys on them (test/core/catalogue.test.ts).
import type { Catalogue } from '../findings/catalogue.js';

export const SEND_IDS = {
  'send.8bit-without-8bitmime': { severity: ['warn'] },
  'send.auth-failed': { severity: ['fail'] },
  'send.auth-not-offered': { severity: ['fail'] },
  'send.connect-failed': { severity: ['fail'] },
  'send.data-rejected': { severity: ['fail'] },
  'send.dropped': { severity: ['info'] },
  'send.dsn-unsupported': { severity: ['warn'] },
  'send.mx-skipped': { severity: ['info'] },
  'send.ok': { severity: ['ok'] },
  'send.plaintext-auth': { severity: ['warn'] },
  'send.proxy-failed': { severity: ['unknown'] },
  'send.recipient-rejected': { severity: ['warn', 'fail'] },
  'send.sender-rejected': { severity: ['fail'] },
  'send.size-over-limit': { severity: ['warn'] },
  'send.smtputf8-not-offered': { severity: ['fail'] },
  'send.tls-cert-chain': { severity: ['fail', 'warn'] },
  'send.tls-cert-expired': { severity: ['fail', 'warn'] },
  'send.tls-cert-name': { severity: ['fail', 'warn'] },
  'send.tls-cert-not-yet-valid': { severity: ['fail', 'warn'] },
  'send.tls-failed': { severity: ['fail'] },
  'send.tls-refused': { severity: ['warn'] },
  'send.tls-required': { severity: ['fail'] },
  'send.tls-unverified': { severity: ['warn'] },
  'send.unsolicited-reply': { severity: ['fail'] },
} as const satisfies Catalogue;

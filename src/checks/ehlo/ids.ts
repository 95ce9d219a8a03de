// Finding ids of `mailflow ehlo` and the smtp group of `check`: each declared once, with the severities it can have, a title and a ref (the first is the
// default). Ids are never renamed: monitoring keys on them (test/core/catalogue.test.ts).
import type { Catalogue } from '../../findings/catalogue.js';

export const EHLO_IDS = {
  'ehlo.error': {
    severity: ['fail'],
    title: 'The EHLO conversation failed',
    ref: 'Book ch. 5, Verifying SMTP Port Settings',
  },
  'ehlo.helo-only': {
    severity: ['warn'],
    title: 'EHLO refused, only HELO accepted',
    ref: 'RFC 5321 §3.2; Book ch. 8, SMTP Commands and Definitions',
  },
  'ehlo.masked': {
    severity: ['warn'],
    title: 'The conversation looks rewritten by a firewall',
    ref: 'Book ch. 5, Verifying SMTP Port Settings',
  },
  'ehlo.malformed-extension': {
    severity: ['warn'],
    title: 'An advertised extension breaks its own syntax',
    ref: 'RFC 5321 §4.1.1.1; RFC 1870; RFC 4954',
  },
  'ehlo.missing-verbs': {
    severity: ['fail'],
    title: 'Expected ESMTP verbs are not offered',
    ref: 'Book ch. 5, Verifying SMTP Port Settings (Examples 1 and 2)',
  },
  'ehlo.no-starttls': {
    severity: ['warn'],
    title: 'STARTTLS is not offered',
    ref: 'RFC 3207; Book ch. 6, Security Considerations',
  },
  'ehlo.ok': {
    severity: ['ok'],
    title: 'EHLO answered with the expected extensions',
    ref: 'Book ch. 5, Verifying SMTP Port Settings',
  },
  'ehlo.profile': {
    severity: ['info'],
    title: 'The extensions match a known server profile',
    ref: 'Book ch. 5, Verifying SMTP Port Settings',
  },
  'ehlo.refused': { severity: ['fail'], title: 'Both EHLO and HELO refused', ref: 'RFC 5321 §4.1.1.1' },
  'ehlo.tls-cert': {
    severity: ['info', 'warn'],
    title: 'The certificate shown after STARTTLS has a fault',
    ref: 'RFC 3207 §4.1; RFC 6125',
  },
  'ehlo.tls-error': { severity: ['fail'], title: 'STARTTLS failed', ref: 'RFC 3207 §4' },
  'ehlo.unresolved': {
    severity: ['fail'],
    title: 'No server to talk to',
    ref: 'Book ch. 5, Using Nslookup to Verify DNS Configuration',
  },
} as const satisfies Catalogue;

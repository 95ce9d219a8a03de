// Finding ids of the dane group of `check`: each declared once, with the severities it can have, a title and a ref (the first is the
// default). Ids are never renamed: monitoring keys on them (test/core/catalogue.test.ts).
import type { Catalogue } from '../../findings/catalogue.js';

export const DANE_IDS = {
  'dane.dns-error': { severity: ['unknown'], title: 'The TLSA lookup failed', ref: 'RFC 7672 §2.2.1' },
  'dane.mismatch': {
    severity: ['fail'],
    title: 'The certificate matches no TLSA record',
    ref: 'RFC 7672 §2.2, §3.1',
  },
  'dane.no-tls': {
    severity: ['fail'],
    title: 'TLSA published but no TLS session to check it against',
    ref: 'RFC 7672 §2.2',
  },
  'dane.none': { severity: ['info'], title: 'No TLSA records (DANE not used)', ref: 'RFC 7672 §1.3' },
  'dane.ok': {
    severity: ['ok'],
    title: 'The certificate matches the TLSA records',
    ref: 'RFC 7672 §2.2, §3.1',
  },
  'dane.unsigned': {
    severity: ['warn'],
    title: 'TLSA records without DNSSEC validation',
    ref: 'RFC 7672 §2.2',
  },
  'dane.unusable': { severity: ['warn'], title: 'No usable TLSA record', ref: 'RFC 7672 §3.1.3' },
  'dane.unverified': {
    severity: ['warn'],
    title: 'Validated TLSA records, but the certificate could not be checked',
    ref: 'RFC 7672 §2.2, §3.1',
  },
} as const satisfies Catalogue;

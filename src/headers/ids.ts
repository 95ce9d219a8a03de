// Finding ids of `mailflow headers`: each declared once, with the severities it can have, a title and a ref (the first is the
// default). Ids are never renamed: monitoring keys on them (test/core/catalogue.test.ts).
import type { Catalogue } from '../findings/catalogue.js';

export const HEADERS_IDS = {
  'headers.arc-broken': {
    severity: ['warn'],
    title: 'The ARC chain is broken',
    ref: 'RFC 8617 §5.2 (validator actions)',
  },
  'headers.clock-skew': {
    severity: ['info'],
    title: "A hop's clock is off",
    ref: 'RFC 5321 §4.4 (trace information); RFC 5322 §3.3 (date and time)',
  },
  'headers.delay': {
    severity: ['warn'],
    title: 'A hop held the message for long',
    ref: 'RFC 5321 §4.4 (trace information)',
  },
  'headers.dkim-fail': {
    severity: ['fail'],
    title: 'A DKIM signature did not verify',
    ref: 'RFC 6376 §6 (verification); RFC 8601 (Authentication-Results)',
  },
  'headers.dmarc-fail': {
    severity: ['fail'],
    title: 'DMARC fails for the From: domain',
    ref: 'RFC 9989 §3.2 (identifier alignment); RFC 7208; RFC 6376',
  },
  'headers.no-tls-hop': {
    severity: ['warn'],
    title: 'A hop crossed the Internet without TLS',
    ref: 'RFC 3207 (STARTTLS); RFC 8461 (MTA-STS); RFC 3848 (ESMTPS/ESMTPSA in Received)',
  },
  'headers.ok': {
    severity: ['ok'],
    title: "The message's path and authentication look sound",
    ref: 'RFC 5321 §4.4 (trace information)',
  },
  'headers.spam-verdict': {
    severity: ['info', 'warn'],
    title: 'A filter classified the message as spam or bulk',
    ref: 'Microsoft Learn: Anti-spam message headers in Microsoft 365',
  },
  'headers.spf-fail': {
    severity: ['fail', 'warn'],
    title: 'SPF did not pass',
    ref: 'RFC 7208 §2.6; RFC 8601 (Authentication-Results)',
  },
  'headers.unparsed': {
    severity: ['info'],
    title: 'Received lines that could not be read',
    ref: 'RFC 5321 §4.4 (trace information)',
  },
  'headers.unreadable': {
    severity: ['unknown'],
    title: 'No message header to read',
    ref: 'RFC 5322 §2.2 (header fields); RFC 5321 §4.4',
  },
} as const satisfies Catalogue;

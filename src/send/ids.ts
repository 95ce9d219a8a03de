// Finding ids of `mailflow send`: each declared once, with the severities it can have, a title and a ref (the first is the
// default). Ids are never renamed: monitoring keys on them (test/core/catalogue.test.ts).
import type { Catalogue } from '../findings/catalogue.js';

export const SEND_IDS = {
  'send.8bit-without-8bitmime': {
    severity: ['warn'],
    title: '8-bit message to a server without 8BITMIME',
    ref: 'RFC 6152 §3; RFC 5321 §2.4',
  },
  'send.attachment-empty': {
    severity: ['info'],
    title: 'An attachment is empty (0 bytes)',
    ref: 'RFC 2046 §5.1; RFC 2183',
  },
  'send.auth-failed': {
    severity: ['fail'],
    title: 'Authentication failed',
    ref: 'Book ch. 7, Using Telnet (Example 7); RFC 4954 §6',
  },
  'send.auth-not-offered': {
    severity: ['fail'],
    title: 'The server does not offer AUTH',
    ref: 'RFC 4954 §3, §4',
  },
  'send.connect-failed': {
    severity: ['fail'],
    title: 'Could not connect',
    ref: 'Book ch. 5, Using Telnet to Ensure Internet Accessibility',
  },
  'send.data-rejected': {
    severity: ['fail'],
    title: 'The message was refused at DATA',
    ref: 'RFC 5321 §4.1.1.4; RFC 1870 §6',
  },
  'send.dropped': {
    severity: ['info'],
    title: 'Closed the connection without QUIT, as asked (--drop-after)',
    ref: 'RFC 5321 §3.8',
  },
  'send.dsn-unsupported': { severity: ['warn'], title: 'The server does not offer DSN', ref: 'RFC 3461 §4' },
  'send.mx-skipped': {
    severity: ['info'],
    title: 'An exchanger was skipped',
    ref: 'Book ch. 5, Using Telnet to Ensure Internet Accessibility; RFC 5321 §5.1',
  },
  'send.ok': {
    severity: ['ok'],
    title: 'The message was accepted',
    ref: 'Book ch. 7, Using Telnet (Example 7)',
  },
  'send.plaintext-auth': {
    severity: ['warn'],
    title: 'AUTH over an unencrypted connection',
    ref: 'RFC 4954 §4; RFC 8314 §3',
  },
  'send.proxy-failed': {
    severity: ['unknown'],
    title: 'Not tested: the SOCKS proxy failed, not the mail server',
    ref: 'RFC 1928 §6 (SOCKS5 replies); RFC 1929; Book ch. 8, testing from outside with telnet',
  },
  'send.recipient-rejected': {
    severity: ['warn', 'fail'],
    title: 'A recipient was refused',
    ref: 'Book ch. 7, Using Telnet (Example 7), step 9; RFC 5321 §4.1.1.3',
  },
  'send.sender-rejected': {
    severity: ['fail'],
    title: 'The sender was refused',
    ref: 'Book ch. 7, Using Telnet (Example 7); RFC 5321 §4.1.1.2',
  },
  'send.size-over-limit': {
    severity: ['warn'],
    title: "The message is larger than the server's SIZE limit",
    ref: 'RFC 1870 §4, §6',
  },
  'send.smtputf8-not-offered': {
    severity: ['fail'],
    title: 'The message needs SMTPUTF8, which the server does not offer',
    ref: 'RFC 6531 §3.4; RFC 6532 §3',
  },
  'send.tls-cert-chain': {
    severity: ['fail', 'warn'],
    title: "The server's certificate chain does not verify",
    ref: 'RFC 3207 §4.1; RFC 8314 §3; RFC 5280 §6',
  },
  'send.tls-cert-expired': {
    severity: ['fail', 'warn'],
    title: "The server's certificate has expired",
    ref: 'RFC 5280 §4.1.2.5; RFC 3207 §4.1',
  },
  'send.tls-cert-name': {
    severity: ['fail', 'warn'],
    title: "The server's certificate is not valid for the name connected to",
    ref: 'RFC 9525 (formerly RFC 6125) §6; RFC 3207 §4.1',
  },
  'send.tls-cert-not-yet-valid': {
    severity: ['fail', 'warn'],
    title: "The server's certificate is not valid yet",
    ref: 'RFC 5280 §4.1.2.5; RFC 3207 §4.1',
  },
  'send.tls-failed': { severity: ['fail'], title: 'STARTTLS failed', ref: 'RFC 3207 §4.1; RFC 8314 §3' },
  'send.tls-refused': {
    severity: ['warn'],
    title: 'The server refused STARTTLS',
    ref: 'RFC 3207 §4; RFC 7435 §1.3',
  },
  'send.tls-required': {
    severity: ['fail'],
    title: 'TLS required but not available',
    ref: 'RFC 3207 §4; RFC 8314 §3',
  },
  'send.tls-unverified': {
    severity: ['warn'],
    title: 'STARTTLS with a certificate that does not verify',
    ref: 'RFC 7435 §1.3; RFC 3207 §4.1',
  },
  'send.unsolicited-reply': {
    severity: ['fail'],
    title: 'The server sent a reply nobody asked for',
    ref: 'RFC 5321 §4.3; RFC 2920 §3',
  },
} as const satisfies Catalogue;

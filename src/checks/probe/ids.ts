// Finding ids of `mailflow probe` and the smtp group of `check`: each declared once, with the severities it can have, a title and a ref (the first is the
// default). Ids are never renamed: monitoring keys on them (test/core/catalogue.test.ts).
import type { Catalogue } from '../../findings/catalogue.js';

export const PROBE_IDS = {
  'probe.bad-greeting': {
    severity: ['fail', 'warn', 'info', 'unknown'],
    title: 'The greeting breaks SMTP',
    ref: 'RFC 5321 §4.2',
  },
  'probe.banner-ptr-mismatch': {
    severity: ['info'],
    title: "The greeting's name does not match reverse DNS",
    ref: 'RFC 5321 §4.1.3; Book ch. 3, DNS',
  },
  'probe.banner-timeout': {
    severity: ['fail', 'warn', 'info', 'unknown'],
    title: 'Connected, but no greeting in time',
    ref: 'RFC 5321 §4.5.3.2',
  },
  'probe.closed': {
    severity: ['fail', 'warn', 'info', 'unknown'],
    title: 'Hung up without a greeting',
    ref: 'Book ch. 5, Using Telnet to Ensure Internet Accessibility',
  },
  'probe.error': {
    severity: ['fail', 'warn', 'info', 'unknown'],
    title: 'The probe failed',
    ref: 'Book ch. 5, Using Telnet to Ensure Internet Accessibility',
  },
  'probe.open': {
    severity: ['ok'],
    title: 'The port answers with an SMTP greeting',
    ref: 'Book ch. 5, Using Telnet to Ensure Internet Accessibility',
  },
  'probe.partial': {
    severity: ['warn'],
    title: 'Some addresses answer, some do not',
    ref: 'Book ch. 7, Using Telnet (determine that all servers are accepting connections)',
  },
  'probe.proxy-error': {
    severity: ['unknown'],
    title: 'Not tested: the SOCKS proxy failed',
    ref: 'RFC 1928 §6 (SOCKS5 replies); RFC 1929; Book ch. 8, testing from outside with telnet',
  },
  'probe.refused': {
    severity: ['fail', 'warn', 'info', 'unknown'],
    title: 'Connection refused',
    ref: 'Book ch. 7, Using Telnet (determine whether a firewall is blocking a connection)',
  },
  'probe.rejected': {
    severity: ['fail', 'warn', 'info', 'unknown'],
    title: 'The greeting refuses service (554)',
    ref: 'RFC 5321 §3.1; Book ch. 7, Understanding Non-Delivery Reports, Table 2 (5.7.1)',
  },
  'probe.timeout': {
    severity: ['fail', 'warn', 'info', 'unknown'],
    title: 'No answer: the connection timed out',
    ref: 'Book ch. 7, Using Telnet (determine whether a firewall is blocking a connection)',
  },
  'probe.tls-error': {
    severity: ['fail', 'warn', 'info', 'unknown'],
    title: 'The TLS handshake failed',
    ref: 'RFC 8314 §3.3',
  },
  'probe.unreachable': {
    severity: ['fail', 'warn', 'info', 'unknown'],
    title: 'The address is unreachable from here',
    ref: 'Book ch. 7, Using Telnet (determine whether a firewall is blocking a connection)',
  },
  'probe.unresolved': {
    severity: ['fail'],
    title: 'The name has no address',
    ref: 'Book ch. 5, Verifying DNS Set Up for Inbound Mail',
  },
} as const satisfies Catalogue;

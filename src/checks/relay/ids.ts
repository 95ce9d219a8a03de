// Finding ids of `mailflow relay` and the relay group of `check`: each declared once, with the severities it can have, a title and a ref (the first is the
// default). Ids are never renamed: monitoring keys on them (test/core/catalogue.test.ts).
import type { Catalogue } from '../../findings/catalogue.js';

export const RELAY_IDS = {
  'relay.closed': {
    severity: ['ok'],
    title: 'Not an open relay',
    ref: 'Book ch. 6, Disabling Open Relaying on All SMTP Virtual Servers; RFC 5321 §3.6, §7.1',
  },
  'relay.connect-failed': {
    severity: ['unknown'],
    title: 'The relay test could not run',
    ref: 'Book ch. 5, Using Telnet to Ensure Internet Accessibility',
  },
  'relay.inconclusive': {
    severity: ['warn'],
    title: 'Relay attempts got no final answer',
    ref: 'Book ch. 6, Disabling Open Relaying on All SMTP Virtual Servers; RFC 5321 §3.6, §7.1',
  },
  'relay.null-mx': {
    severity: ['info'],
    title: 'Null MX: nothing to relay-test',
    ref: 'RFC 7505; Book ch. 6, Disabling Open Relaying on All SMTP Virtual Servers',
  },
  'relay.open': {
    severity: ['fail'],
    title: 'Open relay',
    ref: 'Book ch. 6, Disabling Open Relaying on All SMTP Virtual Servers; RFC 5321 §3.6, §7.1',
  },
  'relay.proxy-error': {
    severity: ['unknown'],
    title: 'The relay test could not run: the SOCKS proxy failed',
    ref: 'RFC 1928 §6 (SOCKS5 replies); RFC 1929; Book ch. 8, testing from outside with telnet',
  },
} as const satisfies Catalogue;

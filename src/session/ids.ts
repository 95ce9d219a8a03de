// Finding ids of `mailflow session`: each declared once, with the severities it can have, a title and a ref (the first
// is the default). Ids are never renamed: monitoring keys on them (test/core/catalogue.test.ts).
import type { Catalogue } from '../findings/catalogue.js';

export const SESSION_IDS = {
  'session.connect-failed': {
    severity: ['fail'],
    title: 'Could not start an SMTP session',
    ref: 'Book ch. 5, Using Telnet to Ensure Internet Accessibility; RFC 5321 §4.1',
  },
  'session.proxy-error': {
    severity: ['unknown'],
    title: 'Could not start an SMTP session: the SOCKS proxy failed',
    ref: 'RFC 1928 §6 (SOCKS5 replies); RFC 1929; Book ch. 8, testing from outside with telnet',
  },
  'session.ended': {
    severity: ['info'],
    title: 'The session ended',
    ref: 'Book ch. 5, Using Telnet to Ensure Internet Accessibility; RFC 5321 §4.1',
  },
  'session.replay-ok': {
    severity: ['ok'],
    title: 'Every replayed step got the expected reply',
    ref: 'Book ch. 5, Using Telnet to Ensure Internet Accessibility; RFC 5321 §4.1',
  },
  'session.unexpected-reply': {
    severity: ['fail'],
    title: 'A replayed step got an unexpected reply',
    ref: 'Book ch. 5, Using Telnet to Ensure Internet Accessibility; RFC 5321 §4.1',
  },
} as const satisfies Catalogue;

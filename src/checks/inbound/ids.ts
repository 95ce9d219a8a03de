// Finding ids of `mailflow check` itself, the check.* prefix: a group that tested nothing or ran
// out of time, and what the smtp group finds about the path rather than the servers (no
// exchanger, port 25 blocked; emitted by src/checks/smtp/). Each declared once, with the
// severities it can have (the first is the default). Ids are never renamed: monitoring keys on them (test/core/catalogue.test.ts).
import type { Catalogue } from '../../findings/catalogue.js';

export const CHECK_IDS = {
  'check.control-ok': {
    severity: ['info'],
    title: 'The control host answers on port 25: the path is open',
    ref: 'Book ch. 7, Using Telnet (determine whether a firewall is blocking a connection)',
  },
  'check.deadline': {
    severity: ['unknown'],
    title: 'The --deadline ended the check before this group finished',
    ref: 'Book ch. 7, Troubleshooting Mail Flow',
  },
  'check.no-exchangers': {
    severity: ['fail', 'unknown'],
    title: 'No exchanger to connect to',
    ref: 'Book ch. 5, Using Nslookup to Verify DNS Configuration',
  },
  'check.not-tested': {
    severity: ['info', 'unknown'],
    title: 'The group had nothing to test',
    ref: 'Book ch. 7, Troubleshooting Mail Flow',
  },
  'check.port25-blocked': {
    severity: ['unknown'],
    title: 'Outbound port 25 is blocked on this network',
    ref: 'Book ch. 7, Using Telnet (determine whether a firewall is blocking a connection)',
  },
  'check.port25-maybe-blocked': {
    severity: ['unknown'],
    title: 'Outbound port 25 may be blocked on this network',
    ref: 'Book ch. 7, Using Telnet (determine whether a firewall is blocking a connection)',
  },
} as const satisfies Catalogue;

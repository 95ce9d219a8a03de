// When no exchanger answers at all, what does that prove? Chapter 7 asks whether a firewall
// blocks the connection; from a cloud or home network, outgoing port 25 itself is often
// blocked. A control host known to accept port 25 tells the two apart. Pure.

import { type Finding, finding } from '../../findings/model.js';
import type { ProbeRecord } from '../probe/index.js';

const REF = 'Book ch. 7, Using Telnet (determine whether a firewall is blocking a connection)';

export interface ControlResult {
  /** As the user gave it (host[:port]). */
  name: string;
  /** The probe outcome, or 'unresolved' when the control host has no address. */
  outcome: string;
  port: number;
}

export interface BlockedVerdict {
  findings: Finding[];
  /** The exchangers' timeouts prove nothing: report them as unknown, not fail. */
  downgrade: boolean;
  /** A control probe would settle it. */
  wantsControl: boolean;
}

export function allTimedOut(records: ProbeRecord[]): boolean {
  return records.length > 0 && records.every((r) => r.outcome === 'timeout');
}

export function blockedPathVerdict(
  records: ProbeRecord[],
  port: number,
  control?: ControlResult,
): BlockedVerdict {
  if (!allTimedOut(records)) return { findings: [], downgrade: false, wantsControl: false };
  if (!control) {
    return {
      downgrade: true,
      wantsControl: true,
      findings: [
        finding('check.port25-maybe-blocked', 'unknown', {
          title: `No exchanger answered on port ${port}: the port may be blocked on the path from here`,
          detail:
            'Every connection attempt went unanswered. Firewalls in front of the servers can cause that, but so can this machine’s own network: cloud providers, home ISPs and offices often block outgoing port 25. Nothing here proves the servers are down.',
          fix: 'Run the check again with --control <host> naming a server known to accept port 25, or from a machine with direct Internet access.',
          ref: REF,
        }),
      ],
    };
  }
  if (control.outcome === 'open') {
    return {
      downgrade: false,
      wantsControl: false,
      findings: [
        finding('check.control-ok', 'info', {
          title: `Control host ${control.name} answered on port ${control.port}, so the port is open from here`,
          detail:
            'The exchangers’ timeouts are therefore real: their firewalls drop connections, or the servers are off.',
          fix: 'Open the port on the exchangers’ firewalls and check that the mail service is running and bound to the published addresses.',
          ref: REF,
          data: { control: control.name, outcome: control.outcome },
        }),
      ],
    };
  }
  return {
    downgrade: true,
    wantsControl: false,
    findings: [
      finding('check.port25-blocked', 'unknown', {
        title: `The control host ${control.name} did not answer either: port ${control.port} looks blocked from this machine`,
        detail: `Control host outcome: ${control.outcome}. The exchangers’ timeouts prove nothing about the servers.`,
        fix: 'Run the check from a network that allows outgoing port 25, or ask the provider to unblock it.',
        ref: REF,
        data: { control: control.name, outcome: control.outcome },
      }),
    ],
  };
}

// Findings for what `check` could not test. A group that tested nothing is unknown with the
// reason, never a silent pass: monitoring must not read "0 checks" as OK.
import { type Finding, finding } from '../../findings/model.js';

const REF = 'Book ch. 7, Troubleshooting Mail Flow';

/**
 * `check.not-tested`: the group ran but had nothing to test (no exchanger reachable, no address...).
 * Unknown, unless `causeReported`: another group already reports the failure that left nothing
 * to test (smtp: every exchanger refused), and that proven failure must decide the status, not
 * be masked by an unknown that only repeats it. The summary shows such a group as NOT TESTED.
 */
export function notTested(
  group: string,
  text: { title: string; detail: string; fix: string },
  causeReported = false,
): Finding {
  return finding('check.not-tested', causeReported ? 'info' : 'unknown', {
    ...text,
    ref: REF,
    data: { group, causeReported },
  });
}

/** `check.deadline`: the group did not finish within the check's overall --deadline. */
export function deadlineHit(group: string, domain: string, seconds: number): Finding {
  return finding('check.deadline', 'unknown', {
    title: `${group}: not finished within the ${seconds} s deadline for ${domain}`,
    detail: `mailflow stopped waiting after --deadline ${seconds} s and reports what it has; this group's result is unknown. Slow or silent servers (tarpits) are the usual cause.`,
    fix: 'Run the check again with a longer --deadline (and --timeout), or check this group alone with --only.',
    ref: REF,
    data: { group, deadlineSeconds: seconds },
  });
}

/** Why the exchanger-level groups (smtp, tls, dane) have nothing to connect to. */
export function noTargetReason(
  lookup: { outcome: string; nullMx: boolean; error?: string; server: string },
  family?: 4 | 6,
): string {
  if (lookup.nullMx) return 'the domain publishes a null MX (it accepts no mail)';
  if (lookup.outcome !== 'ok' && lookup.outcome !== 'nodata') {
    const said = lookup.error ?? lookup.outcome;
    return `the MX lookup failed (${said.includes(lookup.server) ? said : `${said}, DNS server ${lookup.server}`})`;
  }
  return family
    ? `no exchanger has an IPv${family} address (-${family} was given)`
    : 'no exchanger has an address';
}

// The verdict that opens `mailflow check`'s report: a stable id for scripts and monitoring,
// and one line for people, plus the per-group summary table.
// Inbound mail stops only on MX or SMTP failures (Chapter 7's conditions); other failures
// (TLS policy, SPF, DMARC...) are problems to fix while mail still arrives. A verdict counts
// only what was tested: a group that could test nothing is unknown, never a pass.
import type { FindingId } from '../../catalogue.js';
import { columns, type DataTable, type Finding, severityRank, worstSeverity } from '../../findings/model.js';

const INBOUND = new Set(['mx', 'smtp']);

/**
 * Verdict ids (stable; README, `check` section):
 * - check.verdict.receives: can receive mail, nothing needs fixing
 * - check.verdict.receives-with-warnings / receives-with-failures: can receive mail, other findings to look at
 * - check.verdict.degraded: some exchangers fail (or an MX/SMTP failure) while others answer
 * - check.verdict.cannot-receive: no exchanger accepts connections, or MX/SMTP makes delivery impossible
 * - check.verdict.null-mx: the domain publishes a null MX (it accepts no mail by design)
 * - check.verdict.nxdomain: the domain does not exist; nothing else was checked
 * - check.verdict.unknown: could not tell (DNS unanswered, port 25 maybe blocked, deadline)
 * - check.verdict.groups-ok / groups-warnings / groups-failures / groups-unknown: only non-inbound
 *   groups ran (--only/--skip), so nothing is said about receiving mail
 */
export type VerdictId =
  | 'check.verdict.receives'
  | 'check.verdict.receives-with-warnings'
  | 'check.verdict.receives-with-failures'
  | 'check.verdict.degraded'
  | 'check.verdict.cannot-receive'
  | 'check.verdict.null-mx'
  | 'check.verdict.nxdomain'
  | 'check.verdict.unknown'
  | 'check.verdict.groups-ok'
  | 'check.verdict.groups-warnings'
  | 'check.verdict.groups-failures'
  | 'check.verdict.groups-unknown';

export interface Verdict {
  id: VerdictId;
  text: string;
}

export interface Reach {
  reachable: number;
  total: number;
}

export function verdictOf(
  domain: string,
  byGroup: ReadonlyMap<string, Finding[]>,
  reach: Reach | undefined,
): Verdict {
  const all = [...byGroup.values()].flat();
  const w = worstSeverity(all);
  const groups = [...byGroup.keys()];
  const has = (id: FindingId) => all.some((f) => f.id === id);
  if (has('mx.nxdomain')) {
    return {
      id: 'check.verdict.nxdomain',
      text: `Verdict: ${domain} does not exist (NXDOMAIN): it cannot receive mail; ${
        groups.some((g) => g !== 'mx')
          ? `only ${groups.filter((g) => g !== 'mx').join(', ')} checked besides`
          : 'nothing else was checked'
      }.`,
    };
  }
  if (!groups.some((g) => INBOUND.has(g))) {
    const what = `${groups.join(', ') || 'nothing'} checked for ${domain}`;
    if (w === 'unknown')
      return { id: 'check.verdict.groups-unknown', text: `Verdict: ${what}: some checks could not run.` };
    if (severityRank(w) <= 1)
      return { id: 'check.verdict.groups-ok', text: `Verdict: ${what}: nothing needs fixing.` };
    if (w === 'warn')
      return { id: 'check.verdict.groups-warnings', text: `Verdict: ${what}: warnings to look at.` };
    return { id: 'check.verdict.groups-failures', text: `Verdict: ${what}: failures to fix.` };
  }
  if (has('mx.null')) {
    return {
      id: 'check.verdict.null-mx',
      text: `Verdict: ${domain} publishes a null MX: it accepts no mail by design.`,
    };
  }
  const inbound = [...byGroup].filter(([g]) => INBOUND.has(g)).flatMap(([, fs]) => fs);
  const blocker = inbound.find((f) => f.severity === 'fail');
  const note = reach && reach.total > 0 ? ` (${reach.reachable} of ${reach.total} exchangers answer)` : '';
  if (blocker) {
    if (!reach || reach.reachable === 0) {
      const why = reach && reach.total > 0 ? 'no exchanger accepts connections' : blocker.title;
      return {
        id: 'check.verdict.cannot-receive',
        text: `Verdict: ${domain} cannot receive mail: ${why}${note}${why === blocker.title ? '' : `; ${blocker.title}`}.`,
      };
    }
    return {
      id: 'check.verdict.degraded',
      text: `Verdict: ${domain} cannot receive mail reliably${note}: ${blocker.title}.`,
    };
  }
  if (inbound.some((f) => f.severity === 'unknown')) {
    return {
      id: 'check.verdict.unknown',
      text: `Verdict: could not tell whether ${domain} can receive mail${note}; see the UNKNOWN findings.`,
    };
  }
  if (w === 'fail')
    return {
      id: 'check.verdict.receives-with-failures',
      text: `Verdict: ${domain} can receive mail${note}, but has failures to fix.`,
    };
  if (w === 'warn' || w === 'unknown')
    return {
      id: 'check.verdict.receives-with-warnings',
      text: `Verdict: ${domain} can receive mail${note}, with ${w === 'warn' ? 'warnings to look at' : 'checks that could not run'}.`,
    };
  return {
    id: 'check.verdict.receives',
    text: `Verdict: ${domain} can receive mail${note}; nothing needs fixing.`,
  };
}

/** The verdict line alone (people). */
export function verdictLine(
  domain: string,
  byGroup: ReadonlyMap<string, Finding[]>,
  reach: Reach | undefined,
): string {
  return verdictOf(domain, byGroup, reach).text;
}

/** Ids in run order, each once, with its count when it repeats: "blocklist.error (8), blocklist.clean". */
function idList(fs: readonly Finding[]): string {
  const counts = new Map<string, number>();
  for (const f of fs) counts.set(f.id, (counts.get(f.id) ?? 0) + 1);
  return [...counts].map(([id, n]) => (n > 1 ? `${id} (${n})` : id)).join(', ');
}

/**
 * One row per group asked for: its worst severity and the finding ids, in run order. Groups
 * that were not run (`skipped`, with the reason) say so instead of looking like a pass.
 */
export function summaryTable(
  byGroup: ReadonlyMap<string, Finding[]>,
  verdict: string,
  skipped: ReadonlyMap<string, string> = new Map(),
): DataTable {
  return {
    id: 'check.summary',
    title: verdict,
    columns: columns({ group: 'Group', result: 'Result', findings: 'Findings' }),
    rows: [
      ...[...byGroup].map(([g, fs]) => [
        g,
        fs.length && fs.every((f) => f.id === 'check.not-tested' && f.severity === 'info')
          ? 'NOT TESTED'
          : fs.length
            ? worstSeverity(fs).toUpperCase()
            : 'UNKNOWN',
        idList(fs) || 'nothing tested',
      ]),
      ...[...skipped].map(([g, why]) => [g, 'NOT RUN', why]),
    ],
  };
}

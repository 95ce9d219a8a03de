// The one-line verdict and the per-group summary that open `mailflow check`'s report.
// Inbound mail stops only on MX or SMTP failures (Chapter 7's conditions); other failures
// (TLS policy, SPF, DMARC...) are problems to fix while mail still arrives.
import { type DataTable, type Finding, severityRank, worstSeverity } from '../../findings/model.js';

const INBOUND = new Set(['mx', 'smtp']);

export function verdictLine(
  domain: string,
  byGroup: ReadonlyMap<string, Finding[]>,
  reach: { reachable: number; total: number } | undefined,
): string {
  const all = [...byGroup.values()].flat();
  const w = worstSeverity(all);
  const groups = [...byGroup.keys()];
  if (!groups.some((g) => INBOUND.has(g))) {
    const what = `${groups.join(', ') || 'nothing'} checked for ${domain}`;
    if (severityRank(w) <= 1) return `Verdict: ${what}: nothing needs fixing.`;
    return `Verdict: ${what}: ${w === 'warn' ? 'warnings to look at' : w === 'unknown' ? 'some checks could not run' : 'failures to fix'}.`;
  }
  const inbound = [...byGroup].filter(([g]) => INBOUND.has(g)).flatMap(([, fs]) => fs);
  const blocker = inbound.find((f) => f.severity === 'fail');
  const note = reach && reach.total > 0 ? ` (${reach.reachable} of ${reach.total} exchangers answer)` : '';
  if (blocker) return `Verdict: ${domain} cannot receive mail reliably${note}: ${blocker.title}.`;
  if (inbound.some((f) => f.severity === 'unknown')) {
    return `Verdict: could not tell whether ${domain} can receive mail${note}; see the UNKNOWN findings.`;
  }
  if (w === 'fail') return `Verdict: ${domain} can receive mail${note}, but has failures to fix.`;
  if (w === 'warn' || w === 'unknown')
    return `Verdict: ${domain} can receive mail${note}, with warnings to look at.`;
  return `Verdict: ${domain} can receive mail${note}; nothing needs fixing.`;
}

/** One row per group that ran: its worst severity and the finding ids, in run order. */
export function summaryTable(byGroup: ReadonlyMap<string, Finding[]>, verdict: string): DataTable {
  return {
    title: verdict,
    head: ['Group', 'Result', 'Findings'],
    rows: [...byGroup].map(([g, fs]) => [
      g,
      worstSeverity(fs).toUpperCase(),
      fs.map((f) => f.id).join(', ') || '-',
    ]),
  };
}

// Nagios plugin output (Nagios Plugin Development Guidelines): `MAILFLOW STATE - summary | perfdata`,
// then one line per finding that is not ok. Text from outside is shown with control characters
// escaped; a `|` in text would start perfdata, so it is written `/`.
import { count } from '../findings/count.js';
import {
  type Finding,
  type Metric,
  type Result,
  type Severity,
  sortFindings,
  worstSeverity,
} from '../findings/model.js';
import { boundText } from './bound.js';
import { visible } from './sanitize.js';

const NAGIOS_STATE: Record<Severity, string> = {
  ok: 'OK',
  info: 'OK',
  warn: 'WARNING',
  fail: 'CRITICAL',
  unknown: 'UNKNOWN',
};

/** One line of plugin text: bounded, control characters escaped, no pipe. */
function text(s: string, max = 1000): string {
  return visible(boundText(s, max, Number.POSITIVE_INFINITY)).replace(/\|/g, '/');
}

/** A perfdata label: the metric name and its label values, in characters any Nagios add-on takes. */
function baseLabel(m: Metric): string {
  return [m.name, ...Object.values(m.labels ?? {})].join('_').replace(/[^A-Za-z0-9_.-]/g, '_');
}

/**
 * Labels unique over the whole line: a label that two results share (`probe a b`: `probe_reachable`
 * twice) gets its result's target appended; anything still repeated gets `_2`, `_3`…
 */
function perfLabels(results: readonly Result[]): string[][] {
  const base = results.map((r) => (r.metrics ?? []).map(baseLabel));
  const count = new Map<string, number>();
  for (const l of base.flat()) count.set(l, (count.get(l) ?? 0) + 1);
  const seen = new Set<string>();
  const next = new Map<string, number>();
  return base.map((labels, i) =>
    labels.map((l) => {
      const wanted =
        (count.get(l) ?? 0) > 1 ? `${l}_${results[i]!.target}`.replace(/[^A-Za-z0-9_.-]/g, '_') : l;
      let label = wanted;
      let n = next.get(wanted) ?? 2;
      while (seen.has(label)) label = `${wanted}_${n++}`;
      next.set(wanted, n);
      seen.add(label);
      return label;
    }),
  );
}

function perfValue(label: string, m: Metric): string {
  const unit = m.unit === 'ms' ? 'ms' : m.unit === 's' ? 's' : m.unit === 'bytes' ? 'B' : '';
  // Nagios ranges: a bare number alerts above it; "N:" alerts below N.
  const bound = (t: number | undefined) => (t === undefined ? '' : m.below ? `${t}:` : `${t}`);
  const thresholds = [bound(m.warn), bound(m.crit)];
  const tail = thresholds.some((t) => t !== '') ? `;${thresholds.join(';')}` : '';
  return `'${label}'=${m.value}${unit}${tail}`;
}

/**
 * What an OK or INFO run did, in the words of its command: `ndr` explains recipients, `logs`
 * summarises or traces a log (its ok findings' titles say it), the others run checks. Only ok findings count
 * as passed; info findings (e.g. optional ports refused) are counted apart, and never as passed.
 */
function okSummary(results: readonly Result[], all: readonly Finding[]): string {
  const commands = new Set(results.map((r) => r.command));
  const only = commands.size === 1 ? [...commands][0] : undefined;
  if (only === 'ndr') {
    const explained = all.filter((f) => f.id.startsWith('ndr.') && f.id !== 'ndr.unrecognised').length;
    return `${count(explained, 'recipient')} explained`;
  }
  const passed = all.filter((f) => f.severity === 'ok');
  const notes = all.filter((f) => f.severity === 'info').length;
  const parts = only?.startsWith('logs')
    ? passed.map((f) => f.title)
    : passed.length
      ? [`${count(passed.length, 'check')} passed`]
      : [];
  if (notes)
    parts.push(parts.length ? `${notes} for information` : `${count(notes, 'finding')} for information`);
  return parts.join(', ');
}

export function renderNagios(results: Result[]): string {
  const all = sortFindings(results.flatMap((r) => r.findings));
  // Nothing checked is not a pass: a run without findings is UNKNOWN.
  const worst = all.length ? worstSeverity(all) : 'unknown';
  const bad = all.filter((f) => f.severity === worst && worst !== 'ok' && worst !== 'info');
  const targets = results.map((r) => r.target).join(', ');
  const summary =
    bad.length > 0
      ? `${targets}: ${bad.map((f) => f.title).join('; ')}`
      : all.length === 0
        ? `${targets}: nothing was checked`
        : `${targets}: ${okSummary(results, all)}`;
  const labels = perfLabels(results);
  const perf = results.flatMap((r, i) =>
    (r.metrics ?? []).flatMap((m, j) => (Number.isFinite(m.value) ? [perfValue(labels[i]![j]!, m)] : [])),
  );
  const first = `MAILFLOW ${NAGIOS_STATE[worst]} - ${text(summary, 4000)}`;
  const details = all
    .filter((f) => f.severity !== 'ok')
    .map((f) => text(`[${f.severity === 'info' ? 'INFO' : NAGIOS_STATE[f.severity]}] ${f.id}: ${f.title}`));
  const lines = [perf.length > 0 ? `${first} | ${perf.join(' ')}` : first, ...details];
  return `${lines.join('\n')}\n`;
}

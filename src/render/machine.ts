// Machine renderers: JSON lines here; Nagios plugin output and Prometheus text in their modules.
import { type Result, sortFindings, worstSeverity } from '../findings/model.js';

export { renderNagios } from './nagios.js';
export { renderPrometheus } from './prometheus.js';

/**
 * One JSON object per result, one per line (JSON Lines). `status` is the worst severity (what the
 * exit code says), findings come worst first as in the tables, and the human-only `tables` are
 * left out: everything in them is in `data`. Strings are exact (JSON escapes control characters).
 */
export function renderJson(result: Result): string {
  const { tables: _presentation, command, target, findings, ...rest } = result;
  const status = worstSeverity(findings);
  return `${JSON.stringify({ command, target, status, findings: sortFindings(findings), ...rest })}\n`;
}

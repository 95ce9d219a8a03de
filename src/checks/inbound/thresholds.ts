// --warning/--critical of `mailflow check`: parsed here so the command's validation and the
// runner read them the same way.
import { UsageError } from '../../findings/errors.js';

/** "3" or "time=3,days=21" → thresholds; a bare number is the response time in seconds. */
export function parseThresholds(value: unknown, label: string): { time?: number; days?: number } {
  if (value === undefined) return {};
  const out: { time?: number; days?: number } = {};
  for (const part of String(value).split(',')) {
    const m = /^\s*(?:(time|days)\s*=\s*)?([0-9]+(?:\.[0-9]+)?)\s*$/.exec(part);
    if (!m)
      throw new UsageError(`${label} takes "<seconds>" or "time=<seconds>,days=<days>", not "${value}"`);
    out[(m[1] ?? 'time') as 'time' | 'days'] = Number(m[2]);
  }
  return out;
}

// The text formats, most specific first. The generic fallback always comes last.
import { fallback } from './fallback.js';
import { inlineDsn } from './rfc3464.js';
import type { BounceText, Format } from './types.js';

export { fallback };

export const FORMATS: Format[] = [inlineDsn];

/** Which MTA family wrote a report (for the `format` label only). */
export function nameFamily(b: BounceText): string | undefined {
  for (const f of FORMATS) if (f !== inlineDsn && f.detect(b)) return f.name;
  return undefined;
}

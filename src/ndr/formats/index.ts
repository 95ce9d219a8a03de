// The text formats, most specific first. The generic fallback always comes last.
import { courier } from './courier.js';
import { dma } from './dma.js';
import { exchange } from './exchange.js';
import { exim } from './exim.js';
import { fallback } from './fallback.js';
import { gmail } from './gmail.js';
import { notes } from './notes.js';
import { postfix } from './postfix.js';
import { qmail, yahoo } from './qmail.js';
import { sendmail } from './sendmail.js';
import type { BounceText, Format } from './types.js';

export { fallback };

export const FORMATS: Format[] = [
  postfix,
  sendmail,
  dma,
  exim,
  qmail,
  yahoo,
  gmail,
  exchange,
  notes,
  courier,
];

/** Which MTA family wrote a report (for the `format` label only). */
export function nameFamily(b: BounceText): string | undefined {
  for (const f of FORMATS) if (f.detect(b)) return f.name;
  return undefined;
}

// The text formats, most specific first. The generic fallback (fallback.ts) is tried after them.
import { courier } from './courier.js';
import { dma } from './dma.js';
import { exchange } from './exchange.js';
import { exim } from './exim.js';
import { gmail } from './gmail.js';
import { notes } from './notes.js';
import { postfix } from './postfix.js';
import { qmail, yahoo } from './qmail.js';
import { sendmail } from './sendmail.js';
import type { Format } from './types.js';

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

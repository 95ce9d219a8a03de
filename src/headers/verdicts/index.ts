// Every filter's reader, in a fixed order; each reads only its own headers.
import type { Headers } from '../../ndr/mime/headers.js';
import { readBarracuda } from './barracuda.js';
import { readEop } from './eop.js';
import { readGoogle } from './google.js';
import { readIronPort } from './ironport.js';
import { readMimecast } from './mimecast.js';
import { readProofpoint } from './proofpoint.js';
import { readRspamd } from './rspamd.js';
import { readSpamAssassin } from './spamassassin.js';
import type { Verdict, VerdictReader } from './types.js';

export type { Verdict } from './types.js';

const READERS: VerdictReader[] = [
  readEop,
  readSpamAssassin,
  readRspamd,
  readIronPort,
  readMimecast,
  readProofpoint,
  readBarracuda,
  readGoogle,
];

export function readVerdicts(h: Headers): Verdict[] {
  return READERS.flatMap((r) => r(h));
}

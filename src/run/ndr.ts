// `mailflow ndr`: read each input (file, '-' / piped stdin, or the text itself), decode it,
// and yield one Result per input in the order given. Reads are capped so huge inputs stay cheap.
import { statSync } from 'node:fs';
import type { NdrArgs } from '../../commands/ndr.js';
import type { RunContext } from '../cli/command.js';
import { UsageError } from '../findings/errors.js';
import { readCapped } from '../io/input.js';
import { decodeBounce, MAX_INPUT_BYTES } from '../ndr/decode.js';
import { type NdrResult, toResult, unrecognised } from '../ndr/report.js';

type Input = { source: string; bytes: Buffer } | { source: string; error: string };

/** At most the cap of a file, a FIFO or a device (/dev/zero ends at the cap; Ctrl-C works while a FIFO waits). */
export async function readFileCapped(path: string): Promise<Buffer> {
  return (await readCapped(path, MAX_INPUT_BYTES)).bytes;
}

/** Read standard input up to the cap, then stop reading (the writer may get EPIPE; that is fine). */
export async function readStdinCapped(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    const b = chunk as Buffer;
    chunks.push(b);
    size += b.length;
    if (size >= MAX_INPUT_BYTES) break;
  }
  process.stdin.destroy();
  return Buffer.concat(chunks).subarray(0, MAX_INPUT_BYTES);
}

export const LOOKS_LIKE_PATH = /^[^\s]+\.(eml|txt|msg|mbox|log)$|^[^\s]*\/[^\s]*$/i;

/** An argument that names an existing file is a file; a path-like word that does not exist is an error; anything else is bounce text. */
async function classify(arg: string): Promise<Input> {
  let isFile = false;
  try {
    const st = statSync(arg);
    if (st.isDirectory())
      return {
        source: arg,
        error: `${arg} is a directory; name the bounce files in it (e.g. ${arg}/*.eml).`,
      };
    isFile = st.isFile() || st.isFIFO() || st.isCharacterDevice();
  } catch {
    isFile = false;
  }
  if (isFile) {
    try {
      return { source: arg, bytes: await readFileCapped(arg) };
    } catch (err) {
      return { source: arg, error: `Cannot read ${arg}: ${(err as Error).message}.` };
    }
  }
  if (LOOKS_LIKE_PATH.test(arg)) return { source: arg, error: `No such file: ${arg}.` };
  return { source: 'argument', bytes: Buffer.from(arg, 'utf8') };
}

/** Why an input cannot be a bounce before even parsing it, if that is obvious. */
function obviouslyNot(bytes: Buffer): string | undefined {
  let i = 0;
  while (i < bytes.length && (bytes[i] === 32 || (bytes[i]! >= 9 && bytes[i]! <= 13))) i++;
  if (i === bytes.length) return 'The input is empty.';
  if (bytes.subarray(0, 8192).includes(0))
    return 'The input looks binary (it contains NUL bytes), not an e-mail or text.';
  return undefined;
}

function decodeInput(input: Input): NdrResult {
  if ('error' in input) return unrecognised(input.source, input.error);
  const why = obviouslyNot(input.bytes);
  if (why) return unrecognised(input.source, why);
  return toResult(input.source, decodeBounce(input.bytes));
}

/**
 * yargs drops a lone '-' from positionals, so put each '-' back where the user typed it
 * (the parsed inputs keep their order; '-' tokens are re-inserted from the raw command line).
 */
export function withStdinMarkers(parsed: string[], raw: readonly string[], command = 'ndr'): string[] {
  const start = raw.indexOf(command);
  if (start < 0 || !raw.includes('-')) return parsed;
  const out: string[] = [];
  let next = 0;
  for (const tok of raw.slice(start + 1)) {
    if (tok === '-') out.push('-');
    else if (next < parsed.length && tok === parsed[next]) out.push(parsed[next++]!);
  }
  return [...out, ...parsed.slice(next)];
}

export async function* run(args: NdrArgs, ctx: RunContext): AsyncIterable<NdrResult> {
  const given = withStdinMarkers((args.inputs ?? []).map(String), ctx.argv ?? []);
  const inputs = given.length ? given : ['-'];
  const stdinUses = inputs.filter((i) => i === '-').length;
  if (stdinUses > 1) throw new UsageError("'-' (standard input) can be given only once");
  // On a terminal, standard input is whatever the person types or pastes: say how to end it,
  // and show no spinner while waiting (the terminal echoes the paste; Ctrl-D ends it).
  const fromTerminal = stdinUses === 1 && process.stdin.isTTY === true;
  if (fromTerminal) ctx.warn('reading the bounce from the terminal: paste it, then press Ctrl-D');
  for (const arg of inputs) {
    if (arg !== '-' || !fromTerminal) ctx.progress.update(`decoding ${arg === '-' ? 'standard input' : arg}`);
    const input: Input = arg === '-' ? { source: '-', bytes: await readStdinCapped() } : await classify(arg);
    yield decodeInput(input);
  }
}

// `mailflow headers`: read each input (file, '-' / piped stdin, or the text itself), split an mbox
// into messages, and yield one Result per message: the Received path, authentication, verdicts.
import { statSync } from 'node:fs';
import type { HeadersArgs } from '../../commands/headers.js';
import type { RunContext } from '../cli/command.js';
import { resolverFromArgs } from '../dns/index.js';
import { UsageError } from '../findings/errors.js';
import type { Result } from '../findings/model.js';
import { type MessageHead, readMessages } from '../headers/message.js';
import { noHeaders, toResult } from '../headers/report.js';
import type { Verification } from '../headers/verify.js';
import { readFileCapped, readStdinCapped, withStdinMarkers } from './ndr.js';

type Input = { source: string; bytes: Buffer } | { source: string; error: string };

const LOOKS_LIKE_PATH = /^[^\s:]+\.(eml|txt|msg|mbox|log|hdr|headers)$|^[^\s:]*\/[^\s:]*$/i;

async function classify(arg: string, read = true): Promise<Input> {
  let isFile = false;
  try {
    const st = statSync(arg);
    if (st.isDirectory())
      return {
        source: arg,
        error: `${arg} is a directory; name the message files in it (e.g. ${arg}/*.eml).`,
      };
    isFile = st.isFile() || st.isFIFO() || st.isCharacterDevice();
  } catch {
    isFile = false;
  }
  if (isFile && !read) return { source: arg, bytes: Buffer.alloc(0) };
  if (isFile) {
    try {
      return { source: arg, bytes: await readFileCapped(arg) };
    } catch (err) {
      return { source: arg, error: `Cannot read ${arg}: ${(err as Error).message}.` };
    }
  }
  if (LOOKS_LIKE_PATH.test(arg)) return { source: arg, error: `no such file: ${arg}` };
  return { source: 'argument', bytes: Buffer.from(arg, 'utf8') };
}

function obviouslyNot(bytes: Buffer): string | undefined {
  if (!/\S/.test(bytes.subarray(0, 65536).toString('latin1')) && bytes.length < 65536)
    return 'The input is empty.';
  if (bytes.subarray(0, 8192).includes(0))
    return 'The input looks binary (it contains NUL bytes), not an e-mail or text.';
  return undefined;
}

async function verify(m: MessageHead, args: HeadersArgs): Promise<[Verification | null, string | null]> {
  const signed = m.headers.get('dkim-signature') !== undefined || m.headers.get('arc-seal') !== undefined;
  if (!signed) return [null, null];
  if (args.offline) return [null, 'DKIM/ARC not verified again (--offline).'];
  if (!m.hasBody)
    return [null, 'DKIM/ARC not verified again: only headers were given, and the signatures cover the body.'];
  try {
    const { verifyMessage } = await import('../headers/verify.js');
    return [await verifyMessage(m.bytes, resolverFromArgs(args)), null];
  } catch (err) {
    return [null, `DKIM/ARC verification could not run: ${(err as Error).message}`];
  }
}

export async function* run(args: HeadersArgs, ctx: RunContext): AsyncIterable<Result> {
  const given = withStdinMarkers((args.inputs ?? []).map(String), ctx.argv ?? [], 'headers');
  const inputs = given.length ? given : ['-'];
  if (inputs.filter((i) => i === '-').length > 1)
    throw new UsageError("'-' (standard input) can be given only once");
  // On a terminal, standard input is what the person pastes (as in `mailflow ndr`): say how to end
  // it, and draw no spinner over the echoed paste. Refusing instead sent the paste to the shell.
  const fromTerminal = inputs.includes('-') && process.stdin.isTTY === true;
  if (fromTerminal) ctx.warn('reading the headers from the terminal: paste them, then press Ctrl-D');
  // A named file that does not exist is a typing mistake: one line, before any output.
  for (const arg of inputs) {
    if (arg === '-') continue;
    const input = await classify(arg, false);
    if ('error' in input && input.error.startsWith('no such file')) throw new UsageError(input.error);
  }
  const trust = (args.trust ?? []).map(String);
  for (const arg of inputs) {
    if (arg !== '-' || !fromTerminal) ctx.progress.update(`reading ${arg === '-' ? 'standard input' : arg}`);
    const input: Input = arg === '-' ? { source: '-', bytes: await readStdinCapped() } : await classify(arg);
    if ('error' in input) {
      yield noHeaders(input.source, input.error);
      continue;
    }
    const why = obviouslyNot(input.bytes);
    if (why) {
      yield noHeaders(input.source, why);
      continue;
    }
    const messages = readMessages(input.bytes);
    for (const [i, m] of messages.entries()) {
      const source = messages.length > 1 ? `${input.source}#${i + 1}` : input.source;
      if (!m) {
        yield noHeaders(
          source,
          'The input does not start with header fields ("Name: value" lines such as Received:, From:, Subject:).',
        );
        continue;
      }
      const [verification, note] = await verify(m, args);
      yield toResult(source, m, trust, verification, note);
    }
  }
}

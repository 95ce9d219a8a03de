// Where the AUTH password comes from, most explicit first: --password (warned about),
// --password-file, MAILFLOW_PASSWORD, then a prompt on the terminal that does not echo.
// An OAuth bearer token (XOAUTH2, OAUTHBEARER) comes the same way: --token-file,
// MAILFLOW_TOKEN, then the prompt.
import { fileErrorText, Interrupted, UsageError } from '../findings/errors.js';
import { readCapped } from '../io/input.js';

export type PasswordSource = 'option' | 'file' | 'env' | 'prompt';

export interface PasswordInput {
  option?: string;
  file?: string;
  env?: string;
  /** Ask on the terminal; undefined when there is no terminal to ask on. */
  prompt?: (question: string) => Promise<string>;
  user: string;
  /** What is asked for: names the sources in messages (default: password). */
  kind?: 'password' | 'token';
}

const LABELS = {
  password: { option: '--password', file: '--password-file', env: 'MAILFLOW_PASSWORD', ask: 'Password' },
  token: { option: '--token', file: '--token-file', env: 'MAILFLOW_TOKEN', ask: 'OAuth access token' },
};

export const PROCESS_LIST_WARNING =
  '--password is visible to other users of this machine in the process list (ps) and may land in shell ' +
  'history; prefer MAILFLOW_PASSWORD, --password-file, or the prompt';

/** A password or token file is one line (OAuth tokens run to a few KB); /dev/zero stops here. */
const MAX_SECRET_FILE_BYTES = 64 * 1024;

export async function resolvePassword(
  input: PasswordInput,
): Promise<{ password: string; source: PasswordSource }> {
  const kind = input.kind ?? 'password';
  const label = LABELS[kind];
  if (input.option !== undefined) return { password: checked(input.option, label.option), source: 'option' };
  if (input.file !== undefined) {
    let got: { bytes: Buffer; more: boolean };
    try {
      got = await readCapped(input.file, MAX_SECRET_FILE_BYTES);
    } catch (e) {
      throw new UsageError(`cannot read ${label.file} ${input.file}: ${fileErrorText(e)}`);
    }
    if (got.more)
      throw new UsageError(`${label.file} ${input.file} is more than 64 KiB: not a ${kind} file (one line)`);
    const content = got.bytes.toString('utf8');
    // The first line is the password; a trailing newline from an editor or `echo` is not part of it.
    return { password: checked(content.split(/\r?\n/)[0] ?? '', label.file), source: 'file' };
  }
  if (input.env !== undefined && input.env !== '')
    return { password: checked(input.env, label.env), source: 'env' };
  if (input.prompt) {
    return {
      password: checked(await input.prompt(`${label.ask} for ${input.user}: `), `the ${kind}`),
      source: 'prompt',
    };
  }
  throw new UsageError(
    `AUTH needs a ${kind}: set ${label.env}, use ${label.file} <file>, or run on a terminal to be asked`,
  );
}

function checked(pw: string, label: string): string {
  // Never echo the value itself in the error.
  if (pw === '') throw new UsageError(`${label} is empty`);
  if (/[\r\n\0]/.test(pw)) throw new UsageError(`${label} contains CR, LF or NUL; refusing it`);
  return pw;
}

/**
 * Read a line from the terminal without echoing it: raw mode, our own line editing (backspace,
 * Ctrl-C, Ctrl-D). Only offered when stdin and stderr are terminals.
 */
export function ttyPrompt(): ((question: string) => Promise<string>) | undefined {
  const stdin = process.stdin;
  if (!stdin.isTTY || !process.stderr.isTTY) return undefined;
  return (question) =>
    new Promise((resolve, reject) => {
      let buf = '';
      const finish = (err?: Error) => {
        stdin.setRawMode(false);
        stdin.pause();
        stdin.off('data', onData);
        process.stderr.write('\n');
        if (err) reject(err);
        else resolve(buf);
      };
      const onData = (chunk: Buffer) => {
        for (const ch of chunk.toString('utf8')) {
          if (ch === '\r' || ch === '\n') return finish();
          // Raw mode turns Ctrl-C into a byte, not SIGINT: end the same way (exit 130).
          if (ch === '\u0003') return finish(new Interrupted('interrupted at the password prompt'));
          if (ch === '\u0004') return buf ? finish() : finish(new UsageError('nothing was typed'));
          if (ch === '\u007f' || ch === '\b') buf = [...buf].slice(0, -1).join('');
          else if (buf.length < 16_384) buf += ch; // room for a pasted OAuth token (JWTs run to kilobytes)
        }
      };
      // Echo off before the question shows, so nothing typed after it is ever echoed.
      stdin.setRawMode(true);
      stdin.resume();
      stdin.on('data', onData);
      process.stderr.write(question);
    });
}

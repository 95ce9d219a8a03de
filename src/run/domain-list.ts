// Reading `--file` domain lists (mx, check): a stream of lines, never the whole input at once,
// so that `--file - < /dev/zero` or a multi-gigabyte file ends in one clear line instead of
// growing without limit. Caps: a line no domain list needs, a number of names no run can use.
import type { Readable } from 'node:stream';
import { normalizeDomain } from '../checks/mx/domains.js';

import { fileErrorText, UsageError } from '../findings/errors.js';
import { openInput } from '../io/input.js';

export const LIST_LIMITS = {
  /** Longer than any domain name (253 octets) with a comment after it; longer is not a list. */
  lineBytes: 1024,
  /** Names in one run, over all files and arguments. */
  names: 1_000_000,
  /** Lines, comments and blank ones included, so an endless stream of newlines ends too. */
  lines: 10_000_000,
};

const count = (n: number) => n.toLocaleString('en-US');

/** yargs turns a lone '-' option value into ''; both mean standard input. */
export function isStdin(path: string): boolean {
  return path === '-' || path === '';
}

/** One line of a list: '#' starts a comment; "domain MX" lines as written for `dig -f` give their first word. */
function domainOfLine(line: string, where: string): string | undefined {
  const text = line.replace(/#.*$/, '').trim();
  if (text === '') return undefined;
  return normalizeDomain(text.split(/\s+/)[0]!, where);
}

/**
 * Appends the domains listed in `path` ('-' or '': standard input) to `into`, line by line.
 * Throws UsageError naming the line for a NUL byte, an over-long line or a bad name, and when
 * `into` would pass the cap on names.
 */
export async function readDomainList(path: string, into: string[], limits = LIST_LIMITS): Promise<void> {
  const label = isStdin(path) ? 'standard input' : path;
  let stream: Readable;
  try {
    // A FIFO is opened without blocking a thread (Ctrl-C works while it waits for a writer).
    stream = isStdin(path) ? process.stdin : openInput(path);
  } catch (err) {
    throw new UsageError(`cannot read ${label}: ${fileErrorText(err)}`);
  }
  let carry: Buffer | undefined; // the start of a line that continues in the next chunk
  let lineNo = 0;
  const take = (bytes: Buffer) => {
    lineNo++;
    if (lineNo > limits.lines)
      throw new UsageError(`${label} has more than ${count(limits.lines)} lines; split the list`);
    const domain = domainOfLine(bytes.toString('utf8'), `${label} line ${lineNo}:`);
    if (domain === undefined) return;
    if (into.length >= limits.names)
      throw new UsageError(
        `more than ${count(limits.names)} domains in one run (${label} line ${lineNo}); split the list`,
      );
    into.push(domain);
  };
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      let start = 0;
      while (start <= chunk.length) {
        const nl = chunk.indexOf(10, start);
        const piece = chunk.subarray(start, nl < 0 ? chunk.length : nl);
        if (piece.includes(0))
          throw new UsageError(
            `${label} line ${lineNo + 1} contains a NUL byte: this is not a text list of domains`,
          );
        if ((carry?.length ?? 0) + piece.length > limits.lineBytes)
          throw new UsageError(
            `${label} line ${lineNo + 1} is longer than ${count(limits.lineBytes)} bytes: no domain name is; is this a list of domains?`,
          );
        if (nl < 0) {
          // Copied, so the chunk it came from can be released.
          if (piece.length > 0) carry = carry ? Buffer.concat([carry, piece]) : Buffer.from(piece);
          break;
        }
        take(carry ? Buffer.concat([carry, piece]) : piece);
        carry = undefined;
        start = nl + 1;
      }
    }
  } catch (err) {
    if (err instanceof UsageError) throw err;
    throw new UsageError(`cannot read ${label}: ${fileErrorText(err)}`);
  } finally {
    if (!isStdin(path)) stream.destroy();
  }
  if (carry) take(carry);
}

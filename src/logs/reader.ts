// Reading log files as a stream of lines: plain files, rotated .gz files (node:zlib) and standard
// input. Memory stays bounded by the chunk size and the line cap: a line longer than the cap is
// skipped (counted), never accumulated, so a 1 GB line without a newline costs linear time.
import { closeSync, createReadStream, openSync, readSync } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { fileErrorText, UsageError } from '../findings/errors.js';

export const READ_LIMITS = {
  /** Bytes; longer than any syslog line (Postfix logs at most line_length_limit, 2,048; syslog ~8 KiB). */
  lineChars: 64 * 1024,
};

export interface ReadStats {
  lines: number;
  /** Lines over the cap, skipped. */
  overlong: number;
  bytes: number;
  /** Compressed files that ended early or were damaged (read up to the damage). */
  damaged: number;
  /** Set when Ctrl-C stopped the reading: what was counted is only a part of the input. */
  interrupted?: true;
}

/** The read errors a person meets, in words (others keep their code). */
const READ_ERRORS: Record<string, string> = {
  EISDIR: 'it is a directory; name the log files in it',
  EACCES: 'permission denied (run as a user who may read the mail logs, e.g. in group adm)',
};

export function isStdin(path: string): boolean {
  return path === '-' || path === '';
}

function gzipped(path: string): boolean {
  if (path.endsWith('.gz')) return true;
  try {
    const fd = openSync(path, 'r');
    try {
      const b = Buffer.alloc(2);
      return readSync(fd, b, 0, 2, 0) === 2 && b[0] === 0x1f && b[1] === 0x8b;
    } finally {
      closeSync(fd);
    }
  } catch {
    return false;
  }
}

/** Calls `onLine` for every line of `path` ('-': standard input), in order. */
export async function readLines(
  path: string,
  onLine: (line: string) => void,
  stats: ReadStats,
  limits = READ_LIMITS,
  signal?: AbortSignal,
): Promise<void> {
  const label = isStdin(path) ? 'standard input' : path;
  const raw = isStdin(path) ? process.stdin : createReadStream(path, { highWaterMark: 1 << 20 });
  const stream = !isStdin(path) && gzipped(path) ? raw.pipe(createGunzip()) : raw;
  // Each line is decoded on its own from the bytes, so a string kept from it (a sender, an error
  // text) holds that line alive, not the megabyte chunk it came in.
  let carry: Buffer | undefined;
  let skipping = false; // inside an over-long line: drop bytes until its newline
  const emit = (buf: Buffer, from: number, to: number) => {
    if (to > from && buf[to - 1] === 13) to--;
    stats.lines++;
    onLine(buf.toString('utf8', from, to));
  };
  const feed = (chunk: Buffer) => {
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(10, start);
      if (nl < 0) {
        if (skipping) return;
        const rest = chunk.length - start;
        if ((carry?.length ?? 0) + rest > limits.lineChars) {
          skipping = true;
          carry = undefined;
          stats.overlong++;
          return;
        }
        if (rest > 0)
          carry = carry ? Buffer.concat([carry, chunk.subarray(start)]) : Buffer.from(chunk.subarray(start));
        return;
      }
      if (skipping) {
        skipping = false;
        stats.lines++;
      } else if (carry) {
        const whole = Buffer.concat([carry, chunk.subarray(start, nl)]);
        carry = undefined;
        if (whole.length > limits.lineChars) stats.overlong++;
        else emit(whole, 0, whole.length);
      } else if (nl - start > limits.lineChars) stats.overlong++;
      else emit(chunk, start, nl);
      start = nl + 1;
    }
  };
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      stats.bytes += chunk.length;
      feed(chunk);
      if (signal?.aborted) {
        stats.interrupted = true;
        break;
      }
    }
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'Z_DATA_ERROR' || e.code === 'Z_BUF_ERROR' || e.code === 'ERR_ZLIB') {
      // A truncated or damaged .gz (a rotation caught mid-write): keep what was read.
      stats.damaged++;
    } else throw new UsageError(`cannot read ${label}: ${fileErrorText(e, READ_ERRORS)}`);
  } finally {
    if (!isStdin(path)) raw.destroy();
  }
  // After Ctrl-C the carry is a line cut where the reading stopped, not the file's last line.
  if (carry && !skipping && !stats.interrupted) emit(carry, 0, carry.length);
}

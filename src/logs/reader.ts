// Reading log files as a stream of lines: plain files, rotated .gz files (node:zlib) and standard
// input. Memory stays bounded by the chunk size and the line cap: a line longer than the cap is
// skipped (counted), never accumulated, so a 1 GB line without a newline costs linear time.
import { closeSync, createReadStream, openSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';
import { UsageError } from '../findings/errors.js';

export const READ_LIMITS = {
  /** Longer than any syslog line (Postfix logs at most line_length_limit, 2,048; syslog ~8 KiB). */
  lineChars: 64 * 1024,
};

export interface ReadStats {
  lines: number;
  /** Lines over the cap, skipped. */
  overlong: number;
  bytes: number;
  /** Compressed files that ended early or were damaged (read up to the damage). */
  damaged: number;
}

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
  const decoder = new StringDecoder('utf8');
  let carry = '';
  let skipping = false; // inside an over-long line: drop text until its newline
  const feed = (text: string) => {
    let start = 0;
    for (;;) {
      const nl = text.indexOf('\n', start);
      if (nl < 0) {
        const rest = text.length - start;
        if (skipping) return;
        if (carry.length + rest > limits.lineChars) {
          skipping = true;
          carry = '';
          stats.overlong++;
          return;
        }
        carry = carry ? carry + text.slice(start) : text.slice(start);
        return;
      }
      if (skipping) {
        skipping = false;
        stats.lines++;
      } else {
        let line = carry ? carry + text.slice(start, nl) : text.slice(start, nl);
        carry = '';
        if (line.length > limits.lineChars) stats.overlong++;
        else {
          if (line.charCodeAt(line.length - 1) === 13) line = line.slice(0, -1);
          stats.lines++;
          onLine(line);
        }
      }
      start = nl + 1;
    }
  };
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      stats.bytes += chunk.length;
      feed(decoder.write(chunk));
      if (signal?.aborted) break;
    }
    feed(decoder.end());
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'Z_DATA_ERROR' || e.code === 'Z_BUF_ERROR' || e.code === 'ERR_ZLIB') {
      // A truncated or damaged .gz (a rotation caught mid-write): keep what was read.
      stats.damaged++;
    } else throw new UsageError(`cannot read ${label}: ${e.code ?? e.message}`);
  } finally {
    if (!isStdin(path)) raw.destroy();
  }
  if (carry && !skipping) {
    stats.lines++;
    onLine(carry);
  }
}

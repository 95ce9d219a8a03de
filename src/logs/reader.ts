// Reading log files as a stream of lines: plain files, rotated .gz files (node:zlib) and standard
// input. Memory stays bounded by the chunk size and the line cap: a line longer than the cap is
// skipped (counted), never accumulated, so a 1 GB line without a newline costs linear time.
import { statSync } from 'node:fs';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { fileErrorText, UsageError } from '../findings/errors.js';
import { openInput } from '../io/input.js';

export const READ_LIMITS = {
  /** Bytes; longer than any syslog line (Postfix logs at most line_length_limit, 2,048; syslog ~8 KiB). */
  lineChars: 64 * 1024,
  /**
   * Bytes without a line end after which a file is no text log at all (/dev/zero, a disk image):
   * its reading stops there, instead of skipping an endless line forever.
   */
  runawayBytes: 16 * 1024 * 1024,
};

export interface ReadStats {
  lines: number;
  /** Lines over the cap, skipped. */
  overlong: number;
  bytes: number;
  /** Compressed files that ended early or were damaged (read up to the damage). */
  damaged: number;
  /** Files whose reading stopped at a run of more than `runawayBytes` without a line end. */
  runaway: number;
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

/**
 * Whether the input can be read a second time (trace reads files twice): a regular file can; a
 * pipe (`<(zcat mail.log.gz)`, /dev/stdin), a FIFO or a device is used up by the first reading.
 */
export function rereadable(path: string): boolean {
  if (isStdin(path)) return false;
  try {
    return statSync(path).isFile();
  } catch {
    return true; // the reading itself says what is wrong with it
  }
}

/**
 * The bytes of the input, gunzipped when it is gzip: by name (.gz) or by its first two bytes, read
 * from the stream itself, so a pipe is opened once and nothing is consumed before the reading.
 */
async function* decompressed(raw: AsyncIterable<Buffer>, byName: boolean): AsyncGenerator<Buffer> {
  const it = raw[Symbol.asyncIterator]();
  const first = await it.next();
  if (first.done) return;
  const head: Buffer = first.value;
  async function* all() {
    yield head;
    for (let n = await it.next(); !n.done; n = await it.next()) yield n.value as Buffer;
  }
  if (!(byName || (head[0] === 0x1f && head[1] === 0x8b))) return yield* all();
  const source = Readable.from(all());
  const gunzip = createGunzip();
  source.on('error', (e) => gunzip.destroy(e));
  try {
    yield* source.pipe(gunzip);
  } finally {
    source.destroy();
    gunzip.destroy();
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
  let raw: Readable;
  try {
    raw = isStdin(path) ? process.stdin : openInput(path, 1 << 20);
  } catch (err) {
    throw new UsageError(`cannot read ${label}: ${fileErrorText(err)}`);
  }
  const stream = decompressed(raw, path.endsWith('.gz'));
  // Each line is decoded on its own from the bytes, so a string kept from it (a sender, an error
  // text) holds that line alive, not the megabyte chunk it came in.
  let carry: Buffer | undefined;
  let skipping = false; // inside an over-long line: drop bytes until its newline
  let lineStart = stats.bytes; // stats.bytes where the current line began (stats span every file)
  const emit = (buf: Buffer, from: number, to: number) => {
    if (to > from && buf[to - 1] === 13) to--;
    stats.lines++;
    onLine(buf.toString('utf8', from, to));
  };
  /** Whether the line being read has gone on past any text log's (`chunkEnd`: stats.bytes after this chunk). */
  const runaway = (chunkEnd: number) => chunkEnd - lineStart > limits.runawayBytes;
  const feed = (chunk: Buffer, chunkEnd: number) => {
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(10, start);
      if (nl >= 0) lineStart = chunkEnd - chunk.length + nl + 1;
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
    for await (const chunk of stream) {
      stats.bytes += chunk.length;
      feed(chunk, stats.bytes);
      if (runaway(stats.bytes)) {
        stats.runaway++;
        skipping = true; // the endless line is not a line: not counted, not emitted
        break;
      }
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

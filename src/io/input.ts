// Opening a file a user named, whatever it turns out to be: a regular file, a FIFO or process
// substitution (`<(zcat mail.log.gz)`), a device. Nothing here blocks the main thread or a libuv
// thread on a reader that never comes, so Ctrl-C always ends the run.
import { constants, createReadStream, openSync, statSync } from 'node:fs';
import { Socket } from 'node:net';
import type { Readable } from 'node:stream';

/**
 * The file's bytes as a stream. A FIFO opened the ordinary way holds a libuv thread in open()
 * until a writer comes, and Node cannot exit while it does (Ctrl-C hung until kill -9); opened
 * non-blocking, it is watched like a pipe and waits for its writer without holding anything.
 */
export function openInput(path: string, highWaterMark = 1 << 16): Readable {
  let fifo = false;
  try {
    fifo = statSync(path).isFIFO();
  } catch {
    // the reading says what is wrong with it
  }
  if (!fifo) return createReadStream(path, { highWaterMark });
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  return new Socket({ fd, readable: true, writable: false });
}

/**
 * At most `max` bytes of the file, and whether it holds more: /dev/zero or an endless FIFO ends
 * at the cap instead of filling memory. Errors are the file system's (ENOENT, EISDIR, EACCES).
 */
export async function readCapped(path: string, max: number): Promise<{ bytes: Buffer; more: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  const stream = openInput(path);
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      chunks.push(chunk);
      size += chunk.length;
      if (size > max) break;
    }
  } finally {
    stream.destroy();
  }
  const all = Buffer.concat(chunks);
  return { bytes: all.subarray(0, max), more: all.length > max };
}

// BDAT (CHUNKING, RFC 3030): the message in chunks of at most CHUNK_BYTES, each announced with its
// exact size and sent as is (no dot-stuffing, no final "."); the last one is "BDAT <n> LAST".
// The transcript shows each BDAT line and the size of its data, never the data.
import type { Reply } from '../smtp/reply.js';
import type { SmtpSession } from '../smtp/session.js';

export const CHUNK_BYTES = 1024 * 1024;

/** Time to allow for sending `bytes` on a slow uplink: a second per 100 kB (800 kbit/s). */
export const transferMs = (bytes: number) => Math.ceil(bytes / 100_000) * 1000;

/** Returns the reply to the last chunk sent: the final one, or the first refusal (RFC 3030 §4.2). */
export async function sendChunked(
  session: SmtpSession,
  message: Buffer,
  finalTimeoutMs: number,
  replyTimeoutMs: number,
  chunkBytes = CHUNK_BYTES,
): Promise<Reply> {
  const count = Math.max(1, Math.ceil(message.length / chunkBytes));
  for (let i = 0; i < count; i++) {
    const last = i === count - 1;
    const chunk = message.subarray(i * chunkBytes, last ? message.length : (i + 1) * chunkBytes);
    // The reply clock starts as the chunk is handed to the socket: allow for sending it too.
    const wait = transferMs(chunk.length) + (last ? finalTimeoutMs : replyTimeoutMs);
    const reply = await session.bdat(chunk, last, wait);
    if (last || reply.code !== 250) return reply;
  }
  throw new Error('unreachable: the loop returns at the last chunk');
}

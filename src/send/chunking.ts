// BDAT (CHUNKING, RFC 3030): the message in chunks of at most CHUNK_BYTES, each announced with its
// exact size and sent as is (no dot-stuffing, no final "."); the last one is "BDAT <n> LAST".
// The transcript shows each BDAT line and the size of its data, never the data.
import type { Reply } from '../smtp/reply.js';
import type { SmtpSession } from '../smtp/session.js';

export const CHUNK_BYTES = 1024 * 1024;

/** Time to allow for sending `bytes` on a slow uplink: a second per 100 kB (800 kbit/s). */
export const transferMs = (bytes: number) => Math.ceil(bytes / 100_000) * 1000;

/** A refused chunk (RFC 3030 §4.2): the transaction failed there, and no further chunk was sent. */
export interface ChunkRefusal {
  /** 1-based number of the refused chunk, and how many the message needed. */
  chunk: number;
  chunks: number;
  /** The refused chunk's size, the bytes of the chunks accepted before it, and all sent. */
  chunkBytes: number;
  bytesAccepted: number;
  bytesSent: number;
  totalBytes: number;
}

/** The reply to the last chunk sent: the final one, or the first refusal with where it came. */
export async function sendChunked(
  session: SmtpSession,
  message: Buffer,
  finalTimeoutMs: number,
  replyTimeoutMs: number,
  chunkBytes = CHUNK_BYTES,
): Promise<{ reply: Reply; refused?: ChunkRefusal }> {
  const count = Math.max(1, Math.ceil(message.length / chunkBytes));
  for (let i = 0; i < count; i++) {
    const last = i === count - 1;
    const start = i * chunkBytes;
    const chunk = message.subarray(start, last ? message.length : start + chunkBytes);
    // The reply clock starts as the chunk is handed to the socket: allow for sending it too.
    const wait = transferMs(chunk.length) + (last ? finalTimeoutMs : replyTimeoutMs);
    const reply = await session.bdat(chunk, last, wait);
    if (reply.code !== 250) {
      const refused: ChunkRefusal = {
        chunk: i + 1,
        chunks: count,
        chunkBytes: chunk.length,
        bytesAccepted: start,
        bytesSent: start + chunk.length,
        totalBytes: message.length,
      };
      return { reply, refused };
    }
    if (last) return { reply };
  }
  throw new Error('unreachable: the loop returns at the last chunk');
}

// BDAT chunks: each waits for its reply with time to send the chunk itself on a slow uplink (the
// reply clock starts when the chunk is handed to the socket), not just the bare reply timeout.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CHUNK_BYTES, sendChunked, transferMs } from '../../src/send/chunking.js';
import type { Reply } from '../../src/smtp/reply.js';
import type { SmtpSession } from '../../src/smtp/session.js';

test('every BDAT chunk may take its transfer time on top of the reply timeout', async () => {
  const waits: { bytes: number; last: boolean; timeout: number | undefined }[] = [];
  const session = {
    bdat: async (chunk: Buffer, last: boolean, timeout?: number): Promise<Reply> => {
      waits.push({ bytes: chunk.length, last, timeout });
      return { code: 250, lines: ['ok'], text: 'ok' } as unknown as Reply;
    },
  } as unknown as SmtpSession;
  const message = Buffer.alloc(CHUNK_BYTES * 2 + 10, 'a');
  await sendChunked(session, message, 30_000, 3_000);
  assert.deepEqual(
    waits.map((w) => [w.bytes, w.last, w.timeout]),
    [
      [CHUNK_BYTES, false, 3_000 + transferMs(CHUNK_BYTES)],
      [CHUNK_BYTES, false, 3_000 + transferMs(CHUNK_BYTES)],
      [10, true, 30_000 + transferMs(10)],
    ],
  );
  assert.equal(transferMs(CHUNK_BYTES), 11_000, 'a second per 100 kB (800 kbit/s)');
});

// A BDAT chunk refused in the middle of a multi-chunk message (RFC 3030 §4.2): the finding names
// the chunk and the bytes sent by then and explains the reply, mailflow sends no further chunk,
// and nothing hangs, whether the server reads the chunk first or answers and hangs up at once.
import assert from 'node:assert/strict';
import type { Socket } from 'node:net';
import { after, test } from 'node:test';
import { jsonLines, runCli } from '../helpers/cli.js';
import { type FakeConn, scriptedServers } from './book-fake.js';

const servers = scriptedServers();
after(servers.closeAll);

/** The client's bytes from now on, read as lines or as counted bytes (BDAT data is not lines). */
function rawReader(socket: Socket) {
  socket.removeAllListeners('data');
  let buf = Buffer.alloc(0);
  let ended = false;
  let wake: (() => void) | undefined;
  socket.on('data', (d: Buffer) => {
    buf = Buffer.concat([buf, d]);
    wake?.();
  });
  socket.on('close', () => {
    ended = true;
    wake?.();
  });
  const until = async (ready: () => boolean): Promise<boolean> => {
    // Bounded: each pass waits for more data; a 3 MB message arrives in far fewer passes.
    for (let i = 0; i < 100_000 && !ready(); i++) {
      if (ended) return false;
      await new Promise<void>((r) => {
        wake = r;
      });
      wake = undefined;
    }
    return ready();
  };
  return {
    async line(): Promise<string | null> {
      if (!(await until(() => buf.includes('\r\n')))) return null;
      const i = buf.indexOf('\r\n');
      const l = buf.subarray(0, i).toString('latin1');
      buf = buf.subarray(i + 2);
      return l;
    },
    async skip(n: number): Promise<boolean> {
      if (!(await until(() => buf.length >= n))) return false;
      buf = buf.subarray(n);
      return true;
    },
  };
}

interface Seen {
  bdat: string[];
  quit: boolean;
}

/** CHUNKING offered; the second BDAT is answered with `refusal`, after its data or (`early`) at once, then hang up. */
function refusesSecondChunk(refusal: string, seen: Seen, early = false) {
  return async (c: FakeConn) => {
    c.send('220 fake.test ESMTP');
    await c.readLine(); // EHLO
    c.send('250-fake.test', '250-PIPELINING', '250-CHUNKING', '250 SIZE 10000000');
    await c.readLine(); // MAIL
    await c.readLine(); // RCPT
    const raw = rawReader(c.socket);
    c.send('250 2.1.0 ok', '250 2.1.5 ok');
    for (let n = 0; n < 10; n++) {
      const l = await raw.line();
      if (l === null) return;
      if (l === 'QUIT') {
        seen.quit = true;
        c.send('221 2.0.0 bye');
        return c.end();
      }
      const m = /^BDAT (\d+)( LAST)?$/.exec(l);
      if (!m) {
        c.send('500 5.5.2 unexpected');
        continue;
      }
      seen.bdat.push(l);
      if (seen.bdat.length === 2 && early) {
        c.send(refusal);
        return c.end();
      }
      if (!(await raw.skip(Number(m[1])))) return;
      // RFC 3030 §4.2: after a refused chunk every further BDAT gets 503.
      c.send(
        seen.bdat.length === 2
          ? refusal
          : seen.bdat.length > 2
            ? '503 5.5.1 transaction failed'
            : '250 2.0.0 chunk ok',
      );
    }
  };
}

const send = async (port: number) => {
  const r = await runCli(
    [
      'send',
      '--server',
      `127.0.0.1:${port}`,
      '--from',
      'a@b.test',
      '--to',
      'c@d.test',
      '--size',
      '2500k',
      '--timeout',
      '10',
      '--json',
    ],
    { timeoutMs: 60_000 },
  );
  const [res] = jsonLines(r.stdout);
  assert.ok(res, r.stdout + r.stderr);
  return { r, res };
};

const MESSAGE = 2500 * 1024;
const CHUNK = 1024 * 1024;

for (const [refusal, early] of [
  ['552 5.3.4 Message size exceeds fixed maximum message size', false],
  ['451 4.3.0 Error: queue file write error', false],
  ['421 4.3.2 Service shutting down', true],
] as const) {
  test(`the second of three BDAT chunks answered "${refusal.slice(0, 9)}"${early ? ' before its data, then a hang-up' : ''}: chunk and bytes named, reply explained, no third chunk`, {
    timeout: 60_000,
  }, async () => {
    const seen: Seen = { bdat: [], quit: false };
    const s = await servers.start(refusesSecondChunk(refusal, seen, early));
    const { r, res } = await send(s.port);
    assert.equal(r.code, 2, r.stdout + r.stderr);
    assert.deepEqual(seen.bdat, [`BDAT ${CHUNK}`, `BDAT ${CHUNK}`], 'no chunk after the refusal');
    const f = res.findings.find((x: { id: string }) => x.id === 'send.data-rejected');
    assert.ok(f, JSON.stringify(res.findings.map((x: { id: string }) => x.id)));
    assert.equal(f.title, `The message was refused: the server answered ${refusal.slice(0, 3)}`);
    assert.match(
      f.detail,
      new RegExp(
        `refused BDAT chunk 2 of 3 \\(${CHUNK} bytes; ${2 * CHUNK} of the message's ${MESSAGE} bytes sent by then\\) after accepting ${CHUNK} bytes in 1 chunk\\. A refused chunk fails the whole transaction`,
      ),
    );
    assert.ok(f.detail.includes(`The server replied "${refusal}"`), f.detail);
    assert.ok(f.data.explanation?.summary, 'the NDR explainer read the reply');
    assert.deepEqual(f.data.chunk, {
      chunk: 2,
      chunks: 3,
      chunkBytes: CHUNK,
      bytesAccepted: CHUNK,
      bytesSent: 2 * CHUNK,
      totalBytes: MESSAGE,
    });
    assert.equal(res.data.stage, 'data');
    assert.equal(res.data.queueId, null);
    if (refusal.startsWith('451')) assert.match(f.fix, /temporary refusal .* retry later/);
    if (refusal.startsWith('552')) assert.match(f.fix, /smaller message/);
    if (!early) assert.equal(seen.quit, true, 'the session ends with QUIT');
  });
}

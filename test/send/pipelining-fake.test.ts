// PIPELINING and BDAT against scripted servers, for what Postfix will not do on demand: answer a
// pipelined group late and one reply at a time, refuse a recipient in the middle of a group,
// refuse the sender with every later command answered 503, and show the bytes a BDAT carries.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { jsonLines, runCli } from '../helpers/cli.js';
import { type FakeConn, scriptedServers } from './book-fake.js';

const servers = scriptedServers();
after(servers.closeAll);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Greeting and EHLO offering `extensions`; returns after the EHLO reply. */
async function hello(c: FakeConn, extensions: string[]): Promise<void> {
  c.send('220 fake.test ESMTP');
  assert.match((await c.readLine()) ?? '', /^EHLO /);
  c.send('250-fake.test', ...extensions.slice(0, -1).map((e) => `250-${e}`), `250 ${extensions.at(-1)}`);
}

/** `reply` to every command until QUIT (bounded): "250 ok" says yes to anything, DATA included. */
async function answerUntilQuit(c: FakeConn, reply: string): Promise<void> {
  for (let i = 0; i < 10; i++) {
    const l = await c.readLine();
    if (l === null) return;
    if (l === 'QUIT') {
      c.send('221 bye');
      return c.end();
    }
    c.send(reply);
  }
}

const okToAll = (c: FakeConn) => answerUntilQuit(c, '250 ok');
const quit = (c: FakeConn) => answerUntilQuit(c, '500 unexpected');

const send = async (port: number, extra: string[]) => {
  const r = await runCli([
    'send',
    '--server',
    `127.0.0.1:${port}`,
    '--from',
    'a@b.test',
    '--timeout',
    '5',
    '--json',
    ...extra,
  ]);
  const [res] = jsonLines(r.stdout);
  assert.ok(res, r.stderr);
  return { r, res };
};

test('PIPELINING: MAIL, both RCPTs and DATA arrive in one write; late replies are paired with their commands', async () => {
  const chunks: string[] = [];
  const s = await servers.start(async (c) => {
    await hello(c, ['PIPELINING', 'SIZE 1000000']);
    c.socket.on('data', (d) => chunks.push(d.toString('latin1')));
    const group = [await c.readLine(), await c.readLine(), await c.readLine(), await c.readLine()];
    assert.deepEqual(
      group.map((l) => l?.split(':')[0]),
      ['MAIL FROM', 'RCPT TO', 'RCPT TO', 'DATA'],
    );
    // Each reply late and on its own, in order: the client must not pair them by arrival time.
    for (const reply of [
      '250 2.1.0 sender ok',
      '550 5.1.1 <nobody@d.test>: no such user',
      '250 2.1.5 ok',
      '354 go ahead',
    ]) {
      await sleep(30);
      c.send(reply);
    }
    for (let i = 0; i < 1000; i++) if ((await c.readLine()) === '.') break;
    c.send('250 2.0.0 queued as ABC123');
    await quit(c);
  });
  const { r, res } = await send(s.port, ['--to', 'nobody@d.test', '--to', 'c@d.test']);
  assert.equal(r.code, 1, r.stdout);
  assert.deepEqual(res.data.recipients, [
    { address: 'nobody@d.test', accepted: false, reply: '550 5.1.1 <nobody@d.test>: no such user' },
    { address: 'c@d.test', accepted: true, reply: '250 2.1.5 ok' },
  ]);
  assert.equal(res.data.queueId, 'ABC123');
  assert.deepEqual(res.data.extensionsUsed, ['PIPELINING']);
  const group = chunks.find((c) => c.startsWith('MAIL FROM'));
  assert.ok(group, `no chunk starts with MAIL FROM: ${JSON.stringify(chunks)}`);
  assert.match(
    group,
    /^MAIL FROM:<a@b\.test> SIZE=\d+\r\nRCPT TO:<nobody@d\.test>\r\nRCPT TO:<c@d\.test>\r\nDATA\r\n$/,
  );
});

test('--no-pipelining: PIPELINING offered, yet each command waits for the reply to the one before', async () => {
  const chunks: string[] = [];
  /** For each command: how many lines the server had received when it read it and answered. */
  const seenWhenAnswered: number[] = [];
  const s = await servers.start(async (c) => {
    await hello(c, ['PIPELINING', 'SIZE 1000000']);
    c.socket.on('data', (d) => chunks.push(d.toString('latin1')));
    for (const reply of ['250 2.1.0 ok', '250 2.1.5 ok', '250 2.1.5 ok', '354 go ahead']) {
      await c.readLine();
      seenWhenAnswered.push(c.received.length);
      c.send(reply);
    }
    for (let i = 0; i < 1000; i++) if ((await c.readLine()) === '.') break;
    c.send('250 2.0.0 queued as NOPIPE1');
    await quit(c);
  });
  const { r, res } = await send(s.port, ['--to', 'b@d.test', '--to', 'c@d.test', '--no-pipelining']);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.equal(res.data.queueId, 'NOPIPE1');
  assert.deepEqual(res.data.extensionsUsed, []);
  // EHLO, then MAIL: when the server answered each command it had that command and no later one.
  assert.deepEqual(seenWhenAnswered, [2, 3, 4, 5]);
  assert.ok(
    chunks.some((ch) => /^MAIL FROM:<a@b\.test> SIZE=\d+\r\n$/.test(ch)),
    `MAIL FROM not alone in its write: ${JSON.stringify(chunks)}`,
  );
  // The transcript: one command, then its reply.
  const t = res.data.transcript.map(
    (e: { dir: string; line: string }) => `${e.dir}: ${e.line.split(':')[0]}`,
  );
  const mail = t.indexOf('C: MAIL FROM');
  assert.deepEqual(t.slice(mail, mail + 8), [
    'C: MAIL FROM',
    'S: 250 2.1.0 ok',
    'C: RCPT TO',
    'S: 250 2.1.5 ok',
    'C: RCPT TO',
    'S: 250 2.1.5 ok',
    'C: DATA',
    'S: 354 go ahead',
  ]);
});

test('PIPELINING: a refused sender is reported with its own reply, not the 503s that follow it', async () => {
  const s = await servers.start(async (c) => {
    await hello(c, ['PIPELINING']);
    for (let i = 0; i < 3; i++) await c.readLine();
    c.send('553 5.7.1 <a@b.test>: sender refused', '503 5.5.1 need MAIL', '503 5.5.1 need RCPT');
    await quit(c);
  });
  const { r, res } = await send(s.port, ['--to', 'c@d.test']);
  assert.equal(r.code, 2);
  assert.deepEqual(
    res.findings.map((f: { id: string }) => f.id),
    ['send.sender-rejected'],
  );
  assert.equal(res.data.failure.reply, '553 5.7.1 <a@b.test>: sender refused');
  assert.deepEqual(res.data.recipients, []);
});

test('BDAT: the exact byte count, no dot-stuffing and no final dot; the transcript shows no message text', async () => {
  let announced = 0;
  let received = '';
  const s = await servers.start(async (c) => {
    await hello(c, ['PIPELINING', 'CHUNKING', '8BITMIME']);
    await c.readLine(); // MAIL
    await c.readLine(); // RCPT
    c.send('250 ok', '250 ok');
    const bdat = (await c.readLine()) ?? '';
    const m = /^BDAT (\d+) LAST$/.exec(bdat);
    assert.ok(m, bdat);
    announced = Number(m[1]);
    for (let i = 0; i < 1000 && Buffer.byteLength(received, 'latin1') < announced; i++) {
      const l = await c.readLine();
      if (l === null) break;
      received += `${l}\r\n`;
    }
    c.send('250 2.0.0 Ok: 123 bytes queued as BDAT1');
    await quit(c);
  });
  const { r, res } = await send(s.port, [
    '--to',
    'c@d.test',
    '--body',
    '.a line with a leading dot\nsecret-body-text',
  ]);
  assert.equal(r.code, 0, r.stdout);
  assert.equal(Buffer.byteLength(received, 'latin1'), announced);
  assert.equal(res.data.messageBytes, announced);
  assert.match(received, /\r\n\.a line with a leading dot\r\n/);
  assert.ok(!received.includes('..a line'));
  assert.ok(!JSON.stringify(res.data.transcript).includes('secret-body-text'));
  assert.ok(res.data.transcript.some((e: { line: string }) => e.line === `BDAT ${announced} LAST`));
  assert.equal(res.data.queueId, 'BDAT1');
});

test("PIPELINING: a server that answers one RCPT with 421 and hangs up; the 421 is that recipient's", async () => {
  const s = await servers.start(async (c) => {
    await hello(c, ['PIPELINING']);
    for (let i = 0; i < 3; i++) await c.readLine();
    c.send('250 2.1.0 ok', '421 4.3.2 shutting down');
    c.end();
  });
  const { r, res } = await send(s.port, ['--to', 'c@d.test', '--no-chunking']);
  assert.equal(r.code, 2);
  assert.deepEqual(res.data.recipients, [
    { address: 'c@d.test', accepted: false, reply: '421 4.3.2 shutting down' },
  ]);
  assert.equal(res.data.stage, 'rcpt');
});

test('over the advertised SIZE but stopped before the message: the size finding does not say the server accepted it', async () => {
  const s = await servers.start(async (c) => {
    await hello(c, ['SIZE 1000']);
    await okToAll(c);
  });
  const { res } = await send(s.port, ['--to', 'c@d.test', '--size', '5000', '--quit-after', 'rcpt']);
  const f = res.findings.find((x: { id: string }) => x.id === 'send.size-over-limit');
  assert.ok(f, JSON.stringify(res.findings.map((x: { id: string }) => x.id)));
  assert.match(f.detail, /this run stopped before the message was sent \(after rcpt\)/);
  assert.doesNotMatch(f.detail, /it accepted it/);
});

test('DATA answered 250 instead of 354: named as the server’s protocol error, not explained as a refusal', async () => {
  const s = await servers.start(async (c) => {
    await hello(c, ['SIZE 100000']);
    await okToAll(c);
  });
  const { r, res } = await send(s.port, ['--to', 'c@d.test', '--no-chunking']);
  assert.equal(r.code, 2, r.stdout + r.stderr);
  const f = res.findings[0];
  assert.match(f.detail, /answered DATA with 250 where 354 \(send the message\) was expected/);
  assert.doesNotMatch(f.detail, /explainer/i);
});

// `mailflow send`'s message options and stopping points against a private Postfix: --attach and
// --size (read back from the hold queue with postcat), SMTPUTF8, BDAT, PIPELINING, --quit-after
// data and --drop-after. This instance holds every message it accepts (HOLD at end of data) so
// the test can read what was delivered, and hides SMTPUTF8, CHUNKING and PIPELINING from clients
// connecting from 127.0.0.2 (smtpd_discard_ehlo_keyword_address_maps).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { bodyBytes, type MimePart, parseMessage } from '../../src/ndr/mime/parse.js';
import { type CliRun, jsonLines, runCli } from '../helpers/cli.js';
import { type PostfixInstance, skipServers, startPostfix } from '../helpers/postfix.js';

const skip = skipServers();
const LIMIT = 3 * 1024 * 1024;

/** One JSON result (jsonLines gives untyped JSON). */
type Res = ReturnType<typeof jsonLines>[number];

describe('send: attachments, size, SMTPUTF8, BDAT, PIPELINING and stopping points against Postfix', {
  skip,
}, () => {
  let pf: PostfixInstance;
  let tmp: string;

  before(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'mailflow-msg-'));
    chmodSync(tmp, 0o755);
    const cidr = join(tmp, 'discard.cidr');
    writeFileSync(cidr, '127.0.0.2/32 smtputf8, chunking, pipelining\n', { mode: 0o644 });
    pf = await startPostfix({
      messageSizeLimit: LIMIT,
      extraMain: [
        'smtpd_end_of_data_restrictions = check_client_access static:HOLD',
        `smtpd_discard_ehlo_keyword_address_maps = cidr:${cidr}`,
        'smtputf8_enable = yes',
        // Any local part of local.test is a recipient (UTF-8 ones too).
        'local_recipient_maps =',
      ],
    });
  });
  after(async () => {
    await pf?.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  const send = async (args: string[]) =>
    runCli(['send', '--helo', 'client.mailflow.test', '--timeout', '15', '--json', ...args], {
      timeoutMs: 60_000,
    });
  const mx = (...extra: string[]) => [
    '--server',
    `127.0.0.1:${pf.port}`,
    '--ca',
    pf.caFile,
    '--from',
    'a@example.org',
    '--to',
    `alice@${pf.localDomain}`,
    ...extra,
  ];
  const result = (r: CliRun, code: number, ids: string[]): Res => {
    const [res] = jsonLines(r.stdout) as Res[];
    assert.ok(res, `no JSON result; stderr: ${r.stderr}\n${pf.logs()}`);
    assert.equal(r.code, code, `${r.stdout}\n${r.stderr}`);
    assert.deepEqual(
      res.findings.map((f: { id: string }) => f.id),
      ids,
    );
    return res;
  };
  const sent = (res: Res): string[] =>
    res.data.transcript.filter((e: { dir: string }) => e.dir === 'C').map((e: { line: string }) => e.line);
  /** The message as Postfix queued it (held), as a byte string. */
  const held = (queueId: string): string =>
    execFileSync('/usr/sbin/postcat', ['-c', pf.dir, '-h', '-b', '-q', queueId], {
      maxBuffer: 64 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'ignore'],
    }).toString('latin1');
  const maillog = () => readFileSync(join(pf.dir, 'maillog'), 'utf8');

  test('--attach: a multipart/mixed message whose parts Postfix delivers byte for byte, sent with BDAT', async () => {
    const pdf = join(tmp, 'report.pdf');
    const binary = Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919) % 256));
    writeFileSync(pdf, binary);
    const utf8Name = join(tmp, 'Grüße ü.txt');
    writeFileSync(utf8Name, 'héllo\n.line starting with a dot\n');
    const r = await send(mx('--body', 'see the attachments', '--attach', pdf, '--attach', utf8Name));
    const res = result(r, 0, ['send.ok']);
    assert.deepEqual(res.data.extensionsUsed, ['PIPELINING', 'CHUNKING']);
    const lines = sent(res);
    assert.ok(
      lines.some((l) => /^BDAT \d+ LAST$/.test(l)),
      lines.join('\n'),
    );
    assert.ok(!lines.includes('DATA') && !lines.includes('.'));
    // The transcript names the size of the data, never the data.
    assert.ok(!JSON.stringify(res.data.transcript).includes(binary.toString('base64').slice(0, 40)));

    const raw = held(res.data.queueId);
    const root = parseMessage(raw);
    assert.equal(root.type, 'multipart/mixed');
    const [text, att1, att2] = root.parts as [MimePart, MimePart, MimePart];
    assert.equal(root.parts.length, 3);
    assert.equal(text.type, 'text/plain');
    assert.match(bodyBytes(text), /^see the attachments/);
    assert.equal(att1.type, 'application/pdf');
    assert.match(att1.headers.get('content-disposition') ?? '', /^attachment;\s+filename="report\.pdf"$/);
    assert.equal(Buffer.from(bodyBytes(att1), 'latin1').compare(binary), 0);
    assert.equal(att2.type, 'text/plain');
    assert.equal(
      att2.headers.get('content-disposition')?.replace(/\s+/g, ' '),
      "attachment; filename*=UTF-8''Gr%C3%BC%C3%9Fe%20%C3%BC.txt",
    );
    assert.equal(
      Buffer.from(bodyBytes(att2), 'latin1').toString('utf8'),
      'héllo\n.line starting with a dot\n',
    );
    for (const l of att1.raw.split('\n')) assert.ok(l.length <= 76, `base64 line of ${l.length}`);
  });

  test('--attach of a 0-byte file: still sent as an empty part, with send.attachment-empty (info, exit 0)', async () => {
    const empty = join(tmp, 'invoice.pdf');
    writeFileSync(empty, '');
    const r = await send(mx('--attach', empty));
    const res = result(r, 0, ['send.attachment-empty', 'send.ok']);
    const f = res.findings[0];
    assert.equal(f.severity, 'info');
    assert.match(f.title, /invoice\.pdf is empty \(0 bytes\)/);
    assert.match(f.detail, /wrong path.*still being written/);
    assert.deepEqual(f.data, { file: empty, bytes: 0 });
    const root = parseMessage(held(res.data.queueId));
    const att = root.parts[1] as MimePart;
    assert.equal(att.type, 'application/pdf');
    assert.match(att.headers.get('content-disposition') ?? '', /filename="invoice\.pdf"/);
    assert.equal(bodyBytes(att).trim(), '');
  });

  test('--attach of a file that cannot be read: a usage error before anything connects', async () => {
    const r = await send(mx('--attach', join(tmp, 'missing.zip')));
    assert.equal(r.code, 3, r.stderr);
    assert.match(r.stderr, /cannot read --attach .*missing\.zip: no such file or directory/);
  });

  test('--size 2.5M: padded to exactly that size, sent in bounded BDAT chunks, delivered', async () => {
    const r = await send(mx('--size', '2.5M'));
    const res = result(r, 0, ['send.ok']);
    assert.equal(res.data.messageBytes, 2.5 * 1024 * 1024);
    const bdat = sent(res).filter((l) => l.startsWith('BDAT'));
    assert.deepEqual(bdat, ['BDAT 1048576', 'BDAT 1048576', `BDAT ${0.5 * 1024 * 1024} LAST`]);
    const raw = held(res.data.queueId);
    const root = parseMessage(raw);
    const pad = root.parts.find((p) => p.headers.get('content-description') === 'mailflow --size padding');
    assert.ok(pad, 'no padding part');
    for (const l of raw.split('\n')) assert.ok(l.length <= 998);
  });

  test('--size over the SIZE the server advertises: send.size-over-limit, then 552 5.3.4 explained', async () => {
    const r = await send(mx('--size', '4M'));
    const res = result(r, 2, ['send.data-rejected', 'send.size-over-limit']);
    const [refused, over] = res.findings;
    assert.equal(over!.severity, 'warn');
    assert.match(over!.detail, new RegExp(`SIZE ${LIMIT}`));
    assert.match(over!.detail, /refused it \("552 5\.3\.4 Message size exceeds fixed limit"\)/);
    assert.match(refused!.detail, /552 5\.3\.4/);
    assert.match(refused!.fix, /smaller/);
    assert.ok(sent(res).some((l) => l.startsWith(`MAIL FROM:<a@example.org> SIZE=${4 * 1024 * 1024}`)));
  });

  test('a UTF-8 recipient: MAIL FROM carries SMTPUTF8 and the UTF-8 header arrives as sent', async () => {
    const to = `jürgen@${pf.localDomain}`;
    const r = await send([
      '--server',
      `127.0.0.1:${pf.port}`,
      '--ca',
      pf.caFile,
      '--from',
      'ünïcode@example.org',
      '--to',
      to,
    ]);
    const res = result(r, 0, ['send.ok']);
    assert.ok(res.data.extensionsUsed.includes('SMTPUTF8'));
    assert.ok(
      sent(res).some((l) => /^MAIL FROM:<ünïcode@example\.org> SIZE=\d+ BODY=8BITMIME SMTPUTF8$/.test(l)),
    );
    const raw = Buffer.from(held(res.data.queueId), 'latin1').toString('utf8');
    assert.match(raw, new RegExp(`^To: ${to}$`, 'm'));
  });

  test('a UTF-8 recipient and a server without SMTPUTF8: send.smtputf8-not-offered before MAIL', async () => {
    const r = await send([
      '--server',
      `127.0.0.1:${pf.port}`,
      '--local-address',
      '127.0.0.2',
      '--ca',
      pf.caFile,
      '--from',
      'a@example.org',
      '--to',
      `jürgen@${pf.localDomain}`,
    ]);
    const res = result(r, 2, ['send.smtputf8-not-offered']);
    assert.match(res.findings[0]!.fix, /smtputf8_enable/);
    assert.ok(!sent(res).some((l) => l.startsWith('MAIL')));
  });

  test('CR/LF in a UTF-8 address is refused before anything connects', async () => {
    const r = await send(mx('--to', 'jü\r\nRSET@example.org'));
    assert.equal(r.code, 3);
    assert.match(r.stderr, /CR, LF or NUL/);
  });

  test('--no-chunking, and a server without CHUNKING or PIPELINING: DATA, one command at a time', async () => {
    for (const extra of [['--no-chunking'], ['--local-address', '127.0.0.2']]) {
      const res = result(await send(mx(...extra)), 0, ['send.ok']);
      const lines = sent(res);
      assert.ok(lines.includes('DATA') && lines.includes('.'), lines.join('\n'));
      assert.ok(!lines.some((l) => l.startsWith('BDAT')));
      assert.deepEqual(res.data.extensionsUsed, extra[0] === '--no-chunking' ? ['PIPELINING'] : []);
    }
  });

  test('PIPELINING: MAIL, both RCPTs and DATA in one group; each reply goes to its own recipient', async () => {
    const r = await send([
      '--server',
      `127.0.0.1:${pf.port}`,
      '--ca',
      pf.caFile,
      '--no-chunking',
      '--from',
      'a@example.org',
      '--to',
      'b@example.net',
      '--to',
      `alice@${pf.localDomain}`,
    ]);
    const res = result(r, 1, ['send.recipient-rejected', 'send.ok']);
    assert.match(res.data.recipients[0].reply, /^554 5\.7\.1 .*Relay access denied/);
    assert.equal(res.data.recipients[1].reply, '250 2.1.5 Ok');
    const t = res.data.transcript.map((e: { dir: string; line: string }) => `${e.dir}: ${e.line}`);
    const mail = t.findIndex((l: string) => l.startsWith('C: MAIL FROM'));
    assert.deepEqual(
      t.slice(mail, mail + 4).map((l: string) => l.split(' ').slice(0, 2).join(' ')),
      ['C: MAIL', 'C: RCPT', 'C: RCPT', 'C: DATA'],
    );
    assert.match(t[mail + 4], /^S: 250 2\.1\.0 Ok$/);
  });

  test('--no-pipelining: Postfix offers PIPELINING; MAIL, each RCPT and DATA go one at a time, each after its reply', async () => {
    const r = await send([
      ...mx('--to', `bob@${pf.localDomain}`, '--no-chunking', '--no-pipelining'),
      '--transcript',
    ]);
    const res = result(r, 0, ['send.ok']);
    assert.deepEqual(res.data.extensionsUsed, []);
    const t = res.data.transcript.map(
      (e: { dir: string; line: string }) => `${e.dir}: ${e.line.split(/[: ]/)[0]}`,
    );
    const mail = t.indexOf('C: MAIL');
    assert.deepEqual(t.slice(mail, mail + 8), [
      'C: MAIL',
      'S: 250',
      'C: RCPT',
      'S: 250',
      'C: RCPT',
      'S: 250',
      'C: DATA',
      'S: 354',
    ]);
  });

  test('--quit-after data: the server answers 354, mailflow closes without a message; nothing delivered', async () => {
    const r = await send(mx('--quit-after', 'data'));
    const res = result(r, 0, ['send.ok']);
    assert.equal(res.data.stoppedAfter, 'data');
    assert.match(res.findings[0]!.title, /NOT sent/);
    assert.match(res.findings[0]!.detail, /nothing was delivered/);
    const lines = sent(res);
    assert.equal(lines[lines.length - 1], 'DATA');
    assert.ok(res.data.transcript.some((e: { line: string }) => /^354 /.test(e.line)));
    assert.equal(res.data.queueId, null);
    await waitFor(() => /lost connection after DATA/.test(maillog()), 'lost connection after DATA');
  });

  test('--drop-after rcpt: no QUIT, send.dropped; --quit-after banner stops after the greeting', async () => {
    const res = result(await send(mx('--drop-after', 'rcpt')), 0, ['send.dropped', 'send.ok']);
    assert.equal(res.data.droppedAfter, 'rcpt');
    assert.ok(!sent(res).includes('QUIT'));
    await waitFor(() => /lost connection after RCPT/.test(maillog()), 'lost connection after RCPT');
    const banner = result(await send(mx('--quit-after', 'banner')), 0, ['send.ok']);
    assert.equal(banner.data.stoppedAfter, 'connect');
    assert.deepEqual(sent(banner), ['QUIT']);
  });

  test('--drop-after dot: the message is accepted, then the connection closed; Postfix keeps it', async () => {
    const res = result(await send(mx('--drop-after', 'dot')), 0, ['send.dropped', 'send.ok']);
    assert.match(res.findings[0]!.detail, /must deliver it anyway/);
    assert.ok(!sent(res).includes('QUIT'));
    assert.match(held(res.data.queueId), /^Subject: mailflow test message/m);
  });
});

async function waitFor(ok: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 50; i++) {
    if (ok()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail(`not seen in the Postfix log: ${what}`);
}

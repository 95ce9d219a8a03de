// End-to-end: the built CLI as a user runs it (files, stdin, text argument, bad input).
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { jsonLines, ROOT, runCli } from '../helpers/cli.js';

const POSTFIX = join(ROOT, 'examples/bounce-postfix.eml');
const EXCHANGE = join(ROOT, 'examples/bounce-exchange.eml');
const EXIM = join(ROOT, 'examples/bounce-exim-delayed.eml');
const dir = mkdtempSync(join(tmpdir(), 'mailflow-ndr-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('ndr --help lists inputs and examples', async () => {
  const r = await runCli(['ndr', '--help']);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /ndr \[inputs\.\.\]/);
  assert.match(r.stdout, /Examples:/);
  assert.match(r.stdout, /--json/);
});

test('a shipped bounce: human output names recipient, code, reporter and exits 0', async () => {
  const r = await runCli(['ndr', POSTFIX]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /bob@example\.net/);
  assert.match(r.stdout, /5\.1\.1/);
  assert.match(r.stdout, /mx1\.example\.net/);
  assert.match(r.stdout, /mail\.example\.org/);
});

test('--json: one object per input with source, recipients, findings and data', async () => {
  const r = await runCli(['ndr', '--json', POSTFIX, EXCHANGE, EXIM]);
  assert.equal(r.code, 0, r.stderr);
  const out = jsonLines(r.stdout);
  assert.equal(out.length, 3);
  assert.deepEqual(
    out.map((o) => o.source),
    [POSTFIX, EXCHANGE, EXIM],
  );
  const [p, x, e] = out;
  assert.equal(p.command, 'ndr');
  assert.equal(p.target, POSTFIX);
  assert.deepEqual(p.data.recipients, p.recipients);
  assert.deepEqual(Object.keys(p.recipients[0]).sort(), [
    'action',
    'category',
    'diagnostic',
    'recipient',
    'remoteMta',
    'replyCode',
    'reportingMta',
    'smtpCommand',
    'status',
  ]);
  assert.deepEqual(
    [
      p.recipients[0].recipient,
      p.recipients[0].status,
      p.recipients[0].replyCode,
      p.recipients[0].remoteMta,
      p.recipients[0].reportingMta,
    ],
    ['bob@example.net', '5.1.1', 550, 'mx1.example.net', 'mail.example.org'],
  );
  assert.equal(p.recipients[0].category, 'unknown-user');
  assert.ok(p.findings.length >= 1);
  for (const f of [...p.findings, ...x.findings, ...e.findings]) {
    assert.equal(f.severity, 'info');
    assert.ok(f.fix.length > 0 && f.ref.length > 0, `${f.id} needs fix and ref`);
  }
  // The reporting server relayed the remote rejection: the finding says where the problem is.
  assert.match(p.findings[0].detail, /mx1\.example\.net/);
  assert.match(p.findings[0].detail, /not at mail\.example\.org/);
  assert.deepEqual(
    [x.recipients[0].recipient, x.recipients[0].status, x.recipients[0].replyCode],
    ['dave@fabrikam.example', '5.7.1', 550],
  );
  assert.deepEqual(
    [e.recipients[0].action, e.recipients[0].status, e.recipients[0].replyCode],
    ['delayed', '4.2.2', 452],
  );
});

test('a pasted bounce on stdin, and "-" explicitly', async () => {
  const text =
    'Delivery failed for carol@example.com\n550 5.1.1 <carol@example.com>: Recipient address rejected\n';
  for (const args of [
    ['ndr', '--json'],
    ['ndr', '--json', '-'],
  ]) {
    const r = await runCli(args, { input: text });
    assert.equal(r.code, 0, r.stderr);
    const [o] = jsonLines(r.stdout);
    assert.equal(o.source, '-');
    assert.equal(o.recipients[0].recipient, 'carol@example.com');
    assert.equal(o.recipients[0].status, '5.1.1');
  }
});

test('the text itself as an argument', async () => {
  const r = await runCli(['ndr', '--json', '550 5.1.1 <x@example.com>: Recipient address rejected']);
  assert.equal(r.code, 0, r.stderr);
  const [o] = jsonLines(r.stdout);
  assert.deepEqual(
    [o.recipients[0].recipient, o.recipients[0].status, o.recipients[0].replyCode],
    ['x@example.com', '5.1.1', 550],
  );
});

test('nothing recognisable: empty, binary, plain prose, directory → unknown, exit 3', async () => {
  const bin = join(dir, 'random.bin');
  writeFileSync(bin, Buffer.concat([randomBytes(200000), Buffer.alloc(100)]));
  const cases: [string[], string | undefined, RegExp][] = [
    [['ndr', '--json'], '', /empty/],
    [['ndr', '--json', bin], undefined, /binary/],
    [['ndr', '--json', 'hello, lunch at noon?'], undefined, /no recognisable/],
    [['ndr', '--json', dir], undefined, /directory/],
  ];
  for (const [args, input, why] of cases) {
    const r = await runCli(args, input === undefined ? {} : { input });
    assert.equal(r.code, 3, `${args.join(' ')}: ${r.stderr}`);
    const [o] = jsonLines(r.stdout);
    assert.equal(o.findings[0].id, 'ndr.unrecognised');
    assert.equal(o.findings[0].severity, 'unknown');
    assert.match(o.findings[0].detail, why);
    assert.deepEqual(o.recipients, []);
  }
});

test('a file name that names no file is a one-line usage error, before any input is read', async () => {
  for (const args of [
    ['ndr', 'nonexistent-file.eml'],
    ['ndr', '--json', POSTFIX, join(dir, 'missing.eml')],
  ]) {
    const r = await runCli(args);
    assert.equal(r.code, 3, args.join(' '));
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, `mailflow ndr: no such file: ${args.at(-1)}\n`);
  }
});

test('--help says what the command does with a file name that names no file (an error, not text)', async () => {
  const r = await runCli(['ndr', '--help']);
  assert.equal(r.code, 0, r.stderr);
  assert.doesNotMatch(r.stdout, /not an existing file is read as text/);
  assert.match(
    r.stdout.replace(/\s+/g, ' '),
    /shaped like a file name, x\.eml or dir\/x, that names no file is an error/,
  );
});

test('one bad input among good ones: all reported in order, exit 3', async () => {
  const r = await runCli(['ndr', '--json', POSTFIX, 'hello, lunch at noon?', EXIM]);
  assert.equal(r.code, 3);
  const out = jsonLines(r.stdout);
  assert.deepEqual(
    out.map((o) => o.findings[0].id),
    ['ndr.unknown-user', 'ndr.unrecognised', out[2].findings[0].id],
  );
});

test('huge inputs (50 MB file, 8 MB on stdin) are capped and answered', async () => {
  const big = join(dir, 'big.eml');
  const line = Buffer.from('x'.repeat(1023) + '\n');
  const chunk = Buffer.concat(Array.from({ length: 1024 }, () => line)); // 1 MB
  writeFileSync(
    big,
    Buffer.concat([
      Buffer.from('Subject: big\n\n550 5.1.1 <big@example.com>: no such user\n'),
      ...Array.from({ length: 50 }, () => chunk),
    ]),
  );
  const r = await runCli(['ndr', '--json', big], { timeoutMs: 60000 });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(jsonLines(r.stdout)[0].recipients[0].recipient, 'big@example.com');
  const s = await runCli(['ndr', '--json'], {
    input: Buffer.concat(Array.from({ length: 8 }, () => chunk)),
    timeoutMs: 60000,
  });
  assert.equal(s.code, 3);
  assert.equal(jsonLines(s.stdout)[0].findings[0].id, 'ndr.unrecognised');
});

test("'-' twice is a usage error", async () => {
  const r = await runCli(['ndr', '-', '-']);
  assert.equal(r.code, 3);
  assert.match(r.stderr, /only once/);
});

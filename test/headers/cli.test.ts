// The command as a user runs it: files, '-', an argument; bad input exits 3 with a clear reason.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli } from '../helpers/cli.js';

const MSG = `Received: from mx.rcpt.example (10.0.0.2) by store.rcpt.example with LMTP id q1; Tue, 5 Mar 2024 10:00:10 +0000
Received: from mail.sender.example (mail.sender.example [198.51.100.7]) by mx.rcpt.example (Postfix) with ESMTPS id 4Tq; Tue, 5 Mar 2024 10:00:00 +0000
Authentication-Results: mx.rcpt.example; spf=pass smtp.mailfrom=sender.example; dkim=none
From: a@sender.example
Subject: hi

body
`;

const jsonLines = (s: string) =>
  s
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));

test('a file, standard input and an argument give the same path; human output starts with the hop table', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mf-headers-'));
  const file = join(dir, 'm.eml');
  writeFileSync(file, MSG.replace(/\n/g, '\r\n'));
  const viaFile = await runCli(['headers', '--json', '--offline', file]);
  assert.equal(viaFile.code, 0, viaFile.stderr);
  const [o] = jsonLines(viaFile.stdout);
  assert.deepEqual(
    o.data.hops.map((h: { by: string }) => h.by),
    ['mx.rcpt.example', 'store.rcpt.example'],
  );
  assert.equal(o.data.totalSeconds, 10);
  const viaStdin = await runCli(['headers', '--json', '--offline', '-'], { input: MSG });
  assert.deepEqual(jsonLines(viaStdin.stdout)[0].data.hops, o.data.hops);
  const viaArg = await runCli(['headers', '--json', '--offline', MSG]);
  assert.deepEqual(jsonLines(viaArg.stdout)[0].data.hops.length, 2);
  const human = await runCli(['headers', '--offline', file]);
  assert.ok(human.stdout.indexOf('Path of') < human.stdout.indexOf('headers.ok'), human.stdout);
});

test('bad input: a missing file, a directory, binary, empty, no headers — exit 3 with the reason', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mf-headers-'));
  const bin = join(dir, 'b.eml');
  writeFileSync(bin, Buffer.from([0, 1, 2, 0, 3]));
  const cases: [string[], string | undefined, RegExp][] = [
    [['headers', '--json', dir], undefined, /directory/],
    [['headers', '--json', bin], undefined, /binary/],
    [['headers', '--json'], '', /empty/],
    [['headers', '--json', 'hello there, lunch?'], undefined, /header fields/],
  ];
  for (const [args, input, why] of cases) {
    const r = await runCli(args, input === undefined ? {} : { input });
    assert.equal(r.code, 3, `${args.join(' ')}: ${r.stderr}`);
    const [o] = jsonLines(r.stdout);
    assert.equal(o.findings[0].id, 'headers.unreadable');
    assert.match(o.findings[0].detail, why);
  }
});

test('a file that does not exist is a one-line error and exit 3, before any output', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mf-headers-'));
  const file = join(dir, 'm.eml');
  writeFileSync(file, MSG);
  const r = await runCli(['headers', '--offline', file, join(dir, 'nope.eml')]);
  assert.equal(r.code, 3);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
  assert.match(r.stderr, /^mailflow headers: no such file: .*nope\.eml\n$/);
});

test('an mbox gives one result per message', async () => {
  const mbox = `From a@x Tue Mar  5 10:00:00 2024\n${MSG}\nFrom b@x Tue Mar  5 10:00:00 2024\n${MSG}`;
  const r = await runCli(['headers', '--json', '--offline', '-'], { input: mbox });
  const out = jsonLines(r.stdout);
  assert.deepEqual(
    out.map((o) => o.target),
    ['-#1', '-#2'],
  );
});

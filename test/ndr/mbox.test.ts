// mbox inputs: every bounce in the mailbox is decoded, in order; a lone message is never split.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { defaultCorpus } from '../../bench/ndr-score.js';
import { decodeBounce } from '../../src/ndr/decode.js';
import { MAX_MBOX_MESSAGES, splitMbox } from '../../src/ndr/mbox.js';
import { jsonLines, runCli } from '../helpers/cli.js';

function bounce(envelope: string, rcpt: string, code: string): string {
  return [
    envelope,
    'From: MAILER-DAEMON@mx.example.net (Mail Delivery System)',
    'Subject: Undelivered Mail Returned to Sender',
    '',
    'This is the mail system at host mx.example.net.',
    '',
    "I'm sorry to have to inform you that your message could not",
    'be delivered to one or more recipients.',
    '',
    `<${rcpt}>: host mail.example.org[192.0.2.1] said: ${code} (in reply to RCPT TO command)`,
    '',
  ].join('\n');
}

test('an mbox of two bounces yields both recipients, first one first', () => {
  const mbox =
    bounce('From MAILER-DAEMON  Thu Apr 29 23:34:45 2015', 'a@example.org', '550 5.1.1 no such user') +
    '\n' +
    bounce('From MAILER-DAEMON Sat Jun  9 14:56:09 2018', 'b@example.org', '552 5.2.2 mailbox full');
  assert.equal(splitMbox(mbox).length, 2);
  const d = decodeBounce(mbox);
  assert.deepEqual(
    d.recipients.map((r) => [r.recipient, r.status, r.replyCode]),
    [
      ['a@example.org', '5.1.1', 550],
      ['b@example.org', '5.2.2', 552],
    ],
  );
  assert.equal(d.messages, 2);
  assert.equal(d.format, decodeBounce(splitMbox(mbox)[0]!).format);
});

test('a body line starting "From " does not split a lone message', () => {
  const lone = bounce(
    'From MAILER-DAEMON Thu Apr 29 23:34:45 2015',
    'a@example.org',
    '550 5.1.1 unknown',
  ).concat(
    '\nFrom the desk of the sender: see you soon\n',
    '\nFrom someone Thu Apr 29 23:34:45 2015\nnot a header line\n',
  );
  assert.deepEqual(splitMbox(lone), [lone]);
  assert.equal(decodeBounce(lone).messages, undefined);
});

test('no split unless the input itself starts with an envelope line', () => {
  const text = `Subject: x\n\nhello\n\n${bounce('From MAILER-DAEMON Thu Apr 29 23:34:45 2015', 'a@example.org', '550 5.1.1 x')}`;
  assert.equal(splitMbox(text).length, 1);
});

test('an envelope line not after a blank line is body text', () => {
  const m = bounce('From MAILER-DAEMON Thu Apr 29 23:34:45 2015', 'a@example.org', '550 5.1.1 x');
  const glued = `${m}text\nFrom x@example.org Thu Apr 29 23:34:45 2015\nSubject: y\n`;
  assert.equal(splitMbox(glued).length, 1);
});

test('the number of messages is capped', () => {
  const one = bounce('From MAILER-DAEMON Thu Apr 29 23:34:45 2015', 'a@example.org', '550 5.1.1 x');
  const many = `${one}\n`.repeat(MAX_MBOX_MESSAGES + 50);
  const parts = splitMbox(many);
  assert.equal(parts.length, MAX_MBOX_MESSAGES);
  assert.equal(parts.join(''), many.slice(0, parts.join('').length));
});

test('corpus mbox rfc3464-28.eml: both reports, first recipient unchanged', () => {
  const path = join(defaultCorpus(), 'emails', 'rfc3464-28.eml');
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    return; // corpus not present in this checkout
  }
  const parts = splitMbox(bytes.toString('latin1'));
  assert.equal(parts.length, 2);
  const d = decodeBounce(bytes);
  const firstOnly = decodeBounce(parts[0]!);
  assert.equal(d.recipients.length, firstOnly.recipients.length + decodeBounce(parts[1]!).recipients.length);
  assert.deepEqual(d.recipients[0], firstOnly.recipients[0]);
});

test('CLI: an mbox file is one JSON object listing every bounce, exit 0', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mailflow-mbox-'));
  try {
    const file = join(dir, 'bounces.mbox');
    writeFileSync(
      file,
      `${bounce('From MAILER-DAEMON Thu Apr 29 23:34:45 2015', 'a@example.org', '550 5.1.1 no such user')}\n${bounce(
        'From MAILER-DAEMON Fri Apr 30 01:00:00 2015',
        'b@example.org',
        '552 5.2.2 mailbox full',
      )}`,
    );
    const r = await runCli(['ndr', '--json', file]);
    assert.equal(r.code, 0, r.stderr);
    const out = jsonLines(r.stdout);
    assert.equal(out.length, 1);
    assert.equal(out[0].data.messages, 2);
    assert.deepEqual(
      out[0].recipients.map((x: { recipient: string; category: string }) => [x.recipient, x.category]),
      [
        ['a@example.org', 'unknown-user'],
        ['b@example.org', 'mailbox-full'],
      ],
    );
    const help = await runCli(['ndr', '--help']);
    assert.match(help.stdout, /mbox/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

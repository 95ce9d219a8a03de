// Garbage must end in an answer, not a hang or a crash: each case is built to defeat a naive
// parser (unclosed tags, endless addresses, lone '@', delimiter floods). Each has a generous time
// limit (helpers/hostile.ts); nothing else about timing is asserted.
import assert from 'node:assert/strict';
import { decodeBounce, MAX_RECIPIENTS } from '../../src/ndr/decode.js';
import { jsonLines, runCli } from '../helpers/cli.js';
import { hostileTest } from '../helpers/hostile.js';

const MB = 1024 * 1024;
const cases: Record<string, string> = {
  'one long line': 'a'.repeat(MB),
  'local part without a domain': `${'a'.repeat(MB / 2)}@${'b'.repeat(MB / 2)}`,
  'many @': 'a@'.repeat(MB / 2),
  'digit run': '5'.repeat(MB),
  'dotted digits': '5.'.repeat(MB / 2),
  'unclosed html tags': `Content-Type: text/html\n\n${'<a '.repeat(MB / 3)}`,
  'unclosed script': `Content-Type: text/html\n\n${'<script>'.repeat(MB / 8)}`,
  'boundary flood': `Content-Type: multipart/mixed; boundary=a\n\n${'--a\n'.repeat(MB / 4)}`,
  'nested message/rfc822': 'Content-Type: message/rfc822\n\n'.repeat(MB / 32),
  'soft line breaks': `Content-Transfer-Encoding: quoted-printable\n\n${'=\n'.repeat(MB / 2)}`,
  'quoted reply flood': '> 550 5.1.1 <a@b.example>\n'.repeat(MB / 28),
  'report flood': `Content-Type: multipart/report; boundary=a\n\n--a\nContent-Type: message/delivery-status\n\n${'Final-Recipient: rfc822; a@b.example\n'.repeat(MB / 40)}`,
  'recipient flood': `Diagnostic information for administrators:\n${'x@y.example\n#550 5.1.1 nope ##\n'.repeat(MB / 32)}`,
};

for (const [name, text] of Object.entries(cases)) {
  hostileTest(`hostile input: ${name}`, 20_000, () => {
    const d = decodeBounce(text);
    assert.ok(d.recipients.length <= MAX_RECIPIENTS);
  });
}

hostileTest('binary bytes decode to nothing instead of throwing', 20_000, () => {
  const bytes = Buffer.alloc(MB);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919) % 256;
  assert.doesNotThrow(() => decodeBounce(bytes));
});

// Inputs that once took quadratic time in a regex (a run of one character that a pattern re-read
// from every position). The decoder runs in a child process so the time limit can stop it.
const KB = 1024;
const HEAD = 'From: MAILER-DAEMON@mx.example\nSubject: Undelivered Mail Returned to Sender\n';
const slowOnce: Record<string, string> = {
  'html with a long run of blanks': `${HEAD}Content-Type: text/html\n\n<p>${' '.repeat(160 * KB)}x</p>`,
  'quoted-printable with a long run of blanks': `${HEAD}Content-Transfer-Encoding: quoted-printable\n\n${' '.repeat(160 * KB)}x`,
  "'<' and a local part without an end": `550 5.1.1 <${'a'.repeat(160 * KB)} x@y`,
  'Notes notice with a long run of line ends': `${HEAD}\nYour message was not delivered to: <a@b.example>${'\n'.repeat(160 * KB)}x`,
  "Exim notice whose Message-Id is a run of '@'": `From: Mail Delivery System <Mailer-Daemon@x.example>\nMessage-Id: <${'@'.repeat(160 * KB)}\nSubject: Mail delivery failed: returning message to sender\n\nThis message was created automatically by mail delivery software.\n\nA message that you sent could not be delivered to one or more of its\nrecipients. This is a permanent error. The following address(es) failed:\n\n  a@b.example\n    550 5.1.1 nope\n`,
};

for (const [name, text] of Object.entries(slowOnce)) {
  hostileTest(`hostile input decodes in time: ${name}`, 20_000, async () => {
    const r = await runCli(['ndr', '--json', '-'], { input: text, timeoutMs: 15_000 });
    assert.ok(r.code !== null && r.code <= 3, r.stderr);
    assert.equal(jsonLines(r.stdout).length, 1);
  });
}

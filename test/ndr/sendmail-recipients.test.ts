// Sendmail notices: every failed recipient is read, including pipes and local deliveries with
// "(expanded from" lines, and huge hostile lines are decoded without backtracking.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeBounce } from '../../src/ndr/decode.js';
import { hostileTest } from '../helpers/hostile.js';

const SENDMAIL_HEAD = `From: Mail Delivery Subsystem <MAILER-DAEMON@mx.example.org>
To: alice@example.org
Subject: Returned mail: see transcript for details

   ----- The following addresses had permanent fatal errors -----
`;

// 1 MB, unclosed: the quadratic regexes took 13 s on 200 KB; the time limit fails them if one returns.
hostileTest(
  'Sendmail: a 1 MB "(expanded from" line of many @ is decoded, not backtracked over',
  20_000,
  () => {
    const msg = `${SENDMAIL_HEAD}"|/bin/x"
    (expanded from: <${'a@'.repeat(500_000)}

   ----- Transcript of session follows -----
554 5.3.0 unknown mailer error 127
`;
    const d = decodeBounce(msg);
    assert.equal(d.format, 'sendmail');
    assert.equal(d.recipients.length, 1);
    assert.equal(d.recipients[0]!.status, '5.3.0');
  },
);

hostileTest('Sendmail: a 1 MB listed address line with many @ is decoded too', 20_000, () => {
  const msg = `${SENDMAIL_HEAD}<${'a@'.repeat(500_000)}a x

   ----- Transcript of session follows -----
554 5.3.0 unknown mailer error 127
`;
  assert.equal(decodeBounce(msg).recipients[0]!.status, '5.3.0');
});

test('Sendmail: a pipe with no "(expanded from" adds no extra recipient without an address', () => {
  const msg = `${SENDMAIL_HEAD}<zoe@example.org>
    (reason: 550 5.1.1 User unknown)
"|/usr/local/bin/filter"
    (reason: Service unavailable)

   ----- Transcript of session follows -----
554 5.3.0 unknown mailer error 127
`;
  assert.deepEqual(
    decodeBounce(msg).recipients.map((r) => r.recipient),
    ['zoe@example.org'],
  );
});

test('Sendmail: two local deliveries report both expanded addresses', () => {
  const msg = `${SENDMAIL_HEAD}"|/usr/bin/a"
    (reason: Service unavailable)
    (expanded from: <yann@example.org>)
/var/mail/xena
    (reason: Permission denied)
    (expanded from: xena@example.org)

   ----- Transcript of session follows -----
554 5.3.0 unknown mailer error 127
`;
  assert.deepEqual(
    decodeBounce(msg).recipients.map((r) => r.recipient),
    ['yann@example.org', 'xena@example.org'],
  );
});

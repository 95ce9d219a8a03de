// Bounce variants outside the scored corpus, each as a small hand-written fixture in the shape
// of the real notices (sendmail-derived ISP notices, old sendmail transcripts, provider texts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { classify } from '../../src/ndr/category.js';
import { decodeBounce } from '../../src/ndr/decode.js';

const HEAD = (from: string, subject: string, extra = '') =>
  `From: ${from}\nTo: alice@example.org\nSubject: ${subject}\nDate: Tue, 3 Mar 2026 10:00:00 +0000\n${extra}\n`;

const categoryOf = (r: { status: string | null; replyCode: number | null; diagnostic: string | null }) =>
  classify({
    status: r.status ?? undefined,
    replyCode: r.replyCode ?? undefined,
    diagnostic: r.diagnostic ?? undefined,
  });

test('Sendmail-derived notice: "had delivery problems" list, reason in its own dashed section', () => {
  const msg = `${HEAD('postmaster@isp.example.jp', 'Returned mail: Service unavailable', 'MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="b"\n')}
--b
Content-Type: text/plain; charset="iso-2022-jp"

   ----- The following addresses had delivery problems -----
bob@mx.isp.example.jp

   ----- Non-delivered information -----
The number of messages in the recipient's mailbox exceeded the limit.

--b
Content-Type: message/rfc822

From: alice@example.org
To: bob@mx.isp.example.jp
Subject: hello

hi
--b--
`;
  const d = decodeBounce(msg);
  assert.equal(d.format, 'sendmail');
  const r = d.recipients[0]!;
  assert.equal(r.recipient, 'bob@mx.isp.example.jp');
  assert.equal(r.status, null);
  assert.match(r.diagnostic ?? '', /exceeded the limit/);
  assert.equal(categoryOf(r), 'mailbox-full');
});

test('Old sendmail transcript: a later 421 for the domain does not override the 550 for the recipient', () => {
  const msg = `${HEAD('Mail Delivery Subsystem <MAILER-DAEMON@old.example.com>', 'Returned mail: Deferred')}
   ----- Transcript of session follows -----
While talking to mx.example.net:
>>> RCPT To:<carol@example.net>
<<< 550 <carol@example.net>, Recipient unknown
550 <carol@example.net>... User unknown
421 example.net (smtp)... Deferred: Connection timed out with example.net

   ----- Unsent message follows -----
From: alice@example.org
To: carol@example.net

hi
`;
  const d = decodeBounce(msg);
  assert.equal(d.format, 'sendmail');
  const r = d.recipients[0]!;
  assert.equal(r.recipient, 'carol@example.net');
  assert.equal(r.replyCode, 550);
  assert.doesNotMatch(r.diagnostic ?? '', /421/);
  assert.equal(categoryOf(r), 'unknown-user');
});

test('Categories: per-hour recipient limits are rate limits; a full mail folder is a full mailbox', () => {
  assert.equal(
    classify({
      status: '5.1.1',
      replyCode: 550,
      diagnostic: '550 5.1.1 <x@example.com> - 192.0.2.9 has sent to too many recipients this hour. IB607',
    }),
    'blocked',
  );
  assert.equal(
    classify({
      diagnostic:
        "child status 100...The message could not be delivered because the user's mailfolder is full.",
    }),
    'mailbox-full',
  );
  // "Too many recipients" for one message stays a protocol matter, not a block.
  assert.notEqual(
    classify({ status: '5.5.3', replyCode: 452, diagnostic: '452 5.5.3 Too many recipients' }),
    'blocked',
  );
});

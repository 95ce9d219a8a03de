// Bounces that users forward to a helpdesk: inline under a mail client's separator, with the
// forwarded headers first. The separator must not hide the bounce as if it were a returned copy.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeBounce } from '../../src/ndr/decode.js';

const HEAD =
  'From: alice@example.org\nTo: helpdesk@example.org\nSubject: FW: Undelivered Mail\nDate: Tue, 3 Mar 2026 10:00:00 +0000\n\n';

test('Outlook forward: "-----Original Message-----" then a Postfix notice', () => {
  const msg = `${HEAD}Why did this bounce?

-----Original Message-----
From: Mail Delivery System <MAILER-DAEMON@mx.example.org>
Sent: Monday, March 2, 2026 10:00 AM
To: alice@example.org
Subject: Undelivered Mail Returned to Sender

This is the mail system at host mx.example.org.

<bob@example.net>: host mx.example.net[192.0.2.1] said: 550 5.1.1 <bob@example.net>:
    Recipient address rejected: User unknown (in reply to RCPT TO command)
`;
  const r = decodeBounce(msg).recipients[0]!;
  assert.deepEqual(
    [r.recipient, r.status, r.replyCode, r.remoteMta],
    ['bob@example.net', '5.1.1', 550, 'mx.example.net'],
  );
});

test('Gmail forward: "---------- Forwarded message ---------" then a Gmail notice', () => {
  const msg = `${HEAD}fyi

---------- Forwarded message ---------
From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>
Date: Mon, 2 Mar 2026 at 10:00
Subject: Delivery Status Notification (Failure)
To: <alice@example.org>

Address not found

Your message wasn't delivered to carol@example.net because the address couldn't be found.

The response was:

550 5.1.1 The email account that you tried to reach does not exist.
`;
  const r = decodeBounce(msg).recipients[0]!;
  assert.deepEqual([r.recipient, r.status, r.replyCode], ['carol@example.net', '5.1.1', 550]);
});

test('A forward separator followed by no headers is ignored, and a plain reply is still no bounce', () => {
  const msg = `${HEAD}Thanks!\n\n-----Original Message-----\nhello there, lunch at noon?\n`;
  assert.equal(decodeBounce(msg).recipients.length, 0);
});

test('A forwarded conversation that is no bounce stays no bounce, whatever its text says', () => {
  const msg = `${HEAD}See below.

-----Original Message-----
From: Bob <bob@example.net>
Sent: Monday, March 2, 2026 10:00 AM
To: alice@example.org
Subject: parcel

The courier said the parcel for carol@example.net was rejected: 550 no such address on the door.
`;
  assert.equal(decodeBounce(msg).recipients.length, 0);
});

test('A text-only bounce forwarded as an attachment is read from the attachment', () => {
  const inner =
    'From: postmaster@mail.example.org\nSubject: Undeliverable Mail\n\nUnknown user: dan@example.net\n\nOriginal message follows.\n\nFrom: alice@example.org\nTo: dan@example.net\n\nhi\n';
  const msg = `From: alice@example.org\nTo: helpdesk@example.org\nSubject: FW: why?\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="o"\n\n--o\nContent-Type: text/plain\n\nSee attached.\n--o\nContent-Type: message/rfc822\n\n${inner}--o--\n`;
  const d = decodeBounce(msg);
  assert.deepEqual(
    d.recipients.map((r) => r.recipient),
    ['dan@example.net'],
  );
  assert.match(d.recipients[0]!.diagnostic ?? '', /Unknown user/);
});

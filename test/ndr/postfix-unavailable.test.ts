// Postfix "Delivery report unavailable": a failure whose per-recipient details Postfix lost.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeBounce } from '../../src/ndr/decode.js';

const BOUNCE = `From: MAILER-DAEMON@relay.example.net (Mail Delivery System)
Subject: Undelivered Mail Returned to Sender
To: alice@shop.example
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="B"

--B
Content-Description: Notification
Content-Type: text/plain; charset=utf-8

This is the mail system at host relay.example.net.

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients. It's attached below.

                   The mail system

\t--- Delivery report unavailable ---

--B
Content-Type: message/delivery-status

Reporting-MTA: dns; relay.example.net
X-Postfix-Queue-ID: 4F1A2B3C
Arrival-Date: Mon, 16 Dec 2019 14:12:15 +0100 (CET)

--B
Content-Type: message/rfc822

From: alice@shop.example
To: carol@example.org
Subject: order

hello
--B--
`;

test('Postfix "Delivery report unavailable": one failure, recipient from the returned message, no invented code', () => {
  const d = decodeBounce(BOUNCE);
  assert.equal(d.format, 'postfix');
  assert.equal(d.recipients.length, 1);
  const r = d.recipients[0]!;
  assert.equal(r.recipient, 'carol@example.org');
  assert.equal(r.action, 'failed');
  assert.equal(r.status, null);
  assert.equal(r.replyCode, null);
  assert.equal(r.reportingMta, 'relay.example.net');
  assert.match(r.diagnostic!, /Delivery report unavailable/);
});

test('an ordinary Postfix notice is unaffected by the fallback', () => {
  const d = decodeBounce(
    BOUNCE.replace(
      '\t--- Delivery report unavailable ---',
      '<carol@example.org>: host mx.example.org[192.0.2.7] said: 550 5.1.1 no such user (in reply to RCPT TO command)',
    ),
  );
  assert.equal(d.recipients.length, 1);
  assert.equal(d.recipients[0]!.status, '5.1.1');
  assert.doesNotMatch(d.recipients[0]!.diagnostic!, /unavailable/);
});

// Bounces forwarded inline by a person: the notice's own failure is read, not the message it
// returns, and forwarded letters that are no bounce stay no bounce.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeBounce } from '../../src/ndr/decode.js';

test("Inline forward: a notice's own failure is read, not the user's message returned after 'Original Message'", () => {
  const msg = `From: Mail Administrator <noreply@relay.example.net>
Subject: Mail System Error - Returned Mail

The following recipient could not be reached:

  gus@example.net
    550 5.1.1 user unknown

-----Original Message-----
From: Hana <hana@example.org>
To: postmaster@example.net
Subject: our mail to your customers is rejected

Since Monday our mail to ivan@example.com gets
  554 5.7.1 rejected by policy
`;
  const r = decodeBounce(msg).recipients;
  assert.deepEqual(
    r.map((x) => [x.recipient, x.status, x.replyCode]),
    [['gus@example.net', '5.1.1', 550]],
  );
});

test('Inline forward: a forwarded letter about an undelivered parcel is no bounce', () => {
  const msg = `From: Jo <jo@shop.example>
To: Kim <kim@shop.example>
Subject: FW: Undelivered parcel

Can you look at this?

-----Original Message-----
From: Customer <lee@customer.example>
Sent: Monday
To: Orders <orders@shop.example>
Subject: Undelivered parcel

My order was not delivered.
lee@customer.example
  Order 550, item 4.2.1
`;
  assert.deepEqual(decodeBounce(msg).recipients, []);
});

test('Inline forward: a letter to postmaster, forwarded, is not read as a bounce', () => {
  const msg = `From: Jo <jo@example.org>
To: Kim <kim@example.org>
Subject: FW: new accounts

FYI

________________________________
From: HR <hr@example.org>
Sent: Monday, January 1, 2024 9:00 AM
To: postmaster@example.org
Subject: new accounts

Please create:
max@example.org
  starts 4.5.1 (building 550)
`;
  assert.deepEqual(decodeBounce(msg).recipients, []);
});

test('Inline forward: the bounce is found past an earlier forwarded letter in the chain', () => {
  const msg = `From: Jo <jo@example.org>
To: IT <it@example.org>
Subject: FW: RE: order

see below

-----Original Message-----
From: Ned <ned@example.org>
Sent: Monday
To: Jo
Subject: RE: order

I got this when I replied:

-----Original Message-----
From: Mail Delivery System <MAILER-DAEMON@mx.example.org>
Sent: Monday
To: Ned
Subject: Undelivered Mail Returned to Sender

<olive@remote.example>: host mx.remote.example said: 550 5.1.1 <olive@remote.example>: Recipient address rejected: User unknown
`;
  assert.deepEqual(
    decodeBounce(msg).recipients.map((x) => [x.recipient, x.status, x.replyCode]),
    [['olive@remote.example', '5.1.1', 550]],
  );
});

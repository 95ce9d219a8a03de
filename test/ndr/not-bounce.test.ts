// Mail that is not a bounce: no recipients, and a note saying what it is instead.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeBounce } from '../../src/ndr/decode.js';

test('Microsoft junk-mail complaint (JMRP) is named as such', () => {
  const d = decodeBounce(`From: staff@hotmail.example
Subject: complaint about message from 192.0.2.1
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="X"

--X
Content-Type: message/rfc822

X-HmXmrOriginalRecipient: bob@example.com
From: news@shop.example
To: bob@example.com
Subject: offer

buy now
--X--
`);
  assert.equal(d.recipients.length, 0);
  assert.match(d.note!, /Junk Mail Reporting Program/);
});

test('an unsubscribe request and an out-of-office reply are named as such', () => {
  const unsub = decodeBounce(
    'From: a@example.org\nSubject: unsubscribe\nX-Apple-Unsubscribe: true\nAuto-Submitted: auto-replied\n\nApple Mail sent this to unsubscribe.\n',
  );
  assert.match(unsub.note!, /unsubscribe request/);
  const ooo = decodeBounce('From: a@example.org\nSubject: Out of Office: lunch\n\nI am away until Monday.\n');
  assert.match(ooo.note!, /automatic reply/);
});

test('Auto-Submitted: auto-replied alone does not make a message an auto-reply', () => {
  const d = decodeBounce(
    'From: MAILER-DAEMON@x.example\nSubject: hi\nAuto-Submitted: auto-replied\n\nnothing useful here\n',
  );
  assert.equal(d.recipients.length, 0);
  assert.equal(d.note, undefined);
});

test('auto-replies in other languages or marked only by header, and read receipts, are named as such', () => {
  const ja = decodeBounce(
    'From: b@example.jp\nSubject: =?UTF-8?B?6Ieq5YuV5b+c562U?=: hello\nContent-Type: text/plain; charset=utf-8\n\n3月10日まで不在です。\n',
  );
  assert.equal(ja.recipients.length, 0);
  assert.match(ja.note!, /automatic reply/);
  const de = decodeBounce(
    'From: b@example.de\nSubject: Abwesenheitsnotiz: Termin\n\nIch bin bis Montag nicht im Büro.\n',
  );
  assert.match(de.note!, /automatic reply/);
  const byHeader = decodeBounce(
    'From: b@example.net\nSubject: Re: hello\nX-Autoreply: yes\n\nThanks, I will answer soon.\n',
  );
  assert.match(byHeader.note!, /automatic reply/);
  const mdn = decodeBounce(`From: b@example.net
Subject: Read: hello
MIME-Version: 1.0
Content-Type: multipart/report; report-type=disposition-notification; boundary="m"

--m
Content-Type: text/plain

Your message was displayed.
--m
Content-Type: message/disposition-notification

Reporting-UA: mua.example.net
Final-Recipient: rfc822; b@example.net
Disposition: manual-action/MDN-sent-manually; displayed
--m--
`);
  assert.equal(mdn.recipients.length, 0);
  assert.match(mdn.note!, /read receipt/);
});

test('ordinary mail that happens to hold codes and addresses is no bounce; a pasted fragment still is', () => {
  const letter = decodeBounce(
    'From: bob@example.net\nTo: alice@example.org\nSubject: invoice\n\nInvoice 5.1.1 for alice@example.org: 550 EUR, due in 452 days.\n',
  );
  assert.equal(letter.recipients.length, 0);
  assert.match(letter.note!, /Nothing in this message says a delivery failed/);
  const pasted = decodeBounce('550 5.1.1 <bob@example.net>: Recipient address rejected: User unknown');
  assert.equal(pasted.recipients[0]!.status, '5.1.1');
  // A bounce from an unusual sender still counts when its text says so.
  const odd = decodeBounce(
    'From: gateway@example.net\nSubject: Re: hello\n\nYour message could not be delivered.\n\ncarol@example.net: 550 5.1.1 no such user\n',
  );
  assert.equal(odd.recipients[0]!.recipient, 'carol@example.net');
});

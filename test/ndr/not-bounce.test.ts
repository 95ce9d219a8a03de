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

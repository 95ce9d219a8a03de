// The shared word tables (src/ndr/words.ts): every entry needs text, and each reader uses them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeBounce } from '../../src/ndr/decode.js';
import { classify } from '../../src/ndr/reasons/index.js';
import {
  FAILURE_REASON,
  HOST_NOT_FOUND,
  MAILBOX_FULL,
  MESSAGE_TOO_LARGE,
  NOT_DELIVERED,
  SENDING_LIMIT,
  UNKNOWN_USER,
} from '../../src/ndr/words.js';

test('shared word tables: every entry is a pattern that needs text, and each reader uses them', () => {
  for (const table of [
    NOT_DELIVERED,
    FAILURE_REASON,
    SENDING_LIMIT,
    MESSAGE_TOO_LARGE,
    HOST_NOT_FOUND,
    MAILBOX_FULL,
    UNKNOWN_USER,
  ])
    for (const [lang, source] of Object.entries(table)) {
      const re = new RegExp(source as string, 'i');
      assert.ok(!re.test(''), lang);
    }
  // Italian wording from the tables: the gate, the failure reader and the category all see it.
  assert.equal(classify({ status: '5.0.0', diagnostic: 'utente sconosciuto' }), 'unknown-user');
  const msg = `From: Posta <noreply@isp.example.it>\nTo: ada@example.org\nSubject: Avviso\nContent-Type: text/plain; charset=utf-8\n\nIl messaggio non è stato consegnato a:\n\npia@remote.example\n  550 5.1.1 utente sconosciuto\n`;
  assert.equal(decodeBounce(Buffer.from(msg, 'utf8')).recipients[0]?.recipient, 'pia@remote.example');
  // A German mail client's forward separator and "Von:" label.
  const fwd = `From: Jo <jo@example.de>\nTo: IT <it@example.de>\nSubject: WG: Fehler\n\nSiehe unten.\n\n-------- Weitergeleitete Nachricht --------\nVon: Mail Delivery System <MAILER-DAEMON@mx.example.de>\nBetreff: Undelivered Mail Returned to Sender\n\n<rolf@remote.example>: host mx.remote.example said: 550 5.1.1 <rolf@remote.example>: Recipient address rejected: User unknown\n`;
  assert.equal(decodeBounce(fwd).recipients[0]?.recipient, 'rolf@remote.example');
});

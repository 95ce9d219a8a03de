// Notices from senders that are not a mailer daemon, with no bounce header: the code line and the
// failure wording on it (or just above it) are enough.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeBounce } from '../../src/ndr/decode.js';

const plainSenderBounces: Array<[string, string, string, string]> = [
  [
    'a gateway that refused',
    '"MX Gateway" <noreply@mx.remote.example>',
    'Message not sent: report',
    'Your message to pia@remote.example was not accepted.\n\npia@remote.example\n  550 5.7.1 Message refused by policy\n',
  ],
  [
    'a filter that blocked',
    '"Filter" <no-reply@filter.example>',
    'Message blocked',
    'Your message to pia@remote.example has been blocked.\n\nReason: 554 5.7.1 Message blocked by content filter\n',
  ],
  [
    'Italian',
    '"Sistema di posta" <noreply@isp.example.it>',
    'Messaggio non recapitato',
    'Il messaggio non è stato consegnato ai seguenti destinatari:\n\npia@remote.example\n  550 5.1.1 utente sconosciuto\n',
  ],
  [
    'Dutch',
    '"Beheerder" <noreply@isp.example.nl>',
    'Onbestelbaar: Offerte',
    'Het bericht kon niet worden bezorgd bij:\n\npia@remote.example\nRemote Server returned: 550 5.1.1 RESOLVER.ADR.RecipNotFound; not found\n',
  ],
  [
    'Portuguese',
    '"Servidor" <noreply@isp.example.br>',
    'Mensagem não entregue',
    'A sua mensagem não pôde ser entregue para:\n\npia@remote.example\n  550 5.1.1 usuário desconhecido\n',
  ],
  [
    'Spanish',
    'Servidor de correo <noreply@correo.example.es>',
    'No se pudo entregar el mensaje',
    'No se pudo entregar su mensaje a:\n\npia@remote.example\n  550 5.1.1 usuario desconocido\n',
  ],
];
for (const [name, from, subject, body] of plainSenderBounces) {
  test(`a bounce from an ordinary-looking sender is read: ${name}`, () => {
    const msg = `From: ${from}\nTo: ada@example.org\nSubject: ${subject}\nContent-Type: text/plain; charset=utf-8\n\n${body}`;
    // UTF-8 bytes: a string of Latin-1 characters alone is taken for Latin-1 bytes.
    const r = decodeBounce(Buffer.from(msg, 'utf8')).recipients;
    assert.equal(r.length, 1);
    assert.equal(r[0]!.recipient, 'pia@remote.example');
    assert.match(r[0]!.status ?? '', /^5\.\d\.\d$/);
  });
}

test('ordinary letters with codes but no failure wording at the code are no bounce', () => {
  for (const [subject, body] of [
    [
      'Problem with the invoice',
      'Hi Ada,\n\nplease send it to quinn@example.com at 550 Main Street, ref 5.1.1.\nThe warehouse rejected the parcel.\n',
    ],
    [
      'Error in section 4.2.1 of the spec',
      'Hi,\nThe server returned 451 4.2.1 for quinn@example.com yesterday, could you check logs?\n',
    ],
  ]) {
    const d = decodeBounce(
      `From: Rae <rae@example.com>\nTo: ada@example.org\nSubject: ${subject}\n\n${body}`,
    );
    assert.deepEqual(d.recipients, [], subject);
    assert.match(d.note ?? '', /Nothing in this message says a delivery failed/);
  }
});

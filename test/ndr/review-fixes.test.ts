// Regressions found in review of the generalised NDR decoder: each case is a small synthetic
// notice built for the rule it checks. No timing is asserted (the runner's timeout is the bound).
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

const SENDMAIL_HEAD = `From: Mail Delivery Subsystem <MAILER-DAEMON@mx.example.org>
To: alice@example.org
Subject: Returned mail: see transcript for details

   ----- The following addresses had permanent fatal errors -----
`;

// 1 MB, unclosed: the quadratic regexes took 13 s on 200 KB, so these would outlast the runner's timeout.
test('Sendmail: a 1 MB "(expanded from" line of many @ is decoded, not backtracked over', () => {
  const msg = `${SENDMAIL_HEAD}"|/bin/x"
    (expanded from: <${'a@'.repeat(500_000)}

   ----- Transcript of session follows -----
554 5.3.0 unknown mailer error 127
`;
  const d = decodeBounce(msg);
  assert.equal(d.format, 'sendmail');
  assert.equal(d.recipients.length, 1);
  assert.equal(d.recipients[0]!.status, '5.3.0');
});

test('Sendmail: a 1 MB listed address line with many @ is decoded too', () => {
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

// Notices from senders that are not a mailer daemon, with no bounce header: the code line and the
// failure wording on it (or just above it) are enough.
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

// Non-English wording is read only when the status code does not decide, and splits sending
// limits, message size and mailbox capacity; "not found" needs a noun for a user or address.
const wordedWithCode: Array<[string, string, string]> = [
  ['4.7.1', 'Превышен лимит отправки писем в час', 'blocked'],
  ['4.7.0', '送信容量を超えました。1時間後に再送してください', 'blocked'],
  ['5.0.0', 'Превышен лимит отправки писем в час', 'blocked'],
  ['5.3.4', 'Сообщение не доставлено: превышен размер', 'message-too-large'],
  ['5.0.0', 'Сообщение не доставлено: превышен размер', 'message-too-large'],
  ['5.1.2', 'ホストが見つかりません', 'host-not-found'],
  ['5.4.4', 'Сервер не найден', 'host-not-found'],
  ['5.0.0', 'Сервер не найден', 'host-not-found'],
  ['5.7.1', 'Отправитель не найден в белом списке', 'policy'],
  ['5.0.0', 'El dominio no existe', 'host-not-found'],
  ['5.0.0', 'メッセージの容量を超えています', 'message-too-large'],
  ['5.0.0', 'メールボックスの容量を超えています', 'mailbox-full'],
  ['5.0.0', 'Почтовый ящик переполнен', 'mailbox-full'],
  ['5.0.0', 'Пользователь не найден', 'unknown-user'],
  ['5.0.0', 'このメールアドレスは存在しません', 'unknown-user'],
  ['5.0.0', "L'adresse du destinataire n'existe pas", 'unknown-user'],
  ['5.0.0', 'La dirección no existe', 'unknown-user'],
  ['5.0.0', 'Die Adresse existiert nicht', 'unknown-user'],
  ['5.2.2', 'Пользователь не найден', 'mailbox-full'],
  ['5.1.1', '容量を超えました', 'unknown-user'],
];
for (const [status, diagnostic, category] of wordedWithCode) {
  test(`category of ${status} with "${diagnostic}" is ${category}`, () => {
    assert.equal(classify({ status, diagnostic }), category);
  });
}

// A spam verdict names the cause only when no blocklist or authentication failure does.
const spamVerdicts: Array<[string, string, string]> = [
  ['5.7.1', 'Message rejected as spam: client host [192.0.2.9] is listed on zen.spamhaus.org', 'blocked'],
  ['5.7.26', 'Message detected as spam due to DMARC failure', 'policy'],
  ['5.7.1', 'Message rejected as spam because of SPF failure for example.org', 'policy'],
  [
    '5.0.0',
    'Your email was rejected due to spam classification. Set up SPF records for your sending domain.',
    'spam-virus',
  ],
  ['5.7.1', 'Message rejected as spam by content scanner', 'spam-virus'],
];
for (const [status, diagnostic, category] of spamVerdicts) {
  test(`spam verdict: ${status} "${diagnostic.slice(0, 50)}" is ${category}`, () => {
    assert.equal(classify({ status, diagnostic }), category);
  });
}

test('auto-reply subjects: whole words only, and no leave request or missed-parcel notice', () => {
  const note = (subject: string) =>
    decodeBounce(
      Buffer.from(
        `From: Uma <uma@example.org>\nSubject: ${subject}\nContent-Type: text/plain; charset=utf-8\n\nHello.\n`,
        'utf8',
      ),
    ).note ?? '';
  for (const s of [
    'Absence request approved',
    '不在連絡票のお知らせ',
    'Autoreplying is off',
    'Out of officers meeting',
  ])
    assert.doesNotMatch(note(s), /automatic reply/, s);
  for (const s of [
    'Out of Office: lunch',
    'Automatic reply: hello',
    'Absent du bureau',
    'Réponse automatique : hello',
    '自動応答: hello',
    '不在通知',
    'Автоответ: привет',
  ])
    assert.match(note(s), /automatic reply/, s);
});

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

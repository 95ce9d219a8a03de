// Notices without any code: X-Failed-Recipients names who failed, the notice says why.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeBounce } from '../../src/ndr/decode.js';

const groups = (body: string, failed = 'X-Failed-Recipients: team-list@googlegroups.com\n') =>
  `From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>
To: ann@example.org
Subject: Delivery Status Notification (Failure)
${failed}Content-Type: text/plain; charset="UTF-8"

Hallo ann@example.org,

${body}

Google Groups

----- Original message -----

To: team-list@googlegroups.com
Subject: hello
`;

test('localised Google Groups refusal: the header names the group, the meaning is given in English', () => {
  const d = decodeBounce(
    groups(
      'Die Gruppe, an die Sie schreiben wollten (team-list), existiert eventuell nicht, oder Sie dürfen dort keine Nachrichten posten.',
    ),
  );
  assert.equal(d.format, 'x-failed-recipients');
  assert.equal(d.recipients.length, 1);
  const r = d.recipients[0]!;
  assert.equal(r.recipient, 'team-list@googlegroups.com');
  assert.equal(r.action, 'failed');
  assert.equal(r.status, null);
  assert.match(r.diagnostic!, /^Google Groups did not accept the post.*Notice: Die Gruppe/);
});

test('several X-Failed-Recipients, deduplicated in order, the first long paragraph as diagnostic', () => {
  const d = decodeBounce(`From: Mail Delivery System <Mailer-Daemon@mx.example.net>
Subject: Mail delivery failed
X-Failed-Recipients: a@example.org, B@example.org
X-Failed-Recipients: a@example.org

Hi.

Die Nachricht konnte an die folgenden Empfänger nicht zugestellt werden, bitte prüfen Sie die Adressen.
`);
  assert.deepEqual(
    d.recipients.map((r) => r.recipient),
    ['a@example.org', 'B@example.org'],
  );
  assert.match(d.recipients[0]!.diagnostic!, /^Die Nachricht konnte/);
});

test('without the header a code-less notice stays unrecognised', () => {
  const d = decodeBounce(groups('Etwas ist schiefgegangen, aber ohne Code oder Empfänger.', ''));
  assert.equal(d.recipients.length, 0);
});

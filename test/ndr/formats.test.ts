// One small hand-written fixture per format; each checks recipients, codes and hosts in order.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeBounce } from '../../src/ndr/decode.js';

const first = (text: string) => {
  const d = decodeBounce(text);
  return { format: d.format, ...d.recipients[0] };
};

const HEAD = (from: string, subject: string, extra = '') =>
  `From: ${from}\nTo: alice@example.org\nSubject: ${subject}\nDate: Tue, 3 Mar 2026 10:00:00 +0000\n${extra}\n`;

test('RFC 3464 report: several recipients in report order, per-message Reporting-MTA', () => {
  const msg = `${HEAD('MAILER-DAEMON@mx.example.org', 'Delivery Status Notification', 'MIME-Version: 1.0\nContent-Type: multipart/report; report-type=delivery-status; boundary="b1"\n')}
--b1
Content-Type: text/plain

Delivery failed.
--b1
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.org

Final-Recipient: rfc822; one@example.net
Action: failed
Status: 5.0.0
Remote-MTA: dns; in.example.net
Diagnostic-Code: smtp; 550 5.1.1 <one@example.net>... User unknown

Final-Recipient: rfc822; two@example.net
Action: delayed
Status: 4.4.1
Diagnostic-Code: smtp; 421 4.4.1 Connection timed out
--b1--
`;
  const d = decodeBounce(msg);
  assert.equal(d.format, 'rfc3464');
  assert.deepEqual(
    d.recipients.map((r) => [r.recipient, r.action, r.status, r.replyCode, r.remoteMta, r.reportingMta]),
    [
      ['one@example.net', 'failed', '5.1.1', 550, 'in.example.net', 'mx.example.org'],
      ['two@example.net', 'delayed', '4.4.1', 421, null, 'mx.example.org'],
    ],
  );
});

test('RFC 3464 report without diagnostic borrows it from the Postfix notice', () => {
  const msg = `${HEAD('MAILER-DAEMON@relay.example.org (Mail Delivery System)', 'Undelivered Mail Returned to Sender', 'Content-Type: multipart/report; report-type=delivery-status; boundary="b2"\n')}
--b2
Content-Type: text/plain

This is the mail system at host relay.example.org.

                   The mail system

<bob@example.net>: host mx.example.net[192.0.2.7] said: 552 5.2.2 Mailbox
    full (in reply to RCPT TO command)
--b2
Content-Type: message/delivery-status

Reporting-MTA: dns; relay.example.org

Final-Recipient: rfc822; bob@example.net
Action: failed
Status: 5.0.0
--b2--
`;
  const r = first(msg);
  assert.equal(r.format, 'rfc3464/postfix');
  assert.equal(r.status, '5.2.2');
  assert.equal(r.replyCode, 552);
  assert.equal(r.remoteMta, 'mx.example.net');
  assert.equal(r.smtpCommand, 'RCPT');
});

test('Postfix text only', () => {
  const r =
    first(`${HEAD('MAILER-DAEMON@a.example (Mail Delivery System)', 'Undelivered Mail Returned to Sender')}
This is the mail system at host a.example.

<x@b.example>: host mx.b.example[198.51.100.1] said: 550 5.7.1 Relaying denied
    (in reply to RCPT TO command)
`);
  assert.deepEqual(
    [r.format, r.recipient, r.status, r.replyCode, r.remoteMta, r.reportingMta],
    ['postfix', 'x@b.example', '5.7.1', 550, 'mx.b.example', 'a.example'],
  );
});

test('Exim: indented address, SMTP error after RCPT, returned copy ignored', () => {
  const r =
    first(`${HEAD('Mail Delivery System <Mailer-Daemon@e.example>', 'Mail delivery failed: returning message to sender', 'X-Failed-Recipients: u@f.example\n')}
This message was created automatically by mail delivery software.

A message that you sent could not be delivered to one or more of its
recipients. This is a permanent error. The following address(es) failed:

  u@f.example
    host mx.f.example [203.0.113.5]
    SMTP error from remote mail server after RCPT TO:<u@f.example>:
    550 5.1.1 No such user

------ This is a copy of the message, including all the headers. ------

Subject: hi

552 5.3.4 this line is in the returned message
`);
  assert.deepEqual(
    [r.format, r.recipient, r.status, r.replyCode, r.remoteMta, r.smtpCommand],
    ['exim', 'u@f.example', '5.1.1', 550, 'mx.f.example', 'RCPT'],
  );
});

test('Sendmail: address list and transcript', () => {
  const r =
    first(`${HEAD('Mail Delivery Subsystem <MAILER-DAEMON@s.example>', 'Returned mail: see transcript for details')}
   ----- The following addresses had permanent fatal errors -----
<gone@t.example>
    (reason: 550 5.1.1 <gone@t.example>... User unknown)

   ----- Transcript of session follows -----
... while talking to mx.t.example.:
>>> RCPT To:<gone@t.example>
<<< 550 5.1.1 <gone@t.example>... User unknown
550 5.1.1 <gone@t.example>... User unknown
`);
  assert.deepEqual(
    [r.format, r.recipient, r.status, r.replyCode, r.remoteMta, r.smtpCommand],
    ['sendmail', 'gone@t.example', '5.1.1', 550, 'mx.t.example', 'RCPT'],
  );
});

test('qmail: several recipients, Remote host said', () => {
  const d = decodeBounce(`${HEAD('MAILER-DAEMON@q.example', 'failure notice')}
Hi. This is the qmail-send program at q.example.
I'm afraid I wasn't able to deliver your message to the following addresses.
This is a permanent error; I've given up. Sorry it didn't work out.

<a@r.example>:
192.0.2.9 does not like recipient.
Remote host said: 550 5.1.1 <a@r.example>: Recipient address rejected
Giving up on 192.0.2.9.

<b@r.example>:
Sorry, I couldn't find any host named r.example. (#5.1.2)

--- Below this line is a copy of the message.
`);
  assert.equal(d.format, 'qmail');
  assert.deepEqual(
    d.recipients.map((r) => [r.recipient, r.status, r.replyCode]),
    [
      ['a@r.example', '5.1.1', 550],
      ['b@r.example', '5.1.2', null],
    ],
  );
});

test('Yahoo-style notice', () => {
  const r = first(`${HEAD('MAILER-DAEMON@yahoo.example', 'Failure Notice')}
Sorry, we were unable to deliver your message to the following address.

<k@y.example>:
Remote host said: 554 5.7.9 Message not accepted for policy reasons [DATA]

--- Below this line is a copy of the message.
`);
  assert.deepEqual([r.format, r.recipient, r.status, r.replyCode], ['yahoo', 'k@y.example', '5.7.9', 554]);
});

test('Gmail: recipient list and the remote server answer (QP soft breaks)', () => {
  const r =
    first(`${HEAD('Mail Delivery Subsystem <mailer-daemon@googlemail.com>', 'Delivery Status Notification (Failure)', 'Content-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: quoted-printable\n')}
Delivery to the following recipient failed permanently:

     p@g.example

Technical details of permanent failure:=20
Google tried to deliver your message, but it was rejected by the server for=
 the recipient domain g.example by mx.g.example. [192.0.2.44].

The error that the other server returned was:
550 5.2.1 The email account that you tried to reach is disabled.

----- Original message -----
`);
  assert.deepEqual(
    [r.format, r.recipient, r.status, r.replyCode, r.remoteMta],
    ['gmail', 'p@g.example', '5.2.1', 550, 'mx.g.example'],
  );
});

test('Exchange: Remote Server returned, Generating server names the reporter', () => {
  const r = first(`${HEAD('postmaster@c.example', 'Undeliverable: plan')}
Delivery has failed to these recipients or groups:

d@f.example
The recipient's mail server refused the message.

Diagnostic information for administrators:

Generating server: EX1.c.example

d@f.example
Remote Server returned '554 5.7.1 Service unavailable; Client host [203.0.113.9] blocked'
`);
  assert.deepEqual(
    [r.format, r.recipient, r.status, r.replyCode, r.reportingMta],
    ['exchange', 'd@f.example', '5.7.1', 554, 'EX1.c.example'],
  );
});

test('Exchange: hash form and the Exchange 2003 layout', () => {
  const h = first(`${HEAD('postmaster@c.example', 'Undeliverable: x')}
Diagnostic information for administrators:

Generating server: mbx.c.example

q@c.example
#550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##
`);
  assert.deepEqual([h.recipient, h.status, h.replyCode], ['q@c.example', '5.1.1', 550]);
  const old = first(`${HEAD('System Administrator <postmaster@c.example>', 'Undeliverable: y')}
Your message did not reach some or all of the intended recipients.

The following recipient(s) could not be reached:

      z@d.example on 3/3/2026 10:00 AM
            The e-mail account does not exist at the organization this message was sent to.
            <mail.c.example #5.1.1 smtp;550 5.1.1 User unknown>
`);
  assert.deepEqual(
    [old.recipient, old.status, old.replyCode, old.remoteMta],
    ['z@d.example', '5.1.1', 550, 'mail.c.example'],
  );
});

test('Lotus Notes / Domino', () => {
  const r = first(`${HEAD('Postmaster <postmaster@n.example>', 'DELIVERY FAILURE: User not listed')}
Your message

  Subject: hello

was not delivered to:

  someone@n.example

because:

  User someone (someone@n.example) not listed in Domino Directory
`);
  assert.deepEqual([r.format, r.recipient, r.status], ['notes', 'someone@n.example', null]);
  assert.match(r.diagnostic!, /not listed in Domino Directory/);
});

test('Courier and DragonFly Mail Agent', () => {
  const c =
    first(`${HEAD('Courier mail server at c.example <postmaster@c.example>', 'NOTICE: mail delivery status.')}
This is a delivery status notification from c.example,
running the Courier mail server.

<u@v.example>:
    mx.v.example [192.0.2.3]:
>>> RCPT TO:<u@v.example>
<<< 550 5.1.1 <u@v.example>... User Unknown
`);
  assert.deepEqual([c.format, c.recipient, c.status, c.replyCode], ['courier', 'u@v.example', '5.1.1', 550]);
  const d = first(`${HEAD('MAILER-DAEMON <>', 'Mail delivery failed')}
This is the DragonFly Mail Agent v0.13 at df.example.

There was an error delivering your mail to <w@x.example>.

mx.x.example [192.0.2.8] did not like our RCPT TO:
550 5.7.25 No PTR record

Message headers follow.
`);
  assert.deepEqual(
    [d.format, d.recipient, d.status, d.replyCode, d.remoteMta, d.reportingMta, d.smtpCommand],
    ['dma', 'w@x.example', '5.7.25', 550, 'mx.x.example', 'df.example', 'RCPT'],
  );
});

test('fallback: one pasted reply line, a pasted paragraph, and a code-less notice', () => {
  const one = first('550 5.1.1 <x@y.example>: Recipient address rejected: User unknown');
  assert.deepEqual(
    [one.format, one.recipient, one.status, one.replyCode],
    ['text', 'x@y.example', '5.1.1', 550],
  );
  const para = first(
    'We could not deliver to bob@corp.example\n\n  421 4.7.0 Try again later, closing connection.\n',
  );
  assert.deepEqual(
    [para.recipient, para.status, para.replyCode, para.action],
    ['bob@corp.example', '4.7.0', 421, 'delayed'],
  );
  const words = first(
    'Unable to deliver message to the following address(es).\n\n<gone@z.example>:\nThis account has been disabled or discontinued.\n',
  );
  assert.deepEqual([words.recipient, words.status, words.replyCode], ['gone@z.example', null, null]);
  assert.equal(decodeBounce('Hello, lunch at noon?').recipients.length, 0);
});

test('Exchange 2003 without codes, and an Exim variant with the reason after a label', () => {
  const x = first(`${HEAD('System Administrator <postmaster@old.example>', 'Undeliverable: status')}
Your message

  To:      staff@old.example
  Subject: status

did not reach the following recipient(s):

someone@old.example on Mon, 2 Mar 2026 09:00:00 -0000
    The recipient name is not recognized
    MSEXCH:IMS:ORG:SITE:SERVER 0 (000C05A6) Unknown Recipient
`);
  assert.deepEqual([x.format, x.recipient, x.status], ['exchange', 'someone@old.example', null]);
  assert.match(x.diagnostic!, /not recognized/);
  const e =
    first(`${HEAD('Mail Delivery System <mailer-daemon@big.example>', 'Mail delivery failed: returning message to sender')}
This message was created automatically by mail delivery software.

A message that you sent could not be delivered to one or more of
its recipients. This is a permanent error.

The following address failed:

big@small.example

For the following reason:

Mail size limit exceeded.
`);
  assert.deepEqual([e.format, e.recipient], ['exim', 'big@small.example']);
  assert.match(e.diagnostic!, /size limit exceeded/);
});

test('codes written inside prose: qmail (#5.1.1), "554:" with a colon', () => {
  const q = first(`${HEAD('MAILER-DAEMON@q.example', 'failure notice')}
Hi. This is the qmail-send program at q.example.
I'm afraid I wasn't able to deliver your message to the following addresses.
This is a permanent error; I've given up. Sorry it didn't work out.

<nobody@q.example>:
Sorry, no mailbox here by that name. (#5.1.1)
`);
  assert.deepEqual([q.recipient, q.status, q.replyCode], ['nobody@q.example', '5.1.1', null]);
  const y = first("<gone@mail.example>:\n554: delivery error: dd This user doesn't have an account [0]\n");
  assert.deepEqual([y.recipient, y.replyCode], ['gone@mail.example', 554]);
});

test('pasted fragments that look like headers are read as text', () => {
  const dsn = first(
    'Final-Recipient: rfc822; x@y.example\nAction: failed\nStatus: 5.1.1\nDiagnostic-Code: smtp; 550 5.1.1 user unknown\n',
  );
  assert.deepEqual(
    [dsn.format, dsn.recipient, dsn.status, dsn.replyCode],
    ['rfc3464', 'x@y.example', '5.1.1', 550],
  );
  const err = first(
    'Error: Invalid user address\nError message below:\n550 5.1.1 <z@y.example> no such user\n',
  );
  assert.deepEqual([err.recipient, err.status, err.replyCode], ['z@y.example', '5.1.1', 550]);
});

test('delay warnings without a code are reported as delayed, not failed', () => {
  const r =
    first(`${HEAD('MAILER-DAEMON@m.example (Mail Delivery System)', 'Delayed Mail (still being retried)')}
This is the mail system at host m.example.

# THIS IS A WARNING ONLY.  YOU DO NOT NEED TO RESEND YOUR MESSAGE. #

                   The mail system

<slow@n.example>: connect to mx.n.example[203.0.113.8]:25: Connection timed out
`);
  assert.deepEqual(
    [r.recipient, r.action, r.status, r.remoteMta],
    ['slow@n.example', 'delayed', null, 'mx.n.example'],
  );
});

test('an abuse report (ARF) is named as such, with no recipients', () => {
  const d =
    decodeBounce(`${HEAD('abuse@isp.example', 'Abuse report', 'Content-Type: multipart/report; report-type=feedback-report; boundary="f"\n')}
--f
Content-Type: text/plain

This is an email abuse report for a message received from 192.0.2.1.
--f
Content-Type: message/feedback-report

Feedback-Type: abuse
--f--
`);
  assert.equal(d.format, 'arf');
  assert.equal(d.recipients.length, 0);
  assert.match(d.note!, /RFC 5965/);
});

// Amazon SES notifications pasted as JSON: bounces give recipients, other types say why not.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeBounce } from '../../src/ndr/decode.js';
import { jsonLines, runCli } from '../helpers/cli.js';
import { hostileTest } from '../helpers/hostile.js';

const mail = {
  timestamp: '2024-03-01T10:00:00.000Z',
  source: 'news@shop.example',
  messageId: '0100018e-aaaa',
  destination: ['ann@example.org', 'ben@example.net'],
};

const bounce = {
  notificationType: 'Bounce',
  bounce: {
    bounceType: 'Permanent',
    bounceSubType: 'General',
    reportingMTA: 'dns; a1-2.smtp-out.amazonses.com',
    remoteMtaIp: '192.0.2.25',
    timestamp: '2024-03-01T10:00:02.000Z',
    feedbackId: '0100018e-bbbb',
    bouncedRecipients: [
      {
        emailAddress: 'ann@example.org',
        action: 'failed',
        status: '5.1.1',
        diagnosticCode: 'smtp; 550 5.1.1 <ann@example.org>: Recipient address rejected: User unknown',
      },
      {
        emailAddress: 'ben@example.net',
        action: 'failed',
        status: '5.2.2',
        diagnosticCode: 'smtp; 552 5.2.2 Mailbox full',
      },
    ],
  },
  mail,
};

test('SES bounce JSON: every bounced recipient with status, reply code and MTAs, in order', () => {
  const d = decodeBounce(JSON.stringify(bounce, null, 2));
  assert.equal(d.format, 'ses');
  assert.deepEqual(
    d.recipients.map((r) => [r.recipient, r.action, r.status, r.replyCode, r.reportingMta, r.remoteMta]),
    [
      ['ann@example.org', 'failed', '5.1.1', 550, 'a1-2.smtp-out.amazonses.com', '192.0.2.25'],
      ['ben@example.net', 'failed', '5.2.2', 552, 'a1-2.smtp-out.amazonses.com', '192.0.2.25'],
    ],
  );
  assert.match(d.recipients[0]!.diagnostic!, /^550 5\.1\.1 /);
});

test('SES bounce inside an SNS envelope (Message is a JSON string)', () => {
  const envelope = {
    Type: 'Notification',
    MessageId: '1111-2222',
    TopicArn: 'arn:aws:sns:eu-west-1:123456789012:ses-bounces',
    Message: JSON.stringify(bounce),
    Timestamp: '2024-03-01T10:00:03.000Z',
  };
  const d = decodeBounce(JSON.stringify(envelope));
  assert.deepEqual(
    d.recipients.map((r) => r.recipient),
    ['ann@example.org', 'ben@example.net'],
  );
});

test('SES bounce without a DSN: the subtype explains it (NoEmail)', () => {
  const suppressed = {
    notificationType: 'Bounce',
    bounce: {
      bounceType: 'Permanent',
      bounceSubType: 'NoEmail',
      bouncedRecipients: [{ emailAddress: 'gone@example.org' }],
    },
    mail,
  };
  const d = decodeBounce(JSON.stringify(suppressed));
  assert.equal(d.recipients.length, 1);
  assert.equal(d.recipients[0]!.recipient, 'gone@example.org');
  assert.equal(d.recipients[0]!.action, 'failed');
  assert.match(d.recipients[0]!.diagnostic!, /does not exist.*Permanent\/NoEmail/);
});

test('SES bounce JSON as the body of an SNS e-mail subscription, with a footer', () => {
  const eml = [
    'From: no-reply@sns.amazonaws.com',
    'Subject: AWS Notification Message',
    'Content-Type: text/plain; charset=UTF-8',
    '',
    JSON.stringify(bounce),
    '',
    '--',
    'If you wish to stop receiving notifications from this topic, unsubscribe.',
  ].join('\r\n');
  const d = decodeBounce(eml);
  assert.equal(d.format, 'ses');
  assert.equal(d.recipients[0]!.recipient, 'ann@example.org');
  assert.equal(d.subject, 'AWS Notification Message');
});

test('SES Delivery and Complaint notifications are no failures: a reason, no recipients', () => {
  const delivery = decodeBounce(
    JSON.stringify({ notificationType: 'Delivery', mail, delivery: { recipients: mail.destination } }),
  );
  assert.equal(delivery.recipients.length, 0);
  assert.match(delivery.note!, /delivery notification.*ann@example\.org/);
  const complaint = decodeBounce(
    JSON.stringify({ eventType: 'Complaint', mail, complaint: { complainedRecipients: [] } }),
  );
  assert.match(complaint.note!, /complaint/);
});

hostileTest('broken or unrelated JSON falls through to the text decoders without throwing', 20_000, () => {
  assert.equal(decodeBounce('{"notificationType": "Bounce", "bounce": ').format === 'ses', false);
  assert.equal(decodeBounce('{"a": 1}').recipients.length, 0);
  const deep = `{"notificationType":${'['.repeat(100000)}`;
  assert.equal(decodeBounce(deep).recipients.length, 0);
});

test('CLI: SES bounce on stdin exits 0; a Delivery notification exits 3 with its reason', async () => {
  const ok = await runCli(['ndr', '--json', '-'], { input: JSON.stringify(bounce) });
  assert.equal(ok.code, 0, ok.stderr);
  const [res] = jsonLines(ok.stdout);
  assert.equal(res.data.format, 'ses');
  assert.deepEqual(
    res.recipients.map((r: { recipient: string; category: string }) => [r.recipient, r.category]),
    [
      ['ann@example.org', 'unknown-user'],
      ['ben@example.net', 'mailbox-full'],
    ],
  );
  const no = await runCli(['ndr', '--json', '-'], {
    input: JSON.stringify({ notificationType: 'Delivery', mail }),
  });
  assert.equal(no.code, 3);
  const [r3] = jsonLines(no.stdout);
  assert.equal(r3.findings[0].id, 'ndr.unrecognised');
  assert.match(r3.findings[0].detail, /SES delivery notification/);
});

test('SES suppression-list bounces are explained as SES refusals, not as the remote server', async () => {
  const { toResult } = await import('../../src/ndr/report.js');
  for (const [sub, want] of [
    ['Suppressed', /global suppression list/],
    ['OnAccountSuppressionList', /account's suppression list/],
  ] as const) {
    const n = {
      notificationType: 'Bounce',
      bounce: {
        bounceType: 'Permanent',
        bounceSubType: sub,
        bouncedRecipients: [{ emailAddress: 'x@example.com' }],
      },
      mail,
    };
    const res = toResult('-', decodeBounce(JSON.stringify(n)));
    assert.equal(res.recipients[0]!.category, 'unknown-user');
    assert.match(res.findings[0]!.detail, want);
    assert.match(res.findings[0]!.ref, /Amazon SES/);
  }
});

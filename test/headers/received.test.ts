// Received lines as each common MTA writes them (samples written for these tests), each asserting
// the parsed clauses, TLS/auth reading and the date.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { exchangeBuild } from '../../src/headers/exchange-builds.js';
import { parseDate, parseReceived } from '../../src/headers/received.js';

const unfold = (s: string) => s.replace(/\n[ \t]+/g, ' ');

interface Expect {
  name?: string | null;
  helo?: string | null;
  rdns?: string | null;
  ip?: string | null;
  by?: string | null;
  with?: string | null;
  tls?: boolean | null;
  auth?: boolean;
  id?: string | null;
  for?: string | null;
  at?: string | null;
}

const CASES: [string, string, Expect][] = [
  [
    'Postfix, TLS, from a client with reverse DNS',
    `from mail.sender.example (mail.sender.example [198.51.100.7])
	(using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)
	 key-exchange X25519 server-signature RSA-PSS (2048 bits) server-digest SHA256)
	(No client certificate requested)
	by mx.rcpt.example (Postfix) with ESMTPS id 4TqZ3k0Qf1z9sWn
	for <bob@rcpt.example>; Tue,  5 Mar 2024 10:15:07 +0100 (CET)`,
    {
      name: 'mail.sender.example',
      rdns: 'mail.sender.example',
      ip: '198.51.100.7',
      by: 'mx.rcpt.example',
      with: 'ESMTPS',
      tls: true,
      auth: false,
      id: '4TqZ3k0Qf1z9sWn',
      for: 'bob@rcpt.example',
      at: '2024-03-05T09:15:07.000Z',
    },
  ],
  [
    'Postfix, authenticated submission',
    `from [10.1.2.3] (unknown [203.0.113.9])
	(Authenticated sender: alice@sender.example)
	by smtp.sender.example (Postfix) with ESMTPSA id 9A1B2C3D4E;
	Tue, 5 Mar 2024 09:00:00 +0000 (UTC)`,
    {
      name: '10.1.2.3',
      ip: '203.0.113.9',
      by: 'smtp.sender.example',
      with: 'ESMTPSA',
      tls: true,
      auth: true,
      id: '9A1B2C3D4E',
    },
  ],
  [
    'Postfix, plain SMTP without TLS',
    'from out.plain.example (out.plain.example [192.0.2.44]) by mx.rcpt.example (Postfix) with ESMTP id 5B6C7D; Mon, 4 Mar 2024 23:59:59 -0500',
    {
      name: 'out.plain.example',
      ip: '192.0.2.44',
      with: 'ESMTP',
      tls: false,
      auth: false,
      at: '2024-03-05T04:59:59.000Z',
    },
  ],
  [
    'Exim with TLS',
    `from mail-relay.exim.example ([192.0.2.10] helo=relay.exim.example)
	by mx.rcpt.example with esmtps  (TLS1.3) tls TLS_AES_256_GCM_SHA384
	(Exim 4.96)
	(envelope-from <list-bounces@exim.example>)
	id 1rhXyZ-000AbC-2Q
	for bob@rcpt.example; Tue, 05 Mar 2024 10:15:07 +0000`,
    {
      name: 'mail-relay.exim.example',
      helo: 'relay.exim.example',
      ip: '192.0.2.10',
      by: 'mx.rcpt.example',
      with: 'esmtps',
      tls: true,
      id: '1rhXyZ-000AbC-2Q',
      for: 'bob@rcpt.example',
    },
  ],
  [
    'Exim, authenticated, local',
    'from [192.168.0.5] (helo=laptop) by smtp.exim.example with esmtpsa (TLS1.2) (Exim 4.95) (envelope-from <me@exim.example>) id 1rhA-0001; Tue, 05 Mar 2024 10:00:00 +0000',
    { ip: '192.168.0.5', helo: 'laptop', with: 'esmtpsa', tls: true, auth: true, id: '1rhA-0001' },
  ],
  [
    'Sendmail with TLS and verify',
    `from mail.sm.example (mail.sm.example [198.51.100.20])
	by mx.rcpt.example (8.17.1/8.17.1) with ESMTPS id 425AF7a1012345
	(version=TLSv1.3 cipher=TLS_AES_256_GCM_SHA384 bits=256 verify=NOT)
	for <bob@rcpt.example>; Tue, 5 Mar 2024 10:15:07 GMT`,
    {
      name: 'mail.sm.example',
      ip: '198.51.100.20',
      by: 'mx.rcpt.example',
      with: 'ESMTPS',
      tls: true,
      id: '425AF7a1012345',
      for: 'bob@rcpt.example',
      at: '2024-03-05T10:15:07.000Z',
    },
  ],
  [
    'Sendmail, authenticated bits',
    'from client.sm.example (client.sm.example [198.51.100.21]) (authenticated bits=0) by smtp.sm.example (8.15.2/8.15.2) with ESMTP id 425AF7b; Tue, 5 Mar 2024 10:15:07 +0000',
    { auth: true, with: 'ESMTP', id: '425AF7b' },
  ],
  [
    'qmail, network hop',
    'from unknown (HELO mail.q.example) (198.51.100.30) by mx.q.example with SMTP; 5 Mar 2024 10:15:07 -0000',
    {
      name: 'unknown',
      helo: 'mail.q.example',
      ip: '198.51.100.30',
      by: 'mx.q.example',
      with: 'SMTP',
      tls: false,
      at: '2024-03-05T10:15:07.000Z',
    },
  ],
  [
    'qmail with the TLS patch (and MessageLabs): "with <cipher> encrypted SMTP"',
    'from mail0.q.example (HELO mail0.q.example) (192.0.2.225) by mx.q.example with DHE-RSA-AES256-GCM-SHA384 encrypted SMTP; 17 Jul 2017 23:34:45 -0000',
    { ip: '192.0.2.225', by: 'mx.q.example', with: 'encrypted SMTP', tls: true },
  ],
  [
    'qmail, local invocation (no from/by)',
    '(qmail 12345 invoked by uid 89); 5 Mar 2024 10:15:06 -0000',
    { name: null, by: null, at: '2024-03-05T10:15:06.000Z' },
  ],
  [
    'Exchange Online, internal hop with TLS and a build number',
    `from AM6PR04MB1234.eurprd04.prod.outlook.com (2603:10a6:20b:f0::19) by
 DB9PR04MB5678.eurprd04.prod.outlook.com (2603:10a6:10:2c1::8) with
 Microsoft SMTP Server (version=TLS1_2,
 cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.20.7362.19; Tue, 5 Mar
 2024 10:15:08 +0000`,
    {
      name: 'AM6PR04MB1234.eurprd04.prod.outlook.com',
      ip: '2603:10a6:20b:f0::19',
      by: 'DB9PR04MB5678.eurprd04.prod.outlook.com',
      with: 'Microsoft SMTP Server',
      tls: true,
      id: '15.20.7362.19',
    },
  ],
  [
    'Exchange Online, mailbox delivery over HTTPS',
    'from DB9PR04MB5678.eurprd04.prod.outlook.com (2603:10a6:10:2c1::8) by PAXPR04MB9999.eurprd04.prod.outlook.com with HTTPS; Tue, 5 Mar 2024 10:15:09 +0000',
    { with: 'HTTPS', tls: true, by: 'PAXPR04MB9999.eurprd04.prod.outlook.com' },
  ],
  [
    'Exchange 2019 on-premises, mapi submission',
    'from EX01.corp.example (10.0.0.5) by EX02.corp.example (10.0.0.6) with Microsoft SMTP Server (version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.2.1544.4; Tue, 5 Mar 2024 11:15:07 +0100',
    { ip: '10.0.0.5', id: '15.2.1544.4', tls: true, at: '2024-03-05T10:15:07.000Z' },
  ],
  [
    'Gmail, inbound',
    `from mail-sor-f41.google.com (mail-sor-f41.google.com. [209.85.220.41])
        by mx.google.com with SMTPS id a1sor123456qkb.12.2024.03.05.02.15.07
        for <bob@gmail.com>
        (Google Transport Security);
        Tue, 05 Mar 2024 02:15:07 -0800 (PST)`,
    {
      name: 'mail-sor-f41.google.com',
      rdns: 'mail-sor-f41.google.com',
      ip: '209.85.220.41',
      by: 'mx.google.com',
      with: 'SMTPS',
      tls: true,
      for: 'bob@gmail.com',
      at: '2024-03-05T10:15:07.000Z',
    },
  ],
  [
    'Gmail, internal hop by an IPv6 address',
    'by 2002:a05:6a10:c29a:b0:5a1:2b3c:4d5e with SMTP id abc123csp1234567pxb; Tue, 5 Mar 2024 02:15:08 -0800 (PST)',
    { name: null, by: '2002:a05:6a10:c29a:b0:5a1:2b3c:4d5e', with: 'SMTP' },
  ],
  [
    'Gmail, web submission over HTTP',
    'from 123456789012 named unknown by gmailapi.google.com with HTTPREST; Tue, 5 Mar 2024 02:15:06 -0800',
    { by: 'gmailapi.google.com', with: 'HTTPREST' },
  ],
  [
    'Yahoo',
    `from sonic301-2.consmr.mail.ne1.yahoo.com by sonic.gate.mail.ne1.yahoo.com with HTTP; Tue, 5 Mar 2024 10:15:07 +0000`,
    {
      name: 'sonic301-2.consmr.mail.ne1.yahoo.com',
      by: 'sonic.gate.mail.ne1.yahoo.com',
      with: 'HTTP',
      tls: false,
    },
  ],
  [
    'Zimbra (Postfix front end, LMTP delivery)',
    'from localhost (localhost [127.0.0.1]) by zimbra.z.example (Postfix) with LMTP id A1B2C3; Tue, 5 Mar 2024 10:15:07 +0000 (UTC)',
    { name: 'localhost', ip: '127.0.0.1', with: 'LMTP', by: 'zimbra.z.example' },
  ],
  [
    'Amazon SES',
    'from a8-30.smtp-out.amazonses.com (a8-30.smtp-out.amazonses.com [54.240.8.30]) by mx.rcpt.example (Postfix) with ESMTPS id 4TqZ; Tue, 5 Mar 2024 10:15:07 +0000 (UTC)',
    { ip: '54.240.8.30', tls: true },
  ],
  [
    'SendGrid',
    'from xtrwkhkc.outbound-mail.sendgrid.net (xtrwkhkc.outbound-mail.sendgrid.net [167.89.0.1]) by mx.rcpt.example with ESMTPS id aBcD; Tue, 05 Mar 2024 10:15:07 +0000 (UTC)',
    { name: 'xtrwkhkc.outbound-mail.sendgrid.net', ip: '167.89.0.1', tls: true },
  ],
  [
    'SendGrid, internal filter hop',
    'by filterdrecv-6b8c9d-abcde with SMTP id filterdrecv-6b8c9d-abcde-1-65E6F0AB-2 2024-03-05 10:15:06.123456 +0000 UTC m=+1234.5',
    { by: 'filterdrecv-6b8c9d-abcde', with: 'SMTP', at: '2024-03-05T10:15:06.000Z' },
  ],
  [
    'Mailgun',
    'from mail-a.mailgun.example (mail-a.mailgun.example [159.135.1.1]) by mx.rcpt.example with ESMTPS id 65e6f0; Tue, 05 Mar 2024 10:15:07 GMT',
    { ip: '159.135.1.1', tls: true, at: '2024-03-05T10:15:07.000Z' },
  ],
  [
    'IIS SMTP',
    'from WEB01 ([10.20.30.40]) by smtp.iis.example with Microsoft SMTPSVC(10.0.17763.1697); Tue, 5 Mar 2024 10:15:07 +0000',
    { name: 'WEB01', ip: '10.20.30.40', by: 'smtp.iis.example', with: 'Microsoft SMTPSVC' },
  ],
];

for (const [title, line, want] of CASES) {
  test(`Received: ${title}`, () => {
    const r = parseReceived(unfold(line));
    assert.ok(r.parsed, 'parsed');
    const got: Record<string, unknown> = {
      name: r.from.name,
      helo: r.from.helo,
      rdns: r.from.rdns,
      ip: r.from.ip,
      by: r.by,
      with: r.with,
      tls: r.tls,
      auth: r.auth,
      id: r.id,
      for: r.for,
      at: r.at,
    };
    for (const [k, v] of Object.entries(want)) assert.deepEqual(got[k], v, `${k} of ${title}`);
  });
}

test('an unreadable Received line is kept raw and marked unparsed', () => {
  const r = parseReceived('!!! nothing to see here');
  assert.equal(r.parsed, false);
  assert.equal(r.raw, '!!! nothing to see here');
});

test('garbage dates give null, not a wrong time', () => {
  for (const d of [
    'yesterday',
    '32 Jan 2024 10:00:00 +0000',
    'Tue, 5 Foo 2024 10:00:00 +0000',
    '5 Mar 2024 25:00:00 +0000',
    '',
  ])
    assert.equal(parseDate(d), null, d);
  assert.equal(parseDate('5 Mar 24 10:00 EST'), '2024-03-05T15:00:00.000Z');
});

test('Exchange build numbers name the product and update', () => {
  assert.equal(exchangeBuild('15.20.7362.19')?.product, 'Exchange Online (Microsoft 365)');
  assert.equal(exchangeBuild('15.2.1544.4')?.update, 'Exchange 2019 CU14');
  assert.equal(exchangeBuild('15.1.2507.39')?.update, 'Exchange 2016 CU23');
  assert.equal(exchangeBuild('15.2.1600.1')?.update, 'Exchange 2019 CU14 or later');
  assert.equal(exchangeBuild('14.3.123.4')?.product, 'Exchange 2010 SP3');
  assert.equal(exchangeBuild('4TqZ3k0Qf1z9sWn'), null);
});

// Authentication results, filter verdicts, the path analysis and the findings, from literal headers.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseAuthResults, parseReceivedSpf } from '../../src/headers/auth-results.js';
import { readHead, readMessages } from '../../src/headers/message.js';
import { buildPath } from '../../src/headers/path.js';
import { toResult } from '../../src/headers/report.js';
import { readVerdicts } from '../../src/headers/verdicts/index.js';
import { parseHeaders } from '../../src/ndr/mime/headers.js';

const ids = (r: { findings: { id: string }[] }) => r.findings.map((f) => f.id).sort();

function result(text: string, trust: string[] = []) {
  const m = readHead(text);
  assert.ok(m);
  return toResult('test', m, trust, null, null);
}

test('Authentication-Results: RFC 8601 form with an authserv-id, comments and quoted values', () => {
  const a = parseAuthResults(
    'mx.rcpt.example; spf=pass (sender SPF authorized) smtp.mailfrom=news.example; dkim=pass (2048-bit key; secure) header.d=example.com header.s=s1 header.b="AbC;d="; dmarc=pass (p=REJECT) header.from=example.com',
    'Authentication-Results',
    0,
  );
  assert.equal(a.authservId, 'mx.rcpt.example');
  assert.deepEqual(
    a.methods.map((m) => [m.method, m.result]),
    [
      ['spf', 'pass'],
      ['dkim', 'pass'],
      ['dmarc', 'pass'],
    ],
  );
  assert.equal(a.methods[1]!.props['header.d'], 'example.com');
  assert.equal(a.methods[1]!.props['header.b'], 'AbC;d=');
  assert.equal(a.methods[0]!.comment, 'sender SPF authorized');
});

test("Authentication-Results: Microsoft's forms without an authserv-id and with 'mx.microsoft.com 1;'", () => {
  const bare = parseAuthResults(
    'spf=fail (sender IP is 192.0.2.1) smtp.mailfrom=x.example; dkim=none (message not signed) header.d=none;dmarc=fail action=oreject header.from=x.example;compauth=fail reason=000',
    'Authentication-Results',
    0,
  );
  assert.equal(bare.authservId, null);
  assert.deepEqual(
    bare.methods.map((m) => m.method),
    ['spf', 'dkim', 'dmarc', 'compauth'],
  );
  assert.equal(bare.methods[2]!.extra.action, 'oreject');
  const arc = parseAuthResults(
    'i=1; mx.microsoft.com 1; spf=pass smtp.mailfrom=x.example; dkim=pass header.d=x.example; arc=none',
    'ARC-Authentication-Results',
    0,
  );
  assert.equal(arc.instance, 1);
  assert.equal(arc.authservId, 'mx.microsoft.com');
  assert.equal(arc.methods.length, 3);
  assert.equal(parseAuthResults('mx.example; none', 'Authentication-Results', 0).methods.length, 0);
});

test('Received-SPF: result, envelope domain and who wrote it', () => {
  const g = parseReceivedSpf(
    'pass (google.com: domain of a@b.example designates 192.0.2.1 as permitted sender) client-ip=192.0.2.1;',
    0,
  );
  assert.equal(g.authservId, 'google.com');
  assert.equal(g.methods[0]!.result, 'pass');
  const p = parseReceivedSpf(
    'Softfail (mailfrom) identity=mailfrom; client-ip=192.0.2.1; helo=h.example; envelope-from=<u@c.example>; receiver=mx.rcpt.example',
    0,
  );
  assert.equal(p.methods[0]!.result, 'softfail');
  assert.equal(p.methods[0]!.props['smtp.mailfrom'], 'c.example');
  assert.equal(p.authservId, 'mx.rcpt.example');
});

test('EOP: X-Forefront-Antispam-Report fields, BCL and the organisation SCL decoded', () => {
  const h = parseHeaders(
    [
      'X-Forefront-Antispam-Report: CIP:192.0.2.7;CTRY:DE;LANG:de;SCL:9;SRV:BULK;IPV:CAL;SFV:SKS;H:mail.bulk.example;PTR:mail.bulk.example;CAT:HPHSH;SFTY:9.25;SFS:(13230031);DIR:INB;',
      'X-Microsoft-Antispam: BCL:8;ARA:123;',
      'X-MS-Exchange-Organization-SCL: -1',
      'X-MS-Exchange-Organization-AuthAs: Internal',
    ].join('\n'),
  );
  const v = readVerdicts(h);
  const get = (header: string, field: string) => v.find((x) => x.header === header && x.field === field);
  assert.match(get('X-Forefront-Antispam-Report', 'SCL')!.meaning, /high confidence spam/);
  assert.equal(get('X-Forefront-Antispam-Report', 'SCL')!.spam, true);
  assert.match(get('X-Forefront-Antispam-Report', 'SFV')!.meaning, /marked as spam before spam filtering/);
  assert.match(get('X-Forefront-Antispam-Report', 'CAT')!.meaning, /high confidence phishing/);
  assert.match(get('X-Forefront-Antispam-Report', 'IPV')!.meaning, /IP Allow List/);
  assert.match(get('X-Forefront-Antispam-Report', 'SRV')!.meaning, /bulk/);
  assert.match(get('X-Forefront-Antispam-Report', 'SFTY')!.meaning, /first contact/);
  assert.match(get('X-Forefront-Antispam-Report', 'CTRY')!.meaning, /DE/);
  assert.match(get('X-Forefront-Antispam-Report', 'DIR')!.meaning, /inbound/);
  assert.match(get('X-Microsoft-Antispam', 'BCL')!.meaning, /many complaints/);
  assert.match(get('X-MS-Exchange-Organization-SCL', '')!.meaning, /skipped/);
  assert.match(get('X-MS-Exchange-Organization-AuthAs', '')!.meaning, /part of the organisation/);
  for (const x of v) assert.ok(x.source.length > 0);
});

test('SpamAssassin, rspamd, Barracuda, Proofpoint, Mimecast, IronPort and Google verdicts', () => {
  const h = parseHeaders(
    [
      'X-Spam-Status: Yes, score=7.3 required=5.0 tests=BAYES_99,HTML_MESSAGE,',
      '\tURIBL_BLOCKED autolearn=no autolearn_force=no version=4.0.0',
      'X-Spamd-Result: default: False [1.40 / 15.00]; R_SPF_ALLOW(-0.20)[+ip4:192.0.2.0/24]; MIME_GOOD(-0.10)[text/plain]; BAD_REP(1.70)[]',
      'X-Rspamd-Action: no action',
      'X-Barracuda-Spam-Status: No, SCORE=0.50 using global scores of TAG_LEVEL=3.5 QUARANTINE_LEVEL=1000.0 KILL_LEVEL=5.0 tests=HTML_MESSAGE',
      'X-Proofpoint-Spam-Details: rule=notspam policy=default score=0 spamscore=0 phishscore=0 bulkscore=12 adultscore=0 classifier=spam adjust=0',
      'X-Mimecast-Impersonation-Protect: Policy=Default;Similar Internal Domain=false;Similar Monitored External Domain=true;Custom External Domain=false;Newly Observed Domain=false;Internal User Name=false;Custom Display Name List=false;Reply-to Address Mismatch=false;Targeted Threat Dictionary=false;Mimecast Threat Dictionary=false;Custom Threat Dictionary=false',
      'X-MC-Unique: abc-123',
      'X-SBRS: -4.2',
      'X-Gm-Spam: 0',
      'X-Gm-Phishy: 1',
    ].join('\n'),
  );
  const v = readVerdicts(h);
  const sa = v.find((x) => x.vendor === 'SpamAssassin')!;
  assert.equal(sa.spam, true);
  assert.match(
    sa.meaning,
    /score 7\.3 against a threshold of 5\.0; rules: BAYES_99, HTML_MESSAGE, URIBL_BLOCKED$/,
  );
  const rs = v.find((x) => x.header === 'X-Spamd-Result')!;
  assert.equal(rs.spam, false);
  assert.match(rs.meaning, /score 1\.40 of 15\.00.*BAD_REP\(1\.7\)/);
  assert.equal(v.find((x) => x.header === 'X-Rspamd-Action')!.spam, false);
  assert.equal(v.find((x) => x.vendor === 'Barracuda')!.spam, false);
  assert.equal(v.find((x) => x.vendor === 'Proofpoint')!.spam, false);
  assert.match(
    v.find((x) => x.header === 'X-Mimecast-Impersonation-Protect')!.meaning,
    /Similar Monitored External Domain/,
  );
  assert.equal(v.find((x) => x.header === 'X-SBRS')!.spam, true);
  assert.equal(v.find((x) => x.header === 'X-Gm-Spam')!.spam, false);
  assert.equal(v.find((x) => x.header === 'X-Gm-Phishy')!.spam, true);
});

const TRIP = `Received: from mx.rcpt.example (10.0.0.2) by store.rcpt.example with LMTP id q1; Tue, 5 Mar 2024 10:40:10 +0000
Received: from mail.sender.example (mail.sender.example [198.51.100.7])
\tby mx.rcpt.example (Postfix) with ESMTP id 4Tq; Tue, 5 Mar 2024 10:40:00 +0000
Received: from [10.9.9.9] (unknown [203.0.113.9]) (Authenticated sender: a@sender.example)
\tby mail.sender.example (Postfix) with ESMTPSA id 1A2; Tue, 5 Mar 2024 10:00:00 +0000
Authentication-Results: mx.rcpt.example; spf=pass smtp.mailfrom=bounce.esp.example; dkim=pass header.d=esp.example; dmarc=fail header.from=sender.example
Authentication-Results: evil.example; spf=pass smtp.mailfrom=sender.example; dmarc=pass header.from=sender.example
From: =?ISO-8859-1?Q?Andr=E9?= <a@sender.example>
Subject: test
`;

test('the path: travel order, delays and shares, the largest gap, the entry hop, a clear-text external hop', () => {
  const r = result(TRIP);
  const hops = r.data.hops;
  assert.deepEqual(
    hops.map((h) => [h.index, h.by, h.delaySeconds]),
    [
      [1, 'mail.sender.example', null],
      [2, 'mx.rcpt.example', 2400],
      [3, 'store.rcpt.example', 10],
    ],
  );
  assert.equal(r.data.totalSeconds, 2410);
  assert.equal(r.data.largestDelayHop, 2);
  assert.equal(r.data.entryHop, 2);
  assert.equal(hops[2]!.internal, true);
  assert.equal(hops[1]!.internal, false);
  assert.equal(r.data.from, 'André <a@sender.example>');
  const delay = r.findings.find((f) => f.id === 'headers.delay')!;
  assert.equal(delay.severity, 'warn');
  assert.match(delay.title, /40m00s on hop 2/);
  assert.match(delay.detail, /greylisting/);
  assert.match(r.findings.find((f) => f.id === 'headers.no-tls-hop')!.title, /hop 2/);
  // Without --trust, the topmost Authentication-Results (the final receiver's) is judged.
  const dmarc = r.findings.find((f) => f.id === 'headers.dmarc-fail')!;
  assert.match(dmarc.detail, /SPF pass for bounce\.esp\.example \(not aligned\)/);
  assert.match(dmarc.detail, /DKIM pass d=esp\.example \(not aligned\)/);
  assert.match(dmarc.detail, /approximated/);
  // --trust picks the named writer and labels the other one untrusted.
  const t = result(TRIP, ['evil.example']);
  assert.ok(!t.findings.some((f) => f.id === 'headers.dmarc-fail'));
  assert.equal(t.data.auth.find((e) => e.authservId === 'mx.rcpt.example')!.trusted, false);
});

test('clock skew is info, not a delay; missing Received lines and garbage dates still give an answer', () => {
  const skew =
    result(`Received: from a.example (a.example [192.0.2.1]) by b.example with ESMTPS id 2; Tue, 5 Mar 2024 09:59:00 +0000
Received: from c.example (c.example [192.0.2.2]) by a.example with ESMTPS id 1; Tue, 5 Mar 2024 10:00:00 +0000
From: x@a.example
`);
  assert.deepEqual(ids(skew), ['headers.clock-skew', 'headers.ok']);
  // The last stamp is earlier than the first: no transit time can be told, and none is shown
  // ("in -1m00s") or graphed (a negative headers_transit_seconds).
  assert.equal(skew.data.totalSeconds, null);
  assert.ok(!skew.metrics?.some((m) => m.name === 'headers_transit_seconds'));
  assert.doesNotMatch(skew.findings.find((f) => f.id === 'headers.ok')!.title, / in -/);
  const none = result('From: x@a.example\nSubject: hi\n');
  assert.deepEqual(ids(none), ['headers.ok']);
  assert.equal(none.data.hops.length, 0);
  const garbage = result(`Received: from a.example by b.example with ESMTPS; not a date at all
Received: from c.example by a.example with ESMTPS; 99 Smarch 20xx
From: x@a.example
`);
  assert.deepEqual(
    garbage.data.hops.map((h) => h.at),
    [null, null],
  );
  assert.equal(garbage.data.totalSeconds, null);
});

test('a spam verdict becomes headers.spam-verdict naming the filter', () => {
  const r = result('From: x@a.example\nX-Forefront-Antispam-Report: SCL:5;SFV:SPM;CAT:SPM;\n');
  const f = r.findings.find((x) => x.id === 'headers.spam-verdict')!;
  assert.match(f.title, /Exchange Online Protection/);
  assert.match(f.detail, /Junk Email/);
});

test('input: CRLF, folding, 8-bit bytes, leading blank lines, and an mbox of several messages', () => {
  const crlf = Buffer.from(
    '\r\n\r\nReceived: from a.example\r\n by b.example with ESMTPS; Tue, 5 Mar 2024 10:00:00 +0000\r\nSubject: caf\xe9\r\n\r\nbody\r\n',
    'latin1',
  );
  const [m] = readMessages(crlf);
  assert.ok(m);
  assert.equal(buildPath(m.headers.getAll('received')).hops[0]!.by, 'b.example');
  assert.equal(m.headers.text('subject'), 'café');
  assert.equal(m.hasBody, true);
  const mbox = Buffer.from(
    'From a@x Tue Mar  5 10:00:00 2024\nReceived: by one.example with SMTP; Tue, 5 Mar 2024 10:00:00 +0000\nFrom: a@x\n\nhi\n\nFrom b@x Tue Mar  5 10:00:00 2024\nReceived: by two.example with SMTP; Tue, 5 Mar 2024 10:00:00 +0000\nFrom: b@x\n\nho\n',
  );
  const all = readMessages(mbox);
  assert.equal(all.length, 2);
  assert.equal(all[1]!.headers.get('received')!.includes('two.example'), true);
  assert.equal(readHead('just some words\n'), null);
});

test('a Gmail-delivered message sent through an ESP: entry at mx.google.com, no clear-text warning for an API hop', () => {
  const r = result(`Received: by 2002:a05:7300:5c8c:b0:d2:1b5a:8f0e with SMTP id b12csp1234567dyb;
        Tue, 5 Mar 2024 02:15:08 -0800 (PST)
Received: from o1.em.shop.example (o1.em.shop.example. [192.0.2.50])
        by mx.google.com with ESMTPS id d9si1234567pjd.123.2024.03.05.02.15.07
        for <bob@gmail.com>
        (version=TLS1_3 cipher=TLS_AES_128_GCM_SHA256 bits=128/128);
        Tue, 05 Mar 2024 02:15:08 -0800 (PST)
Received-SPF: pass (google.com: domain of bounce@em.shop.example designates 192.0.2.50 as permitted sender) client-ip=192.0.2.50;
Received: by filterdrecv-5d9b8-xyz with SMTP id filterdrecv-5d9b8-xyz-1-65E6F0AB-3
        2024-03-05 10:15:06.889 +0000 UTC m=+555.1
Received: from shop-app01 (unknown) by geopod-ismtpd-3 (SG) with HTTP id abcDEF
        Tue, 05 Mar 2024 10:15:06.700 +0000 (UTC)
From: Shop <news@shop.example>
`);
  assert.equal(r.data.entryHop, 3);
  assert.deepEqual(
    r.data.hops.map((h) => h.internal),
    [true, true, false, true],
  );
  assert.equal(r.data.hops[1]!.at, '2024-03-05T10:15:06.000Z');
  assert.ok(!r.findings.some((f) => f.id === 'headers.no-tls-hop'));
  // Received-SPF alone: the envelope domain comes from Google's comment, and it aligns with From:.
  assert.equal(r.data.alignment.spfDomain, 'em.shop.example');
  assert.equal(r.data.alignment.aligned, true);
});

test("Outlook's preamble line before pasted headers is skipped; bulk alone is an info verdict", () => {
  const r = result(
    'Microsoft Mail Internet Headers Version 2.0\nReceived: by a.example with SMTP; Tue, 5 Mar 2024 10:00:00 +0000\nFrom: x@a.example\nX-Microsoft-Antispam: BCL:8;\n',
  );
  assert.equal(r.data.hops.length, 1);
  const f = r.findings.find((x) => x.id === 'headers.spam-verdict')!;
  assert.equal(f.severity, 'info');
  assert.match(f.title, /bulk/);
});

test('a gap of weeks is a clock problem, not a delay; a DMARC failure after forwarding names the ARC sets that passed', () => {
  const r =
    result(`Received: from relay.list.example (relay.list.example [192.0.2.9]) by mx.rcpt.example with ESMTPS id 2; Tue, 26 Mar 2024 10:00:00 +0000
Received: from mail.a.example (mail.a.example [192.0.2.1]) by relay.list.example with ESMTPS id 1; Tue, 5 Mar 2024 10:00:00 +0000
Authentication-Results: mx.rcpt.example; spf=pass smtp.mailfrom=list.example; dkim=fail header.d=a.example; dmarc=fail header.from=a.example
ARC-Authentication-Results: i=1; relay.list.example; spf=pass smtp.mailfrom=a.example; dkim=pass header.d=a.example; dmarc=pass header.from=a.example
From: x@a.example
`);
  assert.ok(!r.findings.some((f) => f.id === 'headers.delay'));
  assert.match(r.findings.find((f) => f.id === 'headers.clock-skew')!.title, /longer than any mail queue/);
  assert.match(r.findings.find((f) => f.id === 'headers.dmarc-fail')!.detail, /i=1 by relay\.list\.example/);
  assert.equal(r.metrics?.find((m) => m.name === 'headers_transit_seconds')?.value, 21 * 24 * 3600);
});

test('with --trust, an untrusted Received-SPF is not used for alignment either', () => {
  const r = result(
    'Received-SPF: fail (x.example: domain of a@b.example does not designate 192.0.2.1 as permitted sender) receiver=x.example;\nFrom: a@b.example\n',
    ['mx.mine.example'],
  );
  assert.equal(r.data.alignment.spfResult, null);
  assert.ok(!r.findings.some((f) => f.id === 'headers.spf-fail'));
  const untrusting = result(
    'Received-SPF: fail (x.example: domain of a@b.example does not designate 192.0.2.1 as permitted sender) receiver=x.example;\nFrom: a@b.example\n',
  );
  assert.equal(untrusting.findings.find((f) => f.id === 'headers.spf-fail')?.severity, 'fail');
});

test('SCL 7 is not an EOP value; an unreadable Received line becomes headers.unparsed and a raw row', () => {
  const v = readVerdicts(parseHeaders('X-MS-Exchange-Organization-SCL: 7'));
  assert.match(v[0]!.meaning, /not used by EOP/);
  const r = result('Received: !!! junk that is no trace line\nFrom: x@a.example\n');
  assert.equal(r.findings.find((f) => f.id === 'headers.unparsed')?.severity, 'info');
  assert.match(r.tables![0]!.rows[0]![1]!, /^\(unparsed\) !!! junk/);
});

test('a reported DMARC fail whose recorded identities pass and align is not explained as "nothing aligns"', () => {
  const r = result(
    [
      'Authentication-Results: mx.rcpt.example; spf=pass smtp.mailfrom=example.org; dkim=fail header.d=example.org; dmarc=fail header.from=example.org',
      'From: alice@example.org',
      'To: bob@rcpt.example',
      '',
      '',
    ].join('\n'),
  );
  const dmarc = r.findings.find((f) => f.id === 'headers.dmarc-fail')!;
  assert.doesNotMatch(dmarc.detail, /No identifier both passes and aligns/);
  assert.match(dmarc.detail, /reported DMARC fail, yet the identities it recorded pass and align/);
  assert.match(dmarc.detail, /SPF pass for example\.org \(aligned\)/);
});

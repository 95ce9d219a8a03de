// Profiles as data: detection from greetings, verb comparison, masking firewalls.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compareVerbs, looksMasked, offers } from '../../src/checks/ehlo/compare.js';
import { detectProfile, PROFILES } from '../../src/checks/ehlo/profiles.js';
import { verbMeaning } from '../../src/checks/ehlo/verbs.js';
import { parseExtensionLine } from '../../src/smtp/extensions.js';
import { addressLiteral } from '../../src/smtp/helo-name.js';

const ext = (...lines: string[]) => lines.map(parseExtensionLine);

test('greetings pick profiles', () => {
  const cases: [string, string][] = [
    [
      '220 corp.northwindtraders.com Microsoft ESMTP MAIL Service, Version: 5.0.2195.1600 ready at Tue, 5 Sep 2002',
      'exchange2000',
    ],
    [
      '220 mail.contoso.com Microsoft ESMTP MAIL Service, Version: 6.0.3790.3959 ready at  Mon, 1 Jan 2007',
      'exchange2000',
    ],
    [
      '220 EX01.contoso.com Microsoft ESMTP MAIL Service ready at Sat, 28 Nov 2026 06:00:00 +0000',
      'exchange',
    ],
    [
      '220 AM0PR01MB1234.eurprd01.prod.outlook.com Microsoft ESMTP MAIL Service ready at Sat, 28 Nov 2026',
      'exchange-online',
    ],
    ['220 mx.example.org ESMTP Postfix (Debian/GNU)', 'postfix'],
    ['220 mx.example.org ESMTP Exim 4.96', 'generic'],
  ];
  for (const [banner, profile] of cases) assert.equal(detectProfile(banner).profile, profile, banner);
  assert.match(detectProfile(cases[0]![0]).reason, /Windows 2000/);
});

test('every profile verb has a reason, and each profile says what missing verbs mean and what to do', () => {
  for (const p of Object.values(PROFILES)) {
    assert.ok(p.missingMeaning && p.missingFix && p.ref, p.id);
    for (const v of p.verbs) assert.ok(v.why, `${p.id} ${v.verb}`);
  }
});

test('verb matching: keyword, parameters, aliases, case', () => {
  const list = ext('X-EXPS GSSAPI NTLM', 'auth login plain', 'X-EXCH50');
  assert.ok(offers(list, 'X-EXPS'));
  assert.ok(offers(list, 'X-EXPS GSSAPI'));
  assert.ok(!offers(list, 'X-EXPS LOGIN'));
  assert.ok(offers(list, 'AUTH PLAIN'));
  const cmp = compareVerbs(list, PROFILES.exchange2000!);
  assert.deepEqual(cmp.missing, ['X-LINK2STATE']);
  assert.deepEqual(
    cmp.optionalMissing.map((r) => r.verb),
    ['X-EXPS=LOGIN'],
  );
});

test('--expect entries are required and de-duplicated', () => {
  const cmp = compareVerbs(ext('PIPELINING'), PROFILES.generic!, ['SMTPUTF8', 'smtputf8', 'PIPELINING']);
  assert.deepEqual(cmp.missing, ['SMTPUTF8']);
  assert.deepEqual(cmp.present, ['PIPELINING']);
});

test('a firewall masking the conversation is recognised', () => {
  assert.ok(looksMasked('220 ****************************', []));
  assert.ok(looksMasked('220 mx ESMTP', ext('XXXXXXXA', 'PIPELINING')));
  assert.ok(!looksMasked('220 mx ESMTP', ext('XEXCH50', 'X-LINK2STATE')));
});

test('verb meanings and address literals', () => {
  assert.match(verbMeaning('XEXCH50'), /Table 6/);
  assert.match(verbMeaning('x-something'), /Vendor/);
  assert.equal(addressLiteral('192.0.2.1'), '[192.0.2.1]');
  assert.equal(addressLiteral('::ffff:192.0.2.1'), '[192.0.2.1]');
  assert.equal(addressLiteral('2001:db8::1'), '[IPv6:2001:db8::1]');
});

test('a customised banner: a vendor verb in the EHLO reply still picks the profile', () => {
  const d = detectProfile('220 mail.example.com ready', ['PIPELINING', 'X-LINK2STATE']);
  assert.equal(d.profile, 'exchange2000');
  assert.match(d.reason, /X-LINK2STATE/);
  assert.equal(detectProfile('220 mail.example.com ready', ['X-ANONYMOUSTLS']).profile, 'exchange');
  assert.equal(detectProfile('220 mail.example.com ready', ['PIPELINING']).profile, 'generic');
});

// --user without --auth: the mechanism is the first of mailflow's order that the server lists;
// the orders are data (src/send/auth-choice.ts), and nothing unlisted is chosen.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AUTO_ORDER, chooseMechanism, describeChoice } from '../../src/send/auth-choice.js';

test('the orders: a token gets OAUTHBEARER then XOAUTH2; a password PLAIN first under TLS, CRAM-MD5 first without', () => {
  assert.deepEqual(AUTO_ORDER, {
    token: ['OAUTHBEARER', 'XOAUTH2'],
    tls: ['PLAIN', 'LOGIN', 'CRAM-MD5'],
    clear: ['CRAM-MD5', 'PLAIN', 'LOGIN'],
  });
});

test('the first of the order that the server lists, in any case, whatever order it lists them in', () => {
  const cases: [string[], 'password' | 'token', boolean, string | undefined][] = [
    [['LOGIN', 'PLAIN', 'CRAM-MD5'], 'password', true, 'PLAIN'],
    [['LOGIN', 'PLAIN', 'CRAM-MD5'], 'password', false, 'CRAM-MD5'],
    [['login', 'plain'], 'password', false, 'PLAIN'],
    [['LOGIN', 'XOAUTH2'], 'password', true, 'LOGIN'],
    [['CRAM-MD5'], 'password', true, 'CRAM-MD5'],
    [['LOGIN', 'PLAIN', 'XOAUTH2', 'OAUTHBEARER'], 'token', true, 'OAUTHBEARER'],
    [['LOGIN', 'PLAIN', 'XOAUTH2'], 'token', true, 'XOAUTH2'],
    // Nothing the credential can use: no choice (a token never goes to PLAIN, a password never to XOAUTH2).
    [['LOGIN', 'PLAIN'], 'token', true, undefined],
    [['XOAUTH2'], 'password', true, undefined],
    [['GSSAPI', 'NTLM'], 'password', true, undefined],
    [[], 'password', true, undefined],
  ];
  for (const [offered, credential, tls, want] of cases)
    assert.equal(
      chooseMechanism(offered, credential, tls).mechanism,
      want,
      `${offered.join(' ')} ${credential} tls=${tls}`,
    );
});

test('the transcript note names the choice, the order and what the server offers', () => {
  const offered = ['LOGIN', 'PLAIN', 'CRAM-MD5'];
  assert.equal(
    describeChoice(chooseMechanism(offered, 'password', true), offered),
    "AUTH PLAIN chosen: the first of PLAIN, LOGIN, CRAM-MD5 (mailflow's order for a password under TLS) that the server offers (it offers LOGIN PLAIN CRAM-MD5)",
  );
  assert.equal(
    describeChoice(chooseMechanism(['GSSAPI', 'NTLM'], 'password', false), ['GSSAPI', 'NTLM']),
    "no AUTH mechanism chosen: the server offers none of CRAM-MD5, PLAIN, LOGIN (mailflow's order for a password without TLS); it offers GSSAPI NTLM",
  );
});

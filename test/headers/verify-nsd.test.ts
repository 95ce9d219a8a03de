// DKIM re-verification and ARC validation against keys served by a real NSD on loopback: messages
// signed in the test (valid, body changed, header changed, key missing; ARC sealed, then broken).
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { sealMessage } from 'mailauth/lib/arc/index.js';
import { dkimSign } from 'mailauth/lib/dkim/sign.js';
import { createResolver } from '../../src/dns/index.js';
import { readHead } from '../../src/headers/message.js';
import { toResult } from '../../src/headers/report.js';
import { verifyMessage } from '../../src/headers/verify.js';
import { runCli } from '../helpers/cli.js';
import { type NsdInstance, skipNsd, startNsd, zoneText } from '../helpers/nsd.js';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const PRIV = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const PUB = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
const txt = (s: string) => (s.match(/.{1,200}/g) ?? []).map((c) => `"${c}"`).join(' ');

const ZONE = zoneText(
  'test',
  `s1._domainkey.sign   TXT ${txt(`v=DKIM1; k=rsa; p=${PUB}`)}
arc1._domainkey.fwd   TXT ${txt(`v=DKIM1; k=rsa; p=${PUB}`)}`,
);

const MESSAGE = [
  'From: Alice <alice@sign.test>',
  'To: bob@rcpt.test',
  'Subject: signed in the test',
  'Date: Tue, 5 Mar 2024 10:00:00 +0000',
  'Message-ID: <1@sign.test>',
  '',
  'Hello Bob,',
  'this body is signed.',
  '',
].join('\r\n');

async function sign(msg: string, selector = 's1'): Promise<string> {
  const r = await dkimSign(msg, {
    signatureData: [{ signingDomain: 'sign.test', selector, privateKey: PRIV }],
  } as never);
  return r.signatures + msg;
}

describe('DKIM and ARC against NSD', { skip: skipNsd() }, () => {
  let nsd: NsdInstance;
  before(async () => {
    nsd = await startNsd([{ name: 'test', text: ZONE }]);
  });
  after(async () => {
    await nsd?.stop();
  });
  const resolver = () => createResolver({ server: nsd.server, timeoutMs: 3000 });

  test('a valid signature passes', async () => {
    const v = await verifyMessage(Buffer.from(await sign(MESSAGE)), resolver());
    assert.deepEqual(
      v.dkim.map((d) => [d.domain, d.selector, d.result]),
      [['sign.test', 's1', 'pass']],
    );
  });

  test('a changed body fails with the body hash named, and becomes headers.dkim-fail', async () => {
    const signed = (await sign(MESSAGE)).replace('this body is signed.', 'this body was changed.');
    const v = await verifyMessage(Buffer.from(signed), resolver());
    assert.notEqual(v.dkim[0]!.result, 'pass');
    assert.match(v.dkim[0]!.comment ?? '', /body hash/);
    const r = toResult('t', readHead(signed)!, [], v, null);
    assert.match(
      r.findings.find((f) => f.id === 'headers.dkim-fail')!.title,
      /sign\.test.*verified again now/,
    );
  });

  test('a changed signed header fails', async () => {
    const signed = (await sign(MESSAGE)).replace('Subject: signed in the test', 'Subject: tampered');
    const v = await verifyMessage(Buffer.from(signed), resolver());
    assert.equal(v.dkim[0]!.result, 'fail');
  });

  test('a selector without a published key is not a pass', async () => {
    const v = await verifyMessage(Buffer.from(await sign(MESSAGE, 'nokey')), resolver());
    assert.notEqual(v.dkim[0]!.result, 'pass');
    assert.match(v.dkim[0]!.comment ?? '', /key|no/i);
  });

  test('an ARC seal validates, and breaks when the body changes after sealing', async () => {
    const signed = await sign(MESSAGE);
    const seal = await sealMessage(signed, {
      signingDomain: 'fwd.test',
      selector: 'arc1',
      privateKey: PRIV,
      i: 1,
      cv: 'none',
      authResults: 'mx.fwd.test; dkim=pass header.d=sign.test',
    } as never);
    const sealed = seal.toString() + signed;
    const ok = await verifyMessage(Buffer.from(sealed), resolver());
    assert.equal(ok.arc.result, 'pass');
    const broken = sealed.replace('this body is signed.', 'footer added by a list');
    const bad = await verifyMessage(Buffer.from(broken), resolver());
    assert.equal(bad.arc.result, 'fail');
    const r = toResult('t', readHead(broken)!, [], bad, null);
    assert.ok(r.findings.some((f) => f.id === 'headers.arc-broken'));
  });

  test('the CLI verifies through --dns, and --offline skips it', async () => {
    const signed = await sign(MESSAGE);
    const on = await runCli(['headers', '--json', '--dns', nsd.server, '-'], { input: signed });
    const o = JSON.parse(on.stdout.trim().split('\n')[0]!);
    assert.equal(o.data.verification.dkim[0].result, 'pass');
    const off = await runCli(['headers', '--json', '--offline', '-'], { input: signed });
    const f = JSON.parse(off.stdout.trim().split('\n')[0]!);
    assert.equal(f.data.verification, null);
    assert.match(f.findings[0].detail, /--offline/);
  });
});

// DANE end to end: a scripted validating resolver (sets AD) publishes TLSA for an exchanger
// whose STARTTLS certificate comes from a private CA. Matching, mismatch and unsigned answers.
import assert from 'node:assert/strict';
import { createHash, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import * as packet from 'dns-packet';
import { createCa, type ServerCert, type TestCa } from '../helpers/ca.js';
import { jsonLines, runCli } from '../helpers/cli.js';
import { type FakeDns, reply, startFakeDns } from '../helpers/fake-dns.js';
import { type FakeServer, replay, startFakeSmtp } from '../helpers/fake-smtp.js';

const ids = (r: { findings: { id: string }[] }) => r.findings.map((f) => f.id);
const sev = (r: { findings: { id: string; severity: string }[] }, id: string) =>
  r.findings.find((f) => f.id === id)?.severity;

describe('mailflow check: DANE against a validating resolver', () => {
  let ca: TestCa;
  let cert: ServerCert;
  let smtp: FakeServer;
  let dns: FakeDns;
  /** What the resolver says about TLSA: the record's data and whether AD is set. */
  let tlsa: { data: Buffer; ad: boolean };

  before(async () => {
    ca = createCa('dane e2e CA');
    cert = ca.issue(['mx.dane.test']);
    const spki = new X509Certificate(readFileSync(cert.certFile)).publicKey.export({
      type: 'spki',
      format: 'der',
    });
    const good = createHash('sha256').update(spki).digest();
    tlsa = { data: good, ad: true };
    smtp = await startFakeSmtp(
      replay({
        greeting: '220 mx.dane.test ESMTP',
        ehlo: ['mx.dane.test', 'PIPELINING', '8BITMIME', 'OK'],
        tls: { cert: readFileSync(cert.certFile), key: readFileSync(cert.keyFile) },
      }),
    );
    dns = await startFakeDns((q) => {
      const rr = (type: string, data: unknown) => [
        { name: q.name, type, ttl: 60, class: 'IN', data } as packet.Answer,
      ];
      if (q.name === 'dane.test' && q.type === 'MX')
        return [reply(q, { answers: rr('MX', { preference: 10, exchange: 'mx.dane.test' }) })];
      if (q.name === 'mx.dane.test' && q.type === 'A') return [reply(q, { answers: rr('A', '127.0.0.1') })];
      if (q.name === `_${smtp.port}._tcp.mx.dane.test` && q.type === 'TLSA') {
        return [
          reply(q, {
            answers: rr('TLSA', { usage: 3, selector: 1, matchingType: 1, certificate: tlsa.data }),
            flags: tlsa.ad ? packet.AUTHENTIC_DATA : 0,
          }),
        ];
      }
      return [reply(q, { rcode: q.name.endsWith('dane.test') ? 0 : 3 })];
    });
  });
  after(async () => {
    await smtp?.close();
    await dns?.stop();
    ca?.cleanup();
  });

  const check = () =>
    runCli([
      'check',
      'dane.test',
      '--json',
      '--only',
      'tls',
      '--only',
      'dane',
      '--dns',
      dns.server,
      '--port',
      String(smtp.port),
      '--timeout',
      '3',
    ]);

  /** Run the check: DANE must report `daneId`, tls.cert-untrusted have `certSeverity`, the exit be `code`. */
  async function expectDane(daneId: string, certSeverity: string, code: number) {
    const r = await check();
    const [res] = jsonLines(r.stdout);
    assert.ok(res, `no result; exit ${r.code}: ${r.stderr}`);
    assert.ok(ids(res).includes(daneId), `${ids(res).join(' ')} ${r.stderr}`);
    assert.equal(sev(res, 'tls.cert-untrusted'), certSeverity);
    assert.equal(r.code, code);
  }

  it('a matching DANE-EE record authenticates the private certificate', async () => {
    tlsa = { ...tlsa, ad: true };
    // The chain does not verify to a public CA, but DANE authenticates it: only info.
    await expectDane('dane.ok', 'info', 0);
  });

  it('a mismatching record fails, and so does the untrusted certificate', async () => {
    const saved = tlsa;
    tlsa = { data: Buffer.alloc(32, 7), ad: true };
    try {
      await expectDane('dane.mismatch', 'fail', 2);
    } finally {
      tlsa = saved;
    }
  });

  it('without the AD flag, DANE does not apply', async () => {
    tlsa = { ...tlsa, ad: false };
    try {
      await expectDane('dane.unsigned', 'info', 1);
    } finally {
      tlsa = { ...tlsa, ad: true };
    }
  });
});

// DANE TLSA matching against real certificates from a private CA, and the STARTTLS policy
// (WebPKI problems are info on port 25 unless MTA-STS enforce or DANE requires authentication).
import assert from 'node:assert/strict';
import { createHash, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { type DaneInput, daneFindings } from '../../src/checks/dane/index.js';
import { matchChain, type Tlsa } from '../../src/checks/dane/match.js';
import { starttlsFindings, type TlsObservation, type TlsPolicyContext } from '../../src/checks/tls/index.js';
import { createCa, type TestCa } from '../helpers/ca.js';

const der = (file: string) => Buffer.from(new X509Certificate(readFileSync(file)).raw);
const spki = (d: Buffer) =>
  new X509Certificate(d).publicKey.export({ type: 'spki', format: 'der' }) as Buffer;
const sha = (alg: string, b: Buffer) => createHash(alg).update(b).digest();
const ids = (fs: { id: string }[]) => fs.map((f) => f.id).sort();

describe('DANE TLSA matching', () => {
  let ca: TestCa;
  let leaf: Buffer;
  let caDer: Buffer;
  before(() => {
    ca = createCa('dane test CA');
    leaf = der(ca.issue(['mx.example.test']).certFile);
    caDer = der(ca.caFile);
  });
  after(() => ca?.cleanup());

  it('DANE-EE matches the leaf by key or certificate, each matching type', () => {
    const recs: Tlsa[] = [
      { usage: 3, selector: 1, matchingType: 1, data: sha('sha256', spki(leaf)) },
      { usage: 3, selector: 0, matchingType: 2, data: sha('sha512', leaf) },
      { usage: 3, selector: 0, matchingType: 0, data: leaf },
      { usage: 3, selector: 1, matchingType: 1, data: sha('sha256', spki(caDer)) },
    ];
    assert.deepEqual(
      matchChain(recs, [leaf, caDer], 'other.example').map((v) => v.matched),
      [true, true, true, false],
    );
  });

  it('DANE-TA matches an issuer in the chain and requires the MX name', () => {
    const ta: Tlsa = { usage: 2, selector: 1, matchingType: 1, data: sha('sha256', spki(caDer)) };
    assert.equal(matchChain([ta], [leaf, caDer], 'mx.example.test')[0]!.matched, true);
    const wrongName = matchChain([ta], [leaf, caDer], 'mx.other.test')[0]!;
    assert.equal(wrongName.matched, false);
    assert.match(wrongName.reason!, /not for mx\.other\.test/);
    assert.equal(matchChain([ta], [leaf], 'mx.example.test')[0]!.matched, false);
  });

  it('PKIX usages and bad lengths are unusable', () => {
    const v = matchChain(
      [
        { usage: 1, selector: 0, matchingType: 1, data: sha('sha256', leaf) },
        { usage: 3, selector: 1, matchingType: 1, data: Buffer.alloc(5) },
      ],
      [leaf],
      'mx.example.test',
    );
    assert.deepEqual(
      v.map((x) => x.usable),
      [false, false],
    );
  });

  it('findings: ok, mismatch, unsigned, unusable, no TLS, none', () => {
    const good: Tlsa = { usage: 3, selector: 1, matchingType: 1, data: sha('sha256', spki(leaf)) };
    const bad: Tlsa = { usage: 3, selector: 1, matchingType: 1, data: Buffer.alloc(32) };
    const inp = (host: string, records: Tlsa[], ad: boolean, tls?: DaneInput['tls']): DaneInput => ({
      host,
      port: 25,
      tlsa: { outcome: records.length ? 'ok' : 'nodata', ad, records },
      ...(tls ? { tls } : {}),
    });
    const tls = { offered: true, ok: true, chain: [leaf, caDer] };
    const r = daneFindings([
      inp('a.example.test', [good], true, tls),
      inp('b.example.test', [bad], true, tls),
      inp('c.example.test', [good], false, tls),
      inp('d.example.test', [{ ...good, usage: 1 }], true, tls),
      inp('e.example.test', [good], true, { offered: false, ok: false, chain: [] }),
    ]);
    assert.deepEqual(ids(r.findings), [
      'dane.mismatch',
      'dane.no-tls',
      'dane.ok',
      'dane.unsigned',
      'dane.unusable',
    ]);
    assert.deepEqual(
      r.hosts.map((h) => h.applies),
      [true, true, false, false, true],
    );
    assert.deepEqual(ids(daneFindings([inp('a.example.test', [], false)]).findings), ['dane.none']);
    // Validated TLSA but no TLS session (exchanger unreachable): unproven, not silent.
    assert.deepEqual(ids(daneFindings([inp('f.example.test', [good], true)]).findings), ['dane.unverified']);
    // No exchanger looked up at all (e.g. the MX lookup failed): no false "DANE not deployed".
    assert.deepEqual(ids(daneFindings([]).findings), []);
  });
});

describe('STARTTLS policy', () => {
  const base: TlsObservation = {
    host: 'mx.example.test',
    offered: true,
    handshake: { ok: true, protocol: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384' },
    cert: {
      subject: 'CN=other',
      san: ['other.example'],
      issuer: 'CN=private',
      validTo: '2030-01-01T00:00:00.000Z',
      daysLeft: 400,
      trusted: false,
      trustError: 'SELF_SIGNED_CERT_IN_CHAIN',
      nameOk: false,
    },
  };
  const ctx = (req?: 'mta-sts' | 'dane', daneOk = false): TlsPolicyContext => ({
    requirement: () => req,
    daneMatched: () => daneOk,
    warnDays: 21,
    critDays: 7,
    thresholdsExplicit: false,
  });
  const sev = (fs: { id: string; severity: string }[]) =>
    Object.fromEntries(fs.map((f) => [f.id, f.severity]));

  it('WebPKI failures are info when TLS is opportunistic', () => {
    assert.deepEqual(sev(starttlsFindings(base, ctx())), {
      'tls.cert-name': 'info',
      'tls.cert-untrusted': 'info',
      'tls.ok': 'ok',
    });
  });
  it('and fail under MTA-STS enforce or unmatched DANE', () => {
    assert.deepEqual(sev(starttlsFindings(base, ctx('mta-sts'))), {
      'tls.cert-name': 'fail',
      'tls.cert-untrusted': 'fail',
    });
    assert.deepEqual(sev(starttlsFindings(base, ctx('dane'))), {
      'tls.cert-name': 'fail',
      'tls.cert-untrusted': 'fail',
    });
    assert.equal(sev(starttlsFindings(base, ctx('dane', true)))['tls.cert-name'], 'info');
  });
  it('not offered, handshake failure, old protocol, expiry', () => {
    assert.equal(sev(starttlsFindings({ ...base, offered: false }, ctx()))['tls.not-offered'], 'warn');
    assert.equal(
      sev(starttlsFindings({ ...base, offered: false }, ctx('mta-sts')))['tls.not-offered'],
      'fail',
    );
    assert.equal(
      sev(starttlsFindings({ ...base, handshake: { ok: false, error: 'wrong version number' } }, ctx()))[
        'tls.handshake-failed'
      ],
      'warn',
    );
    const good = { ...base.cert!, trusted: true, nameOk: true };
    assert.equal(
      sev(starttlsFindings({ ...base, handshake: { ok: true, protocol: 'TLSv1' }, cert: good }, ctx()))[
        'tls.old-version'
      ],
      'warn',
    );
    assert.equal(
      sev(starttlsFindings({ ...base, cert: { ...good, daysLeft: -3 } }, ctx()))['tls.cert-expired'],
      'info',
    );
    assert.equal(
      sev(starttlsFindings({ ...base, cert: { ...good, daysLeft: 5 } }, ctx('mta-sts')))['tls.cert-expiring'],
      'fail',
    );
    assert.equal(
      sev(starttlsFindings({ ...base, cert: { ...good, daysLeft: 10 } }, ctx('mta-sts')))[
        'tls.cert-expiring'
      ],
      'warn',
    );
    assert.equal(
      sev(starttlsFindings({ ...base, cert: { ...good, daysLeft: 10 } }, ctx()))['tls.cert-expiring'],
      'info',
    );
    assert.deepEqual(ids(starttlsFindings({ ...base, cert: good }, ctx())), ['tls.ok']);
  });
});

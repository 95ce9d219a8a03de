// DANE with real DNSSEC: a zone signed by ldns-signzone, served by a private NSD and validated by a
// private Unbound (trust anchor = the zone's DS), publishing TLSA for a private Postfix's key.
// The AD flag here comes from an actual validation, not from a scripted resolver.
import assert from 'node:assert/strict';
import { createHash, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { jsonLines, runCli } from '../helpers/cli.js';
import { type NsdInstance, nsdMissing, startNsd, zoneText } from '../helpers/nsd.js';
import { type PostfixInstance, serversMissing, startPostfix } from '../helpers/postfix.js';
import { skipUnlessPresent } from '../helpers/require-servers.js';
import { signZone, startUnbound, type UnboundInstance, unboundMissing } from '../helpers/unbound.js';

const ZONE = 'dane.test';

/** SHA-256 of the DER SubjectPublicKeyInfo of the certificate Postfix presents (TLSA 3 1 1). */
function postfixKeyDigest(pf: PostfixInstance): string {
  const mainCf = readFileSync(join(pf.dir, 'main.cf'), 'utf8');
  const certFile = /^smtpd_tls_cert_file\s*=\s*(\S+)/m.exec(mainCf)?.[1];
  assert.ok(certFile, 'smtpd_tls_cert_file missing from the private main.cf');
  const spki = new X509Certificate(readFileSync(certFile)).publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(spki).digest('hex');
}

const BAD = 'ab'.repeat(32);
/** bogus.dane.test's TLSA digest when signed; replaced afterwards, so its RRSIG no longer verifies. */
const SIGNED = 'cd'.repeat(32);
const FORGED = 'ef'.repeat(32);

/**
 * dane.test's exchanger has the right TLSA, bad.dane.test's a wrong one, bogus.dane.test's a forged
 * one. TLSA sits at `_25._tcp` (what senders ask) and at `_<port>._tcp`, because `check --port N`
 * looks up `_N._tcp`.
 */
function records(port: number, good: string): string {
  const tlsa = (host: string, digest: string) =>
    [25, port].map((p) => `_${p}._tcp.${host}  TLSA  3 1 1 ${digest}`).join('\n');
  return [
    '@        MX    10 mx',
    'mx       A     127.0.0.1',
    tlsa('mx', good),
    'bad      MX    10 mx.bad',
    'mx.bad   A     127.0.0.1',
    tlsa('mx.bad', BAD),
    'bogus    MX    10 mx.bogus',
    'mx.bogus A     127.0.0.1',
    tlsa('mx.bogus', SIGNED),
  ].join('\n');
}

const skip = skipUnlessPresent(serversMissing() ?? nsdMissing() ?? unboundMissing());

describe('mailflow check: DANE through a real DNSSEC-validating resolver', { skip }, () => {
  let pf: PostfixInstance | undefined;
  let nsd: NsdInstance | undefined;
  let unbound: UnboundInstance | undefined;

  before(async () => {
    pf = await startPostfix();
    const signed = signZone(ZONE, zoneText(ZONE, records(pf.port, postfixKeyDigest(pf))));
    const forged = signed.text.replace(new RegExp(SIGNED, 'gi'), FORGED);
    assert.notEqual(forged, signed.text, 'the bogus TLSA records were not found in the signed zone');
    nsd = await startNsd([{ name: ZONE, text: forged }]);
    unbound = await startUnbound({ zone: ZONE, stubAddr: `127.0.0.1@${nsd.port}`, trustAnchor: signed.ds });
  });
  after(async () => {
    await Promise.all([unbound?.stop(), nsd?.stop(), pf?.stop()]);
  });

  /** `check <domain> --only dane` against `dns`; the one result and the exit code. */
  async function check(domain: string, dns: string) {
    const r = await runCli(
      [
        'check',
        domain,
        '--only',
        'dane',
        '--dns',
        dns,
        '--port',
        String(pf!.port),
        '--ca',
        pf!.caFile,
        '--json',
        '--timeout',
        '5',
      ],
      { timeoutMs: 60_000 },
    );
    const [res] = jsonLines(r.stdout);
    const why = `exit ${r.code}: ${r.stderr}\n${r.stdout}\n--- unbound\n${unbound?.logs().slice(-3000)}`;
    assert.ok(res, why);
    const ids: string[] = res.findings.map((f: { id: string }) => f.id);
    return { res, ids, code: r.code, why: `${ids.join(' ')}; ${why}` };
  }

  it('a validated, matching DANE-EE record: dane.ok with AD seen', async () => {
    const { res, ids, code, why } = await check(ZONE, unbound!.server);
    assert.ok(ids.includes('dane.ok'), why);
    const host = res.data.dane.find((h: { host: string }) => h.host === 'mx.dane.test');
    assert.ok(host, why);
    assert.equal(host.ad, true, why);
    assert.equal(host.applies, true, why);
    assert.equal(host.matched, true, why);
    assert.equal(code, 0, why);
  });

  it('a validated record with the wrong digest: dane.mismatch, exit 2', async () => {
    const { res, ids, code, why } = await check(`bad.${ZONE}`, unbound!.server);
    const f = res.findings.find((x: { id: string }) => x.id === 'dane.mismatch');
    assert.ok(f, why);
    assert.ok(!ids.includes('dane.ok'), why);
    assert.equal(f.severity, 'fail', why);
    assert.equal(res.data.dane[0].ad, true, why);
    assert.equal(code, 2, why);
  });

  it('a TLSA record whose signature does not verify: dane.dns-error, exit 3', async () => {
    // Unbound answers SERVFAIL for bogus data; a DANE sender defers rather than sending in clear.
    const { res, ids, code, why } = await check(`bogus.${ZONE}`, unbound!.server);
    assert.ok(ids.includes('dane.dns-error'), why);
    assert.ok(!ids.includes('dane.ok') && !ids.includes('dane.mismatch'), why);
    assert.equal(
      res.findings.find((x: { id: string }) => x.id === 'dane.dns-error').severity,
      'unknown',
      why,
    );
    assert.equal(code, 3, why);
  });

  it('the same signed zone straight from NSD (no validation, no AD): dane.unsigned', async () => {
    const { res, ids, code, why } = await check(ZONE, nsd!.server);
    assert.ok(ids.includes('dane.unsigned'), why);
    assert.ok(!ids.includes('dane.ok'), why);
    assert.equal(res.data.dane[0].ad, false, why);
    assert.equal(code, 1, why);
  });
});

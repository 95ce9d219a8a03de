// The DNS client against a real NSD on loopback: outcomes, CNAMEs, TCP fallback, resolveTarget,
// and DNS-over-HTTPS through a loopback endpoint in front of the same NSD.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { createResolver, resolveTarget } from '../../src/dns/index.js';
import { createCa, type TestCa } from '../helpers/ca.js';
import { jsonLines, runCli } from '../helpers/cli.js';
import { answerValues } from '../helpers/dns-answers.js';
import { startDohProxy } from '../helpers/fake-dns.js';
import { type NsdInstance, skipNsd, startNsd } from '../helpers/nsd.js';

describe('DNS client against NSD', { skip: skipNsd() }, () => {
  let nsd: NsdInstance;
  before(async () => {
    nsd = await startNsd(undefined, { ipv6: true });
  });
  after(() => nsd?.stop());

  test('outcomes: ok, nxdomain, nodata, refused; flags and TTLs reported', async () => {
    const r = createResolver({ server: nsd.server, timeoutMs: 2000 });
    const ok = await r.query('ok.mailflow.test', 'MX');
    assert.equal(ok.outcome, 'ok');
    assert.equal(ok.flags.aa, true);
    assert.equal(ok.ttl, 300);
    assert.equal(ok.server, nsd.server);
    assert.equal((await r.query('missing.mailflow.test', 'A')).outcome, 'nxdomain');
    const nodata = await r.query('bare.mailflow.test', 'MX');
    assert.equal(nodata.outcome, 'nodata');
    assert.equal(nodata.ttl, 60, 'negative TTL from the SOA minimum');
    assert.equal((await r.query('not-served.example.org', 'MX')).outcome, 'refused');
  });

  test('thousands of questions at once: every one answered, sockets rotated without loss', async () => {
    const r = createResolver({ server: nsd.server, timeoutMs: 5000, concurrency: 128 });
    const names = Array.from({ length: 3000 }, (_, i) => `n${i}.mailflow.test`);
    const out = await Promise.all(names.map((n) => r.query(n, 'A')));
    assert.deepEqual([...new Set(out.map((a) => a.outcome))], ['nxdomain']);
    assert.equal(r.sent, 3000);
    assert.deepEqual(
      out.slice(0, 3).map((a) => a.name),
      names.slice(0, 3),
    );
  });

  test('exchanger addresses from an authoritative additional section: no A/AAAA questions', async () => {
    const r = createResolver({ server: nsd.server, timeoutMs: 2000 });
    const mx = await r.mx('ok.mailflow.test');
    assert.deepEqual(
      mx.exchangers.map((e) => [e.host, e.addresses, e.source]),
      [
        ['mx1.ok.mailflow.test', ['127.0.0.11'], 'additional'],
        ['mx2.ok.mailflow.test', ['127.0.0.12', '::1'], 'additional'],
      ],
    );
    // NSD added A and AAAA alike (RFC 3596 §3), so mx1's missing AAAA is known without asking.
    assert.equal(r.sent, 1);
    // The same addresses as asking directly.
    assert.equal((await r.query('mx1.ok.mailflow.test', 'AAAA')).outcome, 'nodata');
  });

  test('an IPv6 server address works ([::1]:port)', async () => {
    const r = createResolver({ server: `[::1]:${nsd.port}`, timeoutMs: 2000 });
    const mx = await r.mx('ok.mailflow.test');
    assert.equal(mx.outcome, 'ok');
    assert.equal(mx.server, `[::1]:${nsd.port}`);
  });

  test('CNAME chains are followed and reported, also into another zone', async () => {
    const r = createResolver({ server: nsd.server, timeoutMs: 2000 });
    const a = await r.query('crosszone.mailflow.test', 'A');
    assert.equal(a.outcome, 'ok');
    assert.deepEqual(a.cnameChain, ['mx1.public.mailflow-lab.net']);
    assert.deepEqual(answerValues(a), ['93.184.216.10']);
  });

  test('an over-size answer: UDP truncated, TCP completes it', async () => {
    const r = createResolver({ server: nsd.server, timeoutMs: 2000 });
    const big = await r.query('big.mailflow.test', 'MX');
    assert.equal(big.transport, 'tcp');
    assert.equal(big.flags.tc, true);
    assert.equal(big.answers.length, 30);
  });

  test('resolveTarget: domain with MX, host, IP literal, null MX, NXDOMAIN, refused', async () => {
    const r = createResolver({ server: nsd.server, timeoutMs: 2000 });
    const dom = await resolveTarget(r, 'ok.mailflow.test');
    assert.equal(dom.kind, 'domain');
    assert.deepEqual(
      dom.servers.map((s) => [s.host, s.preference, s.addresses]),
      [
        ['mx1.ok.mailflow.test', 10, ['127.0.0.11']],
        ['mx2.ok.mailflow.test', 20, ['127.0.0.12', '::1']],
      ],
    );
    const v6 = await resolveTarget(r, 'ok.mailflow.test', { family: 6 });
    assert.deepEqual(
      v6.servers.map((s) => s.addresses),
      [[], ['::1']],
    );
    const host = await resolveTarget(r, 'mx1.ok.mailflow.test');
    assert.equal(host.kind, 'host');
    assert.deepEqual(host.servers[0]!.addresses, ['127.0.0.11']);
    const ip = await resolveTarget(r, '[::1]');
    assert.equal(ip.kind, 'ip');
    assert.deepEqual(ip.servers[0]!.addresses, ['::1']);
    const nul = await resolveTarget(r, 'null.mailflow.test');
    assert.equal(nul.nullMx, true);
    assert.equal(nul.servers.length, 0);
    assert.notEqual(nul.outcome, 'ok');
    const nx = await resolveTarget(r, 'missing.mailflow.test');
    assert.equal(nx.outcome, 'nxdomain');
    assert.match(nx.error ?? '', /does not exist/);
    const refused = await resolveTarget(r, 'mail.example.org');
    assert.equal(refused.outcome, 'refused');
  });

  test('DoH over loopback HTTP: the same answers, transport doh', async (t) => {
    const doh = await startDohProxy({ host: nsd.host, port: nsd.port });
    t.after(() => doh.stop());
    const r = createResolver({ server: doh.url, timeoutMs: 2000 });
    const mx = await r.mx('ok.mailflow.test');
    assert.equal(mx.outcome, 'ok');
    assert.equal(mx.answer.transport, 'doh');
    assert.equal(mx.server, doh.url);
    assert.equal(mx.exchangers.length, 2);
    assert.ok(doh.requests >= 1);
  });

  test('DoH falls back to GET when the endpoint refuses POST', async (t) => {
    const doh = await startDohProxy({ host: nsd.host, port: nsd.port }, undefined, { getOnly: true });
    t.after(() => doh.stop());
    const r = createResolver({ server: doh.url, timeoutMs: 2000 });
    const a = await r.query('mx1.ok.mailflow.test', 'A');
    assert.equal(a.outcome, 'ok');
    assert.deepEqual(answerValues(a), ['127.0.0.11']);
  });

  describe('DoH over HTTPS with a private CA', () => {
    let ca: TestCa;
    before(() => {
      ca = createCa('mailflow DoH test CA');
    });
    after(() => ca?.cleanup());

    test('trusted via NODE_EXTRA_CA_CERTS: mx works end to end', async (t) => {
      const doh = await startDohProxy({ host: nsd.host, port: nsd.port }, ca.issue(['localhost']));
      t.after(() => doh.stop());
      const run = await runCli(['mx', '--json', '--dns', doh.url, 'ok.mailflow.test'], {
        env: { NODE_EXTRA_CA_CERTS: ca.caFile },
      });
      const [res] = jsonLines(run.stdout);
      assert.equal(res.data.server, doh.url);
      assert.equal(res.data.transport, 'doh');
      assert.deepEqual(
        res.findings.map((f: { id: string }) => f.id),
        ['mx.ok'],
      );
    });

    test('an untrusted certificate is dns.error, not an answer', async (t) => {
      const doh = await startDohProxy({ host: nsd.host, port: nsd.port }, ca.issue(['localhost']));
      t.after(() => doh.stop());
      const run = await runCli(['mx', '--json', '--dns', doh.url, 'ok.mailflow.test']);
      const [res] = jsonLines(run.stdout);
      assert.equal(res.findings[0].id, 'dns.error');
      assert.match(res.findings[0].detail, /certificate/i);
      assert.equal(run.code, 3);
    });
  });
});

test('a DoH endpoint sending errors or non-DNS bodies gives error/malformed outcomes', async (t) => {
  const server = createServer((req, res) => {
    req.resume();
    if (req.url === '/fail') res.writeHead(500).end('oops');
    else if (req.url === '/html') res.writeHead(200, { 'content-type': 'text/html' }).end('<html>');
    else if (req.url === '/huge')
      res.writeHead(200, { 'content-type': 'application/dns-message' }).end(Buffer.alloc(200_000));
    else
      res.writeHead(200, { 'content-type': 'application/dns-message' }).end(Buffer.from('garbage!garbage!'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const addr = server.address();
  const base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  const ask = (path: string) =>
    createResolver({ server: `${base}${path}`, timeoutMs: 2000 }).query('x.example', 'A');
  const fail = await ask('/fail');
  assert.equal(fail.outcome, 'error');
  assert.match(fail.error ?? '', /HTTP 500/);
  assert.equal((await ask('/html')).outcome, 'malformed');
  assert.equal((await ask('/dns-query')).outcome, 'malformed');
  const huge = await ask('/huge');
  assert.equal(huge.outcome, 'malformed');
  assert.match(huge.error ?? '', /larger than any DNS message/);
});

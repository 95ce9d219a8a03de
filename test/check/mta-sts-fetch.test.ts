// The MTA-STS policy fetch against a loopback HTTPS server: the certificate must be valid
// for mta-sts.<domain> and trusted, only HTTP 200 counts, size and time are limited.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { fetchPolicy } from '../../src/checks/mta-sts/fetch.js';
import { createCa, type TestCa } from '../helpers/ca.js';
import { type HttpsServer, startHttpsServer } from '../helpers/https-server.js';

describe('MTA-STS policy fetch', () => {
  let ca: TestCa;
  let good: HttpsServer;
  let wrongName: HttpsServer;
  let caPem: string;
  const resolve = async () => [{ address: '127.0.0.1', family: 4 as const }];

  before(async () => {
    ca = createCa('fetch test CA');
    caPem = readFileSync(ca.caFile, 'utf8');
    good = await startHttpsServer(ca.issue(['mta-sts.good.test']));
    good.set('mta-sts.good.test', {
      body: 'version: STSv1\r\nmode: testing\r\nmx: mx.good.test\r\nmax_age: 86400\r\n',
    });
    wrongName = await startHttpsServer(ca.issue(['www.good.test']));
    wrongName.set('mta-sts.good.test', { body: 'version: STSv1\r\n' });
  });
  after(async () => {
    await good?.close();
    await wrongName?.close();
    ca?.cleanup();
  });

  it('fetches a policy over HTTPS from mta-sts.<domain>', async () => {
    const r = await fetchPolicy('good.test', { port: good.port, ca: caPem, timeoutMs: 3000, resolve });
    assert.equal(r.ok, true, r.error);
    assert.match(r.body!, /mode: testing/);
    assert.equal(good.requests.at(-1)?.host, 'mta-sts.good.test');
  });

  it('refuses a certificate for another name, or from an untrusted CA', async () => {
    const named = await fetchPolicy('good.test', {
      port: wrongName.port,
      ca: caPem,
      timeoutMs: 3000,
      resolve,
    });
    assert.equal(named.problem, 'tls', named.error);
    const untrusted = await fetchPolicy('good.test', { port: good.port, timeoutMs: 3000, resolve });
    assert.equal(untrusted.problem, 'tls', untrusted.error);
  });

  it('HTTP errors, unresolvable names and silence are distinct problems', async () => {
    good.set('mta-sts.gone.test', { status: 404 });
    const nf = await fetchPolicy('good.test', {
      port: good.port,
      ca: caPem,
      timeoutMs: 3000,
      resolve: async () => [],
    });
    assert.equal(nf.problem, 'dns', nf.error);
    good.set('mta-sts.good.test', { status: 500, body: 'oops' });
    const status = await fetchPolicy('good.test', { port: good.port, ca: caPem, timeoutMs: 3000, resolve });
    assert.deepEqual([status.problem, status.status], ['status', 500]);
    good.set('mta-sts.good.test', { hang: true });
    const silent = await fetchPolicy('good.test', { port: good.port, ca: caPem, timeoutMs: 500, resolve });
    assert.equal(silent.problem, 'timeout', silent.error);
  });
});

// What DNS can make mailflow do is bounded: the first exchangers by preference, the first
// addresses of each, one connection per distinct address (real NSD, a scripted server).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { MX_LIMITS } from '../../src/dns/mx.js';
import { jsonLines, runCli } from '../helpers/cli.js';
import { faults, startFakeSmtp } from '../helpers/fake-smtp.js';
import { type NsdInstance, skipNsd, startNsd, zoneText } from '../helpers/nsd.js';

const MANY = 30;
const lines = [
  // many.test: 30 exchangers, all on 127.0.0.1 (one tarpit behind them all).
  ...Array.from({ length: MANY }, (_, i) => `many MX ${i} mx${i}.many`),
  ...Array.from({ length: MANY }, (_, i) => `mx${i}.many A 127.0.0.1`),
  // wide.test: one exchanger with 25 addresses.
  'wide MX 10 mx.wide',
  ...Array.from({ length: 25 }, (_, i) => `mx.wide A 127.0.1.${i + 1}`),
];
const ZONE = zoneText('limits.test', `${lines.join('\n')}\n`);

describe('MX limits', { skip: skipNsd() }, () => {
  let nsd: NsdInstance;
  before(async () => {
    nsd = await startNsd([{ name: 'limits.test', text: ZONE }]);
  });
  after(async () => {
    await nsd?.stop();
  });

  it('mx: the first exchangers by preference, and mx.truncated says the rest were not checked', async () => {
    const r = await runCli(['mx', 'many.limits.test', '--json', '--no-ptr', '--dns', nsd.server]);
    const [res] = jsonLines(r.stdout);
    assert.equal(res.data.exchangers.length, MX_LIMITS.exchangers);
    assert.equal(res.data.exchangers[0].host, 'mx0.many.limits.test');
    const t = res.findings.find((f: { id: string }) => f.id === 'mx.truncated');
    assert.ok(t, r.stdout);
    assert.equal(t.severity, 'warn');
    assert.match(t.title, /30 exchangers are published; only the first 10 by preference were checked/);
  });

  it('mx: at most 10 addresses per exchanger (mx.truncated, info)', async () => {
    const r = await runCli(['mx', 'wide.limits.test', '--json', '--no-ptr', '--dns', nsd.server]);
    const [res] = jsonLines(r.stdout);
    assert.equal(res.data.exchangers[0].addresses.length, MX_LIMITS.addressesPerHost);
    const t = res.findings.find((f: { id: string }) => f.id === 'mx.truncated');
    assert.equal(t?.severity, 'info', r.stdout);
    assert.match(t.title, /15 address\(es\) beyond the first 10/);
  });

  it('probe: exchangers sharing one address cost one connection, each still reported', {
    timeout: 60_000,
  }, async () => {
    const tarpit = await startFakeSmtp(faults.noGreeting());
    try {
      const r = await runCli([
        'probe',
        'many.limits.test',
        '--json',
        ...['--dns', nsd.server, '--port', String(tarpit.port), '--timeout', '1'],
      ]);
      const [res] = jsonLines(r.stdout);
      assert.equal(tarpit.connections, 1, 'one connection for one distinct address');
      assert.equal(res.data.results.length, MX_LIMITS.exchangers);
      assert.ok(res.findings.some((f: { id: string }) => f.id === 'mx.truncated'));
    } finally {
      await tarpit.close();
    }
  });
});

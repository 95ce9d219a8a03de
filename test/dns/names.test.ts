// Names a reply can carry that have no usable answer, against a real NSD: CNAME loops, chains
// longer than any resolver follows, and an exchanger whose single label holds dots. None of
// them may be reported as "no MX records" (mx.none) or as a working exchanger (mx.ok).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createResolver } from '../../src/dns/index.js';
import { jsonLines, runCli } from '../helpers/cli.js';
import { type NsdInstance, skipNsd, startNsd, zoneText } from '../helpers/nsd.js';

const hops = Array.from({ length: 50 }, (_, i) => `hop${i + 1} CNAME ${i === 49 ? 'end' : `hop${i + 2}`}`);

const ZONE = zoneText(
  'names.test',
  [
    // A loop back to the domain asked, and one that closes further along.
    'loop   CNAME loop2',
    'loop2  CNAME loop3',
    'loop3  CNAME loop',
    'lasso  CNAME ring1',
    'ring1  CNAME ring2',
    'ring2  CNAME ring1',
    // 50 aliases, then a domain with an MX record.
    ...hops,
    'end    MX 10 mx',
    'mx     A 127.0.0.9',
    // A short chain still works.
    'short  CNAME end',
    // One label 'mail1.example.test' (zone syntax escapes the dots), next to the three-label
    // name that would be looked up by mistake, which exists.
    'dotted MX 10 mail1\\.example\\.test',
    'mail1.example.test  A 127.0.0.10',
    'via    CNAME mail1\\.example\\.test',
  ].join('\n'),
);

type Finding = { id: string; severity: string; title: string; detail: string; fix: string };

describe('names with no usable answer, against NSD', { skip: skipNsd() }, () => {
  let nsd: NsdInstance;
  before(async () => {
    nsd = await startNsd([{ name: 'names.test', text: ZONE }]);
  });
  after(() => nsd?.stop());

  async function mx(domain: string): Promise<Finding[]> {
    const run = await runCli(['mx', '--json', '--no-ptr', '--dns', nsd.server, '--timeout', '3', domain]);
    return jsonLines(run.stdout)[0].findings;
  }

  test('a CNAME loop is a DNS error naming the loop, not "no MX records"', async () => {
    for (const [domain, path] of [
      ['loop.names.test', 'loop.names.test → loop2.names.test → loop3.names.test → loop.names.test'],
      ['lasso.names.test', 'ring1.names.test → ring2.names.test → ring1.names.test'],
    ]) {
      const findings = await mx(domain!);
      assert.deepEqual(
        findings.map((f) => `${f.id}:${f.severity}`),
        ['dns.error:unknown'],
        domain,
      );
      assert.match(findings[0]!.detail, /CNAME loop/);
      // The server answered: the finding blames the zone, not the server or the network.
      assert.match(findings[0]!.title, /cannot be used/);
      assert.doesNotMatch(findings[0]!.title, /did not answer/);
      assert.match(findings[0]!.fix, /CNAME chain/);
      assert.ok(findings[0]!.detail.includes(path!), findings[0]!.detail);
    }
  });

  test('a chain of 50 aliases is a DNS error naming the length limit; a short one still works', async () => {
    const findings = await mx('hop1.names.test');
    assert.deepEqual(
      findings.map((f) => `${f.id}:${f.severity}`),
      ['dns.error:unknown'],
    );
    assert.match(findings[0]!.detail, /more than 16 aliases/);
    const r = createResolver({ server: nsd.server, timeoutMs: 3000 });
    const short = await r.mx('short.names.test');
    assert.equal(short.outcome, 'ok');
    assert.deepEqual(short.cnameChain, ['end.names.test']);
    // Bounded: the chain is followed to the limit and no further.
    const sent = r.sent;
    const long = await r.query('hop1.names.test', 'A');
    assert.equal(long.outcome, 'error');
    assert.ok(r.sent - sent <= 17, `asked ${r.sent - sent} questions`);
  });

  test('an exchanger whose one label holds dots is refused, not looked up as another name', async () => {
    const findings = await mx('dotted.names.test');
    const ids = findings.map((f) => f.id);
    assert.ok(!ids.includes('mx.ok'), ids.join());
    const err = findings.find((f) => f.id === 'dns.error');
    assert.ok(err, ids.join());
    assert.match(err.detail, /cannot be a host name: its label 'mail1\.example\.test' has a dot inside it/);
    assert.match(err.title, /cannot be used/);
    assert.doesNotMatch(err.fix, /reachable/);
    const r = createResolver({ server: nsd.server, timeoutMs: 3000 });
    const lookup = await r.mx('dotted.names.test');
    assert.equal(lookup.exchangers[0]!.host, 'mail1\\.example\\.test.names.test');
    assert.deepEqual(lookup.exchangers[0]!.addresses, []);
    // As a CNAME target it is shown escaped: NSD says that one-label name does not exist.
    const via = await r.query('via.names.test', 'A');
    assert.equal(via.outcome, 'nxdomain');
    assert.deepEqual(via.cnameChain, ['mail1\\.example\\.test.names.test']);
  });
});

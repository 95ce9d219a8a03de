// `mailflow mx` end to end: the built CLI against a private NSD serving test/fixtures/dns.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { jsonLines, runCli } from '../helpers/cli.js';
import { reply, startFakeDns } from '../helpers/fake-dns.js';
import { type NsdInstance, skipNsd, startNsd } from '../helpers/nsd.js';

/** Domain → the finding ids (with severity) the spec requires. */
const EXPECTED: Record<string, string[]> = {
  'ok.mailflow.test': ['mx.ok:ok'],
  'public.mailflow-lab.net': ['mx.ok:ok'],
  'missing.mailflow.test': ['mx.nxdomain:fail'],
  'bare.mailflow.test': ['mx.none:warn'],
  'empty.mailflow.test': ['mx.none:warn'],
  'null.mailflow.test': ['mx.null:fail'],
  'nullplus.mailflow.test': ['mx.null:fail'],
  'cname.mailflow.test': ['mx.cname:fail'],
  'literal.mailflow.test': ['mx.ip-literal:fail'],
  'partial.mailflow.test': ['mx.unresolvable:warn'],
  'dead.mailflow.test': ['mx.unresolvable:fail'],
  'dup.mailflow.test': ['mx.duplicate-address:warn', 'mx.ok:ok'],
  'mailflow-lab.net': ['mx.private-address:warn', 'mx.ok:ok'],
  'private.mailflow.test': ['mx.ok:ok'],
  'single.mailflow.test': ['mx.single:info', 'mx.ok:ok'],
  'noptr.mailflow.test': ['mx.no-ptr:warn', 'mx.ok:ok'],
  'mismatch.mailflow.test': ['mx.ptr-mismatch:warn', 'mx.ok:ok'],
  'elsewhere.example.org': ['dns.error:unknown'],
};

const ids = (r: { findings: { id: string; severity: string }[] }) =>
  r.findings.map((f) => `${f.id}:${f.severity}`).sort();

describe('mailflow mx against NSD', { skip: skipNsd() }, () => {
  let nsd: NsdInstance;
  before(async () => {
    nsd = await startNsd();
  });
  after(() => nsd?.stop());

  test('every finding id, one JSON line per domain, in input order', async () => {
    const domains = Object.keys(EXPECTED);
    const run = await runCli(['mx', '--json', '--dns', nsd.server, '--timeout', '3', ...domains]);
    const results = jsonLines(run.stdout);
    assert.deepEqual(
      results.map((r) => r.target),
      domains,
    );
    for (const r of results) assert.deepEqual(ids(r), EXPECTED[r.target]!.sort(), r.target);
    assert.equal(run.code, 2, 'a proven failure (fail) outranks dns.error (unknown)');
    for (const r of results) {
      for (const f of r.findings) {
        assert.ok(f.ref, `${f.id} cites a source`);
        if (f.severity !== 'ok') assert.ok(f.fix, `${f.id} says how to fix it`);
      }
    }
  });

  test('questions are asked once per run: shared exchangers and repeated domains cost nothing more', async () => {
    const args = ['mx', '--json', '-v', '--dns', nsd.server];
    const run = await runCli([...args, 'ok.mailflow.test', 'single.mailflow.test', 'ok.mailflow.test']);
    // ok: MX (A and AAAA came in its additional section) and 3 PTRs; single: its MX only,
    // its exchanger's address is ok's mx1 (PTR already asked); ok again: nothing.
    assert.match(run.stderr, /5 DNS questions for 3 domains/);
    // Metrics hold timings; everything else must match.
    const [ok, single, again] = jsonLines(run.stdout).map(({ metrics: _, ...r }) => r);
    assert.deepEqual(again, ok);
    const alone = jsonLines((await runCli([...args, 'single.mailflow.test'])).stdout).map(
      ({ metrics: _, ...r }) => r,
    );
    assert.deepEqual(single, alone[0], 'the same findings and data as when asked alone');
  });

  test('JSON data: exchangers sorted with addresses, cname, PTR; implicit and null MX', async () => {
    const run = await runCli([
      'mx',
      '--json',
      '--server',
      nsd.server,
      'ok.mailflow.test',
      'cname.mailflow.test',
      'bare.mailflow.test',
      'null.mailflow.test',
      'aliasdomain.mailflow.test',
    ]);
    const [ok, cname, bare, nul, alias] = jsonLines(run.stdout);
    assert.equal(ok.data.domain, 'ok.mailflow.test');
    assert.equal(ok.data.server, nsd.server);
    assert.equal(ok.data.implicit, false);
    assert.equal(ok.data.nullMx, false);
    assert.equal(ok.data.authoritative, true);
    assert.deepEqual(
      ok.data.exchangers.map(
        (e: { preference: number; host: string; addresses: string[]; cname: string | null }) => [
          e.preference,
          e.host,
          e.addresses,
          e.cname,
        ],
      ),
      [
        [10, 'mx1.ok.mailflow.test', ['127.0.0.11'], null],
        [20, 'mx2.ok.mailflow.test', ['127.0.0.12', '::1'], null],
      ],
    );
    assert.deepEqual(
      ok.data.exchangers[1].ptr.map((p: { address: string; names: string[]; confirmed: boolean }) => [
        p.address,
        p.names,
        p.confirmed,
      ]),
      [
        ['127.0.0.12', ['mx2.ok.mailflow.test'], true],
        ['::1', ['mx2.ok.mailflow.test'], true],
      ],
    );
    assert.equal(cname.data.exchangers[0].cname, 'mx1.ok.mailflow.test');
    assert.equal(bare.data.implicit, true);
    assert.deepEqual(bare.data.exchangers[0].addresses, ['127.0.0.20']);
    assert.deepEqual(bare.findings[0].data.fallbackAddresses, ['127.0.0.20']);
    assert.equal(nul.data.nullMx, true);
    assert.deepEqual(nul.data.exchangers, []);
    assert.deepEqual(alias.data.cnameChain, ['ok.mailflow.test']);
    assert.equal(alias.data.exchangers.length, 2);
  });

  test('an answer too big for UDP is fetched over TCP', async () => {
    const run = await runCli(['mx', '--json', '--dns', nsd.server, '--no-ptr', 'big.mailflow.test']);
    const [big] = jsonLines(run.stdout);
    assert.equal(big.data.transport, 'tcp');
    // 30 published; mailflow diagnoses the first 10 by preference and says so (mx.truncated).
    assert.equal(big.data.exchangers.length, 10);
    assert.ok(big.findings.some((f: { id: string }) => f.id === 'mx.truncated'));
    assert.equal(big.data.exchangers[0].preference, 1);
  });

  test('exit codes follow the worst finding', async () => {
    const code = async (d: string) => (await runCli(['mx', '--dns', nsd.server, d])).code;
    assert.equal(await code('ok.mailflow.test'), 0);
    assert.equal(await code('single.mailflow.test'), 0);
    assert.equal(await code('partial.mailflow.test'), 1);
    assert.equal(await code('null.mailflow.test'), 2);
    assert.equal(await code('elsewhere.example.org'), 3);
  });

  test('--file: one result per line in file order, comments skipped, after arguments', async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'mailflow-mx-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'domains.txt');
    writeFileSync(
      file,
      '# mail domains\nnull.mailflow.test\n\n  ok.mailflow.test   # main\nuser@Single.Mailflow.Test.\n',
    );
    const run = await runCli(['mx', '--json', '--dns', nsd.server, 'dup.mailflow.test', '--file', file]);
    assert.deepEqual(
      jsonLines(run.stdout).map((r) => r.target),
      ['dup.mailflow.test', 'null.mailflow.test', 'ok.mailflow.test', 'single.mailflow.test'],
      run.stderr,
    );
    assert.equal(run.code, 2);
    const stdin = await runCli(['mx', '--json', '--dns', nsd.server, '--file', '-'], {
      input: 'ok.mailflow.test\n',
    });
    assert.equal(jsonLines(stdin.stdout)[0]?.target, 'ok.mailflow.test', stdin.stderr);
  });

  test('human output: nslookup-like exchanger table and the findings', async () => {
    const run = await runCli(['mx', '--dns', nsd.server, 'mismatch.mailflow.test']);
    assert.match(
      run.stdout,
      /Mail exchangers for mismatch\.mailflow\.test \(server 127\.0\.0\.1:\d+, authoritative/,
    );
    assert.match(run.stdout, /mx\.mismatch\.mailflow\.test/);
    assert.match(run.stdout, /elsewhere\.mailflow\.test/);
    assert.match(run.stdout, /mx\.ptr-mismat/);
    assert.equal(run.stderr, '');
  });

  test('an ordinary MX answer is a table at 80 columns, not stacked', async () => {
    for (const domain of ['ok.mailflow.test', 'single.mailflow.test', 'noptr.mailflow.test']) {
      const run = await runCli(['mx', '--dns', nsd.server, domain], { env: { COLUMNS: '80' } });
      assert.match(run.stdout, /^│ Pref │ Exchanger +│ Address +│ PTR +│ FCrDNS │$/m, run.stdout);
      assert.doesNotMatch(run.stdout, /^Exchanger:/m);
      for (const line of run.stdout.split('\n')) assert.ok(line.length <= 80, line);
    }
  });

  test('-4 and -6 limit the addresses reported', async () => {
    const v6 = await runCli(['mx', '--json', '-6', '--dns', nsd.server, 'ok.mailflow.test']);
    const [r] = jsonLines(v6.stdout);
    assert.deepEqual(
      r.data.exchangers.map(
        (e: { preference: number; host: string; addresses: string[]; cname: string | null }) => e.addresses,
      ),
      [[], ['::1']],
    );
    assert.ok(ids(r).includes('mx.unresolvable:warn'));
  });
});

describe('mailflow mx usage and DNS failures', () => {
  test('usage errors exit 3 with one line', async () => {
    for (const args of [
      ['mx'],
      ['mx', 'bad..name'],
      ['mx', 'x.test', '--dns', 'http://dns.example/dns-query'],
      ['mx', 'x.test', '--dns', '127.0.0.1:1', '--server', '127.0.0.1:2'],
      ['mx', '--file', '/nonexistent/domains.txt'],
      ['mx', 'x.test', '--concurrency', '0'],
    ]) {
      const run = await runCli(args);
      assert.equal(run.code, 3, args.join(' '));
      assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
    }
  });

  test('dns.error names the server and the outcome (SERVFAIL, timeout)', async (t) => {
    const fake = await startFakeDns((q) => (q.name.startsWith('sf.') ? [reply(q, { rcode: 2 })] : []));
    t.after(() => fake.stop());
    const run = await runCli([
      'mx',
      '--json',
      '--dns',
      fake.server,
      '--timeout',
      '0.5',
      'sf.example',
      'quiet.example',
    ]);
    const [sf, quiet] = jsonLines(run.stdout);
    assert.deepEqual(ids(sf), ['dns.error:unknown']);
    assert.match(sf.findings[0].title, new RegExp(fake.server.replace(/\./g, '\\.')));
    assert.equal(sf.findings[0].data.failures[0].outcome, 'servfail');
    assert.equal(quiet.findings[0].data.failures[0].outcome, 'timeout');
    assert.equal(run.code, 3);
  });

  test('a list against a dead DNS server ends in one timeout, not one per domain', async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'mailflow-mx-dead-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const list = join(dir, 'domains.txt');
    writeFileSync(list, Array.from({ length: 300 }, (_, i) => `d${i}.example`).join('\n'));
    // Closed port: ICMP port unreachable ends every lookup at once.
    const closed = await startFakeDns(() => []);
    await closed.stop();
    // Silent server: a little concurrency, so that without giving up 300 domains would need
    // 150 rounds of 0.5 s; with it, a few rounds and the rest answered at once.
    const silent = await startFakeDns(() => []);
    t.after(() => silent.stop());
    for (const [server, outcome] of [
      [closed.server, /port unreachable/],
      [silent.server, /answered none|no reply/],
    ] as const) {
      const run = await runCli(
        ['mx', '--json', '--dns', server, '--timeout', '0.5', '--concurrency', '2', '--file', list],
        { timeoutMs: 30_000 },
      );
      const results = jsonLines(run.stdout);
      assert.equal(results.length, 300);
      for (const r of results) {
        assert.deepEqual(ids(r), ['dns.error:unknown']);
        assert.match(r.findings[0].detail, outcome);
      }
      assert.equal(run.code, 3);
    }
    assert.ok(new Set(silent.queries.map((q) => q.name)).size <= 6, 'a silent server is not asked 300 times');
  });
});

// `mailflow blocklist` end to end: the built CLI against NSD on loopback serving test blocklist
// zones (test/blocklist/zones.ts). Every question goes to 127.0.0.1 (--dns); --zone names the lists.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { jsonLines, runCli } from '../helpers/cli.js';
import { reply, startFakeDns } from '../helpers/fake-dns.js';
import { type NsdInstance, skipNsd, startNsd } from '../helpers/nsd.js';
import { BLOCKLIST_ZONES } from './zones.js';

const ZONES = [
  'zen',
  'dbl',
  'minor.bl.test',
  'everything.bl.test',
  'silent.bl.test',
  'rewrite.bl.test',
  'domains.bl.test:domain',
].flatMap((z) => ['--zone', z]);

interface Row {
  subject: string;
  zone: string;
  state: string;
  codes?: { code: string }[];
  kind?: string;
}

interface FindingJson {
  id: string;
  title: string;
  severity: string;
  fix: string;
  ref: string;
  data: {
    zone: string;
    kind: string;
    detail: string;
    subject: string;
    roles: string[];
    txt: string[];
    codes: { code: string }[];
    wide?: string[];
    family?: number;
  };
}

interface Json {
  target: string;
  findings: FindingJson[];
  data: {
    type: string;
    results: Row[];
    zones: { zone: string; health: string; health6?: string }[];
    spfNetworksNotExpanded: string[];
  };
}

const rowsOf = (r: Json, zone: string) => r.data.results.filter((x) => x.zone === zone);

describe('mailflow blocklist against NSD', { skip: skipNsd() }, () => {
  let nsd: NsdInstance;
  const run = (args: string[]) =>
    runCli(['blocklist', '--json', '--dns', nsd.server, '--timeout', '3', ...args]);
  before(async () => {
    nsd = await startNsd(BLOCKLIST_ZONES);
  });
  after(() => nsd?.stop());

  test('Spamhaus ZEN: each return code decoded, the TXT reason kept, the 127.255.255.25x answers errors', async () => {
    const targets = ['2', '3', '4', '9', '10', '11', '30', '252', '254', '255', '1'].map(
      (n) => `192.0.2.${n}`,
    );
    const res = await run(['--zone', 'zen', ...targets]);
    const results = jsonLines(res.stdout) as Json[];
    assert.deepEqual(
      results.map((r) => r.target),
      targets,
    );
    const by = new Map(results.map((r) => [r.target, rowsOf(r, 'zen.spamhaus.org')[0]!]));
    const codes = (ip: string) => by.get(ip)!.codes!.map((c) => c.code);
    assert.deepEqual(codes('192.0.2.2'), ['127.0.0.2']);
    assert.deepEqual(codes('192.0.2.3'), ['127.0.0.3']);
    assert.deepEqual(codes('192.0.2.4'), ['127.0.0.4']);
    assert.deepEqual(codes('192.0.2.9').sort(), ['127.0.0.2', '127.0.0.9']);
    assert.deepEqual(codes('192.0.2.30'), ['127.0.0.30']);
    const sbl = results[0]!.findings.find((f) => f.id === 'blocklist.listed')!;
    assert.equal(sbl.severity, 'fail', 'ZEN is tier 1');
    assert.deepEqual(sbl.data.txt, ['SBL0001 listed for spam support']);
    // PBL of an address given directly: a listing (it may be a sender); tier 1 → fail.
    assert.equal(results[4]!.findings.find((f) => f.id === 'blocklist.listed')?.severity, 'fail');
    assert.match(JSON.stringify(results[4]!.findings), /PBL/);
    for (const [ip, kind] of [
      ['192.0.2.252', 'typo'],
      ['192.0.2.254', 'public-resolver'],
      ['192.0.2.255', 'rate-limited'],
    ] as const) {
      const r = results.find((x) => x.target === ip)!;
      assert.equal(by.get(ip)!.state, 'error');
      assert.equal(by.get(ip)!.kind, kind);
      assert.ok(!r.findings.some((f) => f.id === 'blocklist.listed'), `${ip}: an error is never "listed"`);
      assert.equal(r.findings.find((f) => f.id === 'blocklist.error')?.severity, 'unknown');
    }
    assert.deepEqual(
      results.at(-1)!.findings.map((f) => `${f.id}:${f.severity}`),
      ['blocklist.clean:ok'],
    );
    assert.equal(res.code, 2, 'a listed address (fail) outranks the lookups that failed (unknown)');
    for (const r of results)
      for (const f of r.findings) {
        assert.ok(f.ref, `${f.id} cites a source`);
        if (f.severity !== 'ok') assert.ok(f.fix, `${f.id} says how to fix it`);
      }
  });

  test('Nagios: an error answer is UNKNOWN, never CRITICAL; listings per target in perfdata', async () => {
    const err = await runCli([
      'blocklist',
      '--format',
      'nagios',
      '--dns',
      nsd.server,
      '--zone',
      'zen',
      '192.0.2.254',
    ]);
    assert.match(err.stdout, /^MAILFLOW UNKNOWN/);
    assert.doesNotMatch(err.stdout, /CRITICAL/);
    assert.equal(err.code, 3);
    const listed = await runCli([
      'blocklist',
      '--format',
      'nagios',
      '--dns',
      nsd.server,
      '--zone',
      'zen',
      '192.0.2.4',
    ]);
    assert.match(listed.stdout, /^MAILFLOW CRITICAL/);
    assert.match(listed.stdout, /'blocklist_listings_192\.0\.2\.4'=1/);
    assert.equal(listed.code, 2);
    const prom = await runCli([
      'blocklist',
      '--format',
      'prometheus',
      '--dns',
      nsd.server,
      '--zone',
      'zen',
      '192.0.2.1',
    ]);
    assert.match(prom.stdout, /mailflow_blocklist_listings\{[^}]*target="192\.0\.2\.1"[^}]*\} 0/);
    assert.equal(prom.code, 0);
  });

  test('zone health: a list answering "listed" for everything, one not listing 127.0.0.2, are broken and not trusted', async () => {
    const res = await run([
      '--zone',
      'everything.bl.test',
      '--zone',
      'silent.bl.test',
      '--zone',
      'minor.bl.test',
      '192.0.2.2',
    ]);
    const [r] = jsonLines(res.stdout) as Json[];
    const broken = r!.findings.filter((f) => f.id === 'blocklist.zone-broken');
    assert.deepEqual(broken.map((f) => f.data.zone).sort(), ['everything.bl.test', 'silent.bl.test']);
    assert.ok(broken.every((f) => f.severity === 'unknown'));
    assert.match(broken.find((f) => f.data.zone === 'everything.bl.test')!.data.detail, /127\.0\.0\.1/);
    // Only the healthy list's listing counts; the broken lists were not asked about the target.
    const listed = r!.findings.filter((f) => f.id === 'blocklist.listed');
    assert.deepEqual(
      listed.map((f) => [f.data.zone, f.severity]),
      [['minor.bl.test', 'warn']],
    );
    assert.equal(rowsOf(r!, 'everything.bl.test')[0]!.state, 'not-asked');
    assert.equal(rowsOf(r!, 'silent.bl.test')[0]!.state, 'not-asked');
    assert.equal(res.code, 3);
  });

  test('IPv6 test points: an IPv6 address is asked only of lists listing ::FFFF:7F00:2 and not ::FFFF:7F00:1', async () => {
    const res = await run([
      '--zone',
      'zen',
      '--zone',
      'v6silent.bl.test',
      '--zone',
      'v6everything.bl.test',
      '2001:db8::2',
      '192.0.2.2',
    ]);
    const [v6, v4] = jsonLines(res.stdout) as Json[];
    const health = (r: Json) => r.data.zones.map((z) => `${z.zone} ${z.health} ${z.health6 ?? '-'}`);
    assert.deepEqual(health(v6!), [
      'zen.spamhaus.org ok ok',
      'v6silent.bl.test ok broken',
      'v6everything.bl.test ok broken',
    ]);
    const broken = v6!.findings.filter((f) => f.id === 'blocklist.zone-broken');
    assert.deepEqual(
      broken.map((f) => [f.data.zone, f.data.family]),
      [
        ['v6silent.bl.test', 6],
        ['v6everything.bl.test', 6],
      ],
    );
    assert.match(broken[0]!.data.detail, /does not list its test point ::FFFF:7F00:2/);
    assert.match(broken[1]!.data.detail, /lists the test point ::FFFF:7F00:1/);
    assert.match(
      broken[0]!.title,
      /failed its IPv6 test points; its answers for IPv6 addresses are not used/,
    );
    assert.match(broken[0]!.ref, /::FFFF:7F00:2 listed, ::FFFF:7F00:1 not/);
    // v6silent does list 2001:db8::2, but a list failing its IPv6 test points is not asked.
    assert.deepEqual(
      v6!.data.results.map((x) => `${x.zone} ${x.state}`),
      ['zen.spamhaus.org listed', 'v6silent.bl.test not-asked', 'v6everything.bl.test not-asked'],
    );
    assert.ok(!v6!.findings.some((f) => f.id === 'blocklist.listed' && f.data.zone !== 'zen.spamhaus.org'));
    // An IPv4 address: the IPv6 test points are not needed and not judged; the lists are asked.
    assert.deepEqual(health(v4!), [
      'zen.spamhaus.org ok -',
      'v6silent.bl.test ok -',
      'v6everything.bl.test ok -',
    ]);
    assert.ok(!v4!.findings.some((f) => f.id === 'blocklist.zone-broken'), JSON.stringify(v4!.findings));
  });

  test('zone:ip4 names an IPv4-only list: never asked about IPv6 addresses nor its IPv6 test points', async () => {
    const res = await run(['--zone', 'zen', '--zone', 'v6silent.bl.test:ip4', '2001:db8::2']);
    const [r] = jsonLines(res.stdout) as Json[];
    assert.deepEqual(
      r!.data.zones.map((z) => `${z.zone} ${z.health} ${z.health6 ?? '-'}`),
      ['zen.spamhaus.org ok ok', 'v6silent.bl.test ok -'],
    );
    assert.ok(!r!.findings.some((f) => f.id === 'blocklist.zone-broken'), JSON.stringify(r!.findings));
    assert.deepEqual(
      rowsOf(r!, 'v6silent.bl.test').map((x) => x.state),
      [],
      'an IPv4-only list has no row for an IPv6 address',
    );
    // The fix text of a list failing its IPv6 test points names the way out.
    const [broken] = jsonLines((await run(['--zone', 'v6silent.bl.test', '2001:db8::2'])).stdout) as Json[];
    const f = broken!.findings.find((x) => x.id === 'blocklist.zone-broken')!;
    assert.match(f.fix, /--zone v6silent\.bl\.test:ip4/);
  });

  test('a wildcard answer outside 127/8 is an error (rewritten NXDOMAIN), not a listing', async () => {
    const [r] = jsonLines((await run(['--zone', 'rewrite.bl.test', '192.0.2.1'])).stdout) as Json[];
    assert.equal(rowsOf(r!, 'rewrite.bl.test')[0]!.kind, 'rewritten');
    assert.deepEqual(
      r!.findings.map((f) => f.id),
      ['blocklist.error'],
    );
  });

  test('a host: its addresses (IPv6 as reversed nibbles) against IP lists, its name against domain lists', async () => {
    const [r] = jsonLines((await run([...ZONES, 'v6.targets.test'])).stdout) as Json[];
    assert.equal(r!.data.type, 'host');
    const zen = rowsOf(r!, 'zen.spamhaus.org');
    assert.deepEqual(
      zen.map((x) => [x.subject, x.state, x.codes?.[0]?.code]),
      [['2001:db8::2', 'listed', '127.0.0.4']],
    );
    // IPv4-only lists are not asked about IPv6 addresses; domain lists get the name.
    assert.deepEqual(
      rowsOf(r!, 'dbl.spamhaus.org').map((x) => [x.subject, x.state]),
      [['v6.targets.test', 'clean']],
    );
  });

  test('a mail domain: exchanger addresses, the domain on domain lists, SPF single addresses (wider networks named)', async () => {
    const res = await run([
      '--zone',
      'zen',
      '--zone',
      'dbl',
      '--spf',
      'domain.targets.test',
      'spam.targets.test',
      'postmaster@domain.targets.test',
    ]);
    const [d, spam, address] = jsonLines(res.stdout) as Json[];
    assert.deepEqual(address!.data.results, d!.data.results, 'an e-mail address stands for its domain');
    assert.equal(d!.data.type, 'domain');
    assert.deepEqual(
      rowsOf(d!, 'zen.spamhaus.org').map((x) => [x.subject, x.state]),
      [
        ['192.0.2.2', 'listed'],
        ['192.0.2.4', 'listed'],
      ],
    );
    const spf = d!.findings.find((f) => f.data.subject === '192.0.2.4')!;
    assert.deepEqual(spf.data.roles, ['spf']);
    assert.deepEqual(d!.data.spfNetworksNotExpanded, ['198.51.100.0/24', '2001:db8::/32']);
    // Listed, and still told what was not asked about.
    const wide = d!.findings.find((f) => f.id === 'blocklist.spf-not-expanded')!;
    assert.equal(wide.severity, 'info');
    assert.deepEqual(wide.data.wide, ['198.51.100.0/24', '2001:db8::/32']);
    // spam.targets.test has no MX: a host; its name is on the DBL.
    const dbl = spam!.findings.find(
      (f) => f.id === 'blocklist.listed' && f.data.zone === 'dbl.spamhaus.org',
    )!;
    assert.equal(dbl.data.codes[0].code, '127.0.1.2');
  });

  test('domain lists: DBL abused-legit code, 127.0.1.255 and a 127.0.0.1 refusal are errors', async () => {
    const res = await run([
      '--zone',
      'dbl',
      '--zone',
      'domains.bl.test:domain',
      'abused.targets.test',
      'ipasked.targets.test',
      'refused.targets.test',
    ]);
    const [abused, ipasked, refused] = jsonLines(res.stdout) as Json[];
    assert.equal(rowsOf(abused!, 'dbl.spamhaus.org')[0]!.codes![0]!.code, '127.0.1.102');
    assert.equal(rowsOf(ipasked!, 'dbl.spamhaus.org')[0]!.kind, 'ip-on-domain-list');
    assert.equal(rowsOf(refused!, 'domains.bl.test')[0]!.kind, 'refused');
    assert.ok(!refused!.findings.some((f) => f.id === 'blocklist.listed'));
  });

  test('PBL listing of an inbound-only exchanger is info (blocklist.policy-listed)', async () => {
    const res = await run(['--zone', 'zen', 'inbound.targets.test']);
    const [r] = jsonLines(res.stdout) as Json[];
    assert.deepEqual(
      r!.findings.map((f) => `${f.id}:${f.severity}`),
      ['blocklist.policy-listed:info'],
    );
    assert.equal(res.code, 0);
  });

  test('--dqs-key: Spamhaus asked as <key>.zen.dq.spamhaus.net, the key never printed', async () => {
    const key = 'abcdef0123456789secret';
    const res = await runCli([
      'blocklist',
      '--json',
      '-v',
      '--dns',
      nsd.server,
      '--zone',
      'zen',
      '--dqs-key',
      key,
      '192.0.2.2',
    ]);
    assert.ok(!res.stdout.includes(key) && !res.stderr.includes(key), 'the key appears nowhere');
    const [r] = jsonLines(res.stdout) as Json[];
    // NSD does not serve dq.spamhaus.net: the zone fails as a whole, named with the key redacted.
    assert.equal(r!.data.zones[0].zone, '<dqs-key>.zen.dq.spamhaus.net');
    const human = await runCli([
      'blocklist',
      '--dns',
      nsd.server,
      '--zone',
      'zen',
      '--dqs-key',
      key,
      '192.0.2.2',
    ]);
    assert.ok(!human.stdout.includes(key));
    // The key from the environment (kept out of `ps` and shell history) works the same way.
    const env = await runCli(['blocklist', '--json', '--dns', nsd.server, '--zone', 'zen', '192.0.2.2'], {
      env: { MAILFLOW_DQS_KEY: key },
    });
    assert.ok(!env.stdout.includes(key));
    assert.equal((jsonLines(env.stdout) as Json[])[0]!.data.zones[0]!.zone, '<dqs-key>.zen.dq.spamhaus.net');
  });
});

describe('mailflow blocklist: usage and data', () => {
  test('dead lists are refused with the reason; --list-zones prints the data', async () => {
    const sorbs = await runCli(['blocklist', '--zone', 'sorbs', '192.0.2.1']);
    assert.equal(sorbs.code, 3);
    assert.match(sorbs.stderr, /June 2024|2024-06/);
    const ahbl = await runCli(['blocklist', '--add-zone', 'dnsbl.ahbl.org', '192.0.2.1']);
    assert.equal(ahbl.code, 3);
    const list = await runCli(['blocklist', '--list-zones', '--json']);
    assert.equal(list.code, 0);
    const [r] = jsonLines(list.stdout);
    assert.ok(r.data.version);
    assert.ok(
      r.data.zones.some((z: { zone: string; tier: number }) => z.zone === 'zen.spamhaus.org' && z.tier === 1),
    );
    const bad = await runCli(['blocklist', '--dqs-key', 'not a key!', '192.0.2.1']);
    assert.equal(bad.code, 3);
    assert.doesNotMatch(bad.stderr, /not a key!/);
  });

  test('timeouts and SERVFAIL are errors; a silent list costs its two test points, not a question per target', async () => {
    const fake = await startFakeDns((q) => {
      if (q.name.endsWith('silent.example')) return [];
      if (q.name.endsWith('fail.example')) return [reply(q, { rcode: 2 })];
      if (q.name === '2.0.0.127.ok.example') {
        return [reply(q, { answers: [{ name: q.name, type: 'A', ttl: 60, data: '127.0.0.2' } as const] })];
      }
      return [reply(q, { rcode: 3 })];
    });
    try {
      const targets = Array.from({ length: 20 }, (_, i) => `192.0.2.${i + 1}`);
      const res = await runCli(
        ['blocklist', '--json', '--dns', fake.server, '--timeout', '1']
          .concat(['--zone', 'silent.example', '--zone', 'fail.example', '--zone', 'ok.example'])
          .concat(targets),
      );
      const results = jsonLines(res.stdout) as Json[];
      assert.equal(results.length, 20);
      const kinds = results[0]!.findings
        .filter((f) => f.id === 'blocklist.error')
        .map((f) => `${f.data.zone}:${f.data.kind}`)
        .sort();
      assert.deepEqual(kinds, ['fail.example:servfail', 'silent.example:timeout']);
      assert.ok(results.every((r) => r.findings.some((f) => f.id === 'blocklist.clean')));
      const silent = fake.queries.filter((q) => q.name.endsWith('silent.example'));
      assert.deepEqual([...new Set(silent.map((q) => q.name))].sort(), [
        '1.0.0.127.silent.example',
        '2.0.0.127.silent.example',
      ]);
      assert.equal(res.code, 3);
    } finally {
      await fake.stop();
    }
  });
});

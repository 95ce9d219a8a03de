// DMARC policy discovery (RFC 9989 tree walk) and SPF lookup costs against a real NSD serving a
// whole test tree, top-level label included, so every walk runs to its end on real answers.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { dmarcJson } from '../../src/checks/dmarc/judge.js';
import type { SpfTermCost } from '../../src/checks/spf/gather.js';
import type { spfJson } from '../../src/checks/spf/judge.js';
import { jsonLines, runCli } from '../helpers/cli.js';
import { type NsdInstance, skipNsd, startNsd, zoneText } from '../helpers/nsd.js';

const ZONE = zoneText(
  'test',
  `; the organisational domain org1.test; a nearer record at mid.org1.test does not apply below it
_dmarc.org1       TXT  "v=DMARC1; p=reject; sp=quarantine; rua=mailto:d@org1.test"
_dmarc.mid.org1   TXT  "v=DMARC1; p=none; sp=none; rua=mailto:d@org1.test"
host.b.org1       A    127.0.0.1
b.org1            A    127.0.0.1
x.mid.org1        A    127.0.0.1
; two records at one name: both discarded, the walk goes on to org1.test
_dmarc.two.org1   TXT  "v=DMARC1; p=none"
_dmarc.two.org1   TXT  "v=DMARC1; p=reject"
two.org1          A    127.0.0.1
; psd=n makes div.org1.test an organisational domain: the walk stops there
_dmarc.div.org1   TXT  "v=DMARC1; p=quarantine; psd=n; rua=mailto:d@div.org1.test"
; a public suffix with psd=y; giant.bank.test has its own record, mega.bank.test none
_dmarc.bank       TXT  "v=DMARC1; p=reject; psd=y; rua=mailto:pso@bank.test"
_dmarc.giant.bank TXT  "v=DMARC1; p=quarantine; rua=mailto:d@giant.bank.test"
mail.giant.bank   A    127.0.0.1
mail.mega.bank    A    127.0.0.1
; np= for names that do not exist, sp= for those that do
_dmarc.npo        TXT  "v=DMARC1; p=quarantine; sp=quarantine; np=reject; rua=mailto:d@npo.test"
www.npo           A    127.0.0.1
; removed, unknown and testing tags
_dmarc.old        TXT  "v=DMARC1; p=reject; pct=50; rf=afrf; ri=86400; rua=mailto:d@old.test"
_dmarc.odd        TXT  "v=DMARC1; p=reject; rua=mailto:d@odd.test; foo=bar"
_dmarc.trial      TXT  "v=DMARC1; p=reject; t=y; rua=mailto:d@trial.test"
_dmarc.lower      TXT  "v=dmarc1; p=reject"
; SPF: what each include costs, and void lookups (NXDOMAIN or no records) inside includes too
costly            TXT  "v=spf1 include:inc1.test include:inc2.test mx -all"
costly            MX   10 host.test
inc1              TXT  "v=spf1 include:inc1a.test a -all"
inc1              A    127.0.0.1
inc1a             TXT  "v=spf1 a:host.test mx:host.test -all"
inc2              TXT  "v=spf1 ip4:192.0.2.1 -all"
host              A    127.0.0.1
host              MX   10 host.test
voids             TXT  "v=spf1 include:inc3.test a:nohost.test include:inc2.test -all"
inc3              TXT  "v=spf1 exists:noexist.test mx:nomx.test -all"
nomx              A    127.0.0.1
`,
);

interface Res {
  target: string;
  findings: { id: string; severity: string; detail: string; data?: Record<string, unknown> }[];
  data: { dmarc: ReturnType<typeof dmarcJson>; spf: ReturnType<typeof spfJson> };
}

describe('DMARC tree walk and SPF costs (NSD on loopback)', { skip: skipNsd() }, () => {
  let nsd: NsdInstance;
  const results = new Map<string, Res>();
  const codes = new Map<string, number | null>();

  /** One `check --json` run per group over all the domains, results by domain. */
  async function run(group: string, domains: string[]): Promise<void> {
    const r = await runCli([
      'check',
      ...domains,
      '--only',
      group,
      '--json',
      '--dns',
      nsd.server,
      '--timeout',
      '3',
    ]);
    const lines = jsonLines(r.stdout) as Res[];
    assert.equal(lines.length, domains.length, `exit ${r.code}: ${r.stderr}`);
    for (const l of lines) results.set(l.target, l);
  }
  /** Each domain alone, for its exit code. */
  async function exitCode(domain: string, group: string): Promise<number | null> {
    const key = `${group} ${domain}`;
    if (!codes.has(key)) {
      const r = await runCli([
        'check',
        domain,
        '--only',
        group,
        '--json',
        '--dns',
        nsd.server,
        '--timeout',
        '3',
      ]);
      codes.set(key, r.code);
    }
    return codes.get(key)!;
  }
  const res = (d: string) => {
    const r = results.get(d);
    assert.ok(r, `no result for ${d}`);
    return r;
  };
  const ids = (d: string) => res(d).findings.map((f) => f.id);
  const find = (d: string, id: string) => {
    const f = res(d).findings.find((x) => x.id === id);
    assert.ok(f, `${id} missing for ${d}: ${ids(d).join(' ')}`);
    return f;
  };
  const queried = (d: string) => res(d).data.dmarc.queried.map((q) => q.name);
  const costs = (ts: SpfTermCost[] | undefined, key: 'lookups' | 'voids') =>
    (ts ?? []).map((t) => [t.term, t[key]]);

  before(async () => {
    nsd = await startNsd([{ name: 'test', text: ZONE }]);
    await run('dmarc', [
      'host.b.org1.test',
      'a.b.c.d.e.f.g.h.org1.test',
      'x.mid.org1.test',
      'two.org1.test',
      'y.div.org1.test',
      'mail.giant.bank.test',
      'mail.mega.bank.test',
      'www.npo.test',
      'nosuch.npo.test',
      'old.test',
      'odd.test',
      'trial.test',
      'lower.test',
    ]);
    await run('spf', ['costly.test', 'voids.test']);
  });
  after(async () => {
    await nsd?.stop();
  });

  it('walks up to the organisational domain and applies its sp=', () => {
    const d = 'host.b.org1.test';
    assert.deepEqual(queried(d), [
      '_dmarc.host.b.org1.test',
      '_dmarc.b.org1.test',
      '_dmarc.org1.test',
      '_dmarc.test',
    ]);
    const j = res(d).data.dmarc;
    assert.equal(j.name, '_dmarc.org1.test');
    assert.equal(j.role, 'organizational');
    assert.equal(j.orgDomain, 'org1.test');
    assert.deepEqual(ids(d).sort(), ['dmarc.inherited', 'dmarc.ok']);
    assert.equal(find(d, 'dmarc.ok').data!.policy, 'quarantine');
    assert.equal(find(d, 'dmarc.ok').data!.tag, 'sp');
  });

  it('a 10-label name: 8 queries, jumping to the 7-label ancestor', () => {
    const q = queried('a.b.c.d.e.f.g.h.org1.test');
    assert.equal(q.length, 8);
    assert.deepEqual(q.slice(0, 2), ['_dmarc.a.b.c.d.e.f.g.h.org1.test', '_dmarc.d.e.f.g.h.org1.test']);
    assert.equal(res('a.b.c.d.e.f.g.h.org1.test').data.dmarc.name, '_dmarc.org1.test');
  });

  it('a nearer record below the organisational domain does not apply; its sp= is ignored', () => {
    const d = 'x.mid.org1.test';
    assert.equal(res(d).data.dmarc.name, '_dmarc.org1.test');
    assert.equal(res(d).data.dmarc.orgDomain, 'org1.test');
    assert.equal(find(d, 'dmarc.ok').data!.policy, 'quarantine');
    assert.match(
      find(d, 'dmarc.inherited').detail,
      /_dmarc\.mid\.org1\.test; it applies only to mid\.org1\.test/,
    );
  });

  it('two records at one name are discarded and the walk goes on', () => {
    const d = 'two.org1.test';
    const f = find(d, 'dmarc.multiple');
    assert.equal(f.severity, 'fail');
    assert.match(f.detail, /_dmarc\.org1\.test applies/);
    assert.equal(res(d).data.dmarc.queried[0].result, 'multiple');
    assert.equal(res(d).data.dmarc.name, '_dmarc.org1.test');
  });

  it('psd=n stops the walk: that domain is the organisational domain', () => {
    const d = 'y.div.org1.test';
    assert.deepEqual(queried(d), ['_dmarc.y.div.org1.test', '_dmarc.div.org1.test']);
    assert.equal(res(d).data.dmarc.orgDomain, 'div.org1.test');
    assert.equal(find(d, 'dmarc.ok').data!.policy, 'quarantine');
  });

  it('psd=y stops the walk; the name below it is the organisational domain (RFC 9989 B.4.3)', () => {
    const giant = 'mail.giant.bank.test';
    assert.deepEqual(queried(giant), [
      '_dmarc.mail.giant.bank.test',
      '_dmarc.giant.bank.test',
      '_dmarc.bank.test',
    ]);
    assert.equal(res(giant).data.dmarc.orgDomain, 'giant.bank.test');
    assert.equal(res(giant).data.dmarc.role, 'organizational');
    assert.equal(res(giant).data.dmarc.psdDomain, 'bank.test');
    const mega = 'mail.mega.bank.test';
    assert.equal(res(mega).data.dmarc.orgDomain, 'mega.bank.test');
    assert.equal(res(mega).data.dmarc.role, 'psd');
    assert.equal(find(mega, 'dmarc.psd-policy').severity, 'warn');
  });

  it('np= applies to a name that does not exist, sp= to one that does', () => {
    assert.equal(res('nosuch.npo.test').data.dmarc.authorExists, false);
    assert.equal(find('nosuch.npo.test', 'dmarc.ok').data!.tag, 'np');
    assert.equal(find('nosuch.npo.test', 'dmarc.ok').data!.policy, 'reject');
    assert.equal(res('www.npo.test').data.dmarc.authorExists, true);
    assert.equal(find('www.npo.test', 'dmarc.ok').data!.tag, 'sp');
  });

  it('removed pct/rf/ri: one info finding, never a request to change pct; exit 0', async () => {
    const f = find('old.test', 'dmarc.removed-tags');
    assert.equal(f.severity, 'info');
    assert.match(f.detail, /pct=50/);
    assert.match(f.detail, /t=y/);
    assert.ok(!ids('old.test').includes('dmarc.pct'));
    assert.ok(ids('old.test').includes('dmarc.ok'));
    assert.equal(await exitCode('old.test', 'dmarc'), 0);
  });

  it('unknown tags are ignored with an info finding, not a syntax error', () => {
    assert.equal(find('odd.test', 'dmarc.unknown-tags').severity, 'info');
    assert.ok(!ids('odd.test').includes('dmarc.syntax'));
    assert.ok(ids('odd.test').includes('dmarc.ok'));
  });

  it('t=y is explained as testing: reject is applied as quarantine', () => {
    const f = find('trial.test', 'dmarc.testing');
    assert.equal(f.severity, 'info');
    assert.match(f.detail, /pct/);
    assert.equal(find('trial.test', 'dmarc.ok').data!.applied, 'quarantine');
  });

  it('a record not starting with the exact v=DMARC1 is ignored, and said so', () => {
    assert.deepEqual(ids('lower.test').sort(), ['dmarc.ignored-record', 'dmarc.none']);
    assert.deepEqual(res('lower.test').data.dmarc.queried[0]?.ignored, ['v=dmarc1; p=reject']);
  });

  it('SPF: lookups per include, counted through nested includes', () => {
    const spf = res('costly.test').data.spf;
    assert.equal(spf.lookups, 7);
    assert.equal(spf.voids, 0);
    assert.deepEqual(costs(spf.terms, 'lookups'), [
      ['include:inc1.test', 5],
      ['include:inc2.test', 1],
      ['mx', 1],
    ]);
    assert.deepEqual(costs(spf.terms[0]?.terms, 'lookups'), [
      ['include:inc1a.test', 3],
      ['a', 1],
    ]);
    assert.match(find('costly.test', 'spf.ok').detail, /include:inc1\.test 5/);
  });

  it('SPF: void lookups counted exactly (exists, mx with no MX, a with NXDOMAIN), limit 2', async () => {
    const spf = res('voids.test').data.spf;
    assert.equal(spf.voids, 3);
    assert.deepEqual(costs(spf.terms, 'voids'), [
      ['include:inc3.test', 2],
      ['a:nohost.test', 1],
      ['include:inc2.test', 0],
    ]);
    const f = find('voids.test', 'spf.void-lookups');
    assert.equal(f.severity, 'fail');
    assert.match(f.detail, /exists:noexist\.test \(via include:inc3\.test\)/);
    assert.match(f.detail, /mx:nomx\.test/);
    assert.equal(await exitCode('voids.test', 'spf'), 2);
  });
});

// Pure tests for the sender-side and policy records: SPF, DMARC, MTA-STS, TLS-RPT.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { discover, effectivePolicy } from '../../src/checks/dmarc/discover.js';
import { gatherDmarc } from '../../src/checks/dmarc/gather.js';
import { dmarcJson, judge as judgeDmarc } from '../../src/checks/dmarc/judge.js';
import { parseDmarc } from '../../src/checks/dmarc/parse.js';
import { type WalkStep, walkDomains } from '../../src/checks/dmarc/walk.js';
import { judge as judgeMtaSts } from '../../src/checks/mta-sts/judge.js';
import { mxMatches, parseStsPolicy, parseStsRecord, unmatchedMx } from '../../src/checks/mta-sts/parse.js';
import { type TxtAnswer, type TxtLookup, txtLookupFrom } from '../../src/checks/shared/txt-lookup.js';
import { walkSpf } from '../../src/checks/spf/gather.js';
import { judge as judgeSpf } from '../../src/checks/spf/judge.js';
import { parseSpf } from '../../src/checks/spf/parse.js';
import { gatherTlsRpt } from '../../src/checks/tls-rpt/gather.js';
import { judge as judgeTlsRpt } from '../../src/checks/tls-rpt/judge.js';
import { parseTlsRpt } from '../../src/checks/tls-rpt/parse.js';
import { canonicalName } from '../../src/dns/wire-name.js';
import type { Finding } from '../../src/findings/model.js';

/** A DNS made of a table: name → TXT strings; names not listed are NXDOMAIN. */
function table(zone: Record<string, string[] | 'servfail'>, addrs: Record<string, number> = {}): TxtLookup {
  return {
    async txt(name): Promise<TxtAnswer> {
      const v = zone[name];
      if (v === 'servfail') return { outcome: 'error', texts: [], error: 'SERVFAIL from 127.0.0.1:53' };
      if (!v) return { outcome: 'nxdomain', texts: [] };
      return { outcome: v.length ? 'ok' : 'nodata', texts: v };
    },
    async count(name) {
      const n = addrs[name];
      return n === undefined ? { outcome: 'nxdomain', n: 0 } : { outcome: 'ok', n };
    },
  };
}

/** Every finding that is not plain ok must say what to do and where the advice comes from. */
function assertActionable(fs: readonly Finding[]): void {
  for (const f of fs) {
    assert.ok(f.ref.trim(), `${f.id} has no ref`);
    if (f.severity !== 'ok') assert.ok(f.fix.trim(), `${f.id} (${f.severity}) has no fix`);
  }
}

/** The finding ids, sorted; checks on the way that each one is actionable. */
/** Gather then judge, as the spf and dmarc groups do. */
async function checkSpf(dns: TxtLookup, domain: string) {
  const walk = await walkSpf(dns, domain);
  return { walk, findings: judgeSpf(walk) };
}
async function checkDmarc(dns: TxtLookup, domain: string) {
  const data = await gatherDmarc(dns, domain);
  return { data, findings: judgeDmarc(canonicalName(domain), data) };
}

const ids = (fs: Finding[]) => {
  assertActionable(fs);
  return fs.map((f) => f.id).sort();
};

describe('SPF', () => {
  it('parses mechanisms, qualifiers, modifiers', () => {
    const r = parseSpf(
      'v=spf1 ip4:192.0.2.0/24 ip6:2001:db8::/32 a mx:mail.example.com/24 include:_spf.example.net ~all',
    );
    assert.deepEqual(r.errors, []);
    assert.equal(r.all, '~');
    assert.equal(r.terms.length, 6);
  });
  it('reports bad terms', () => {
    const r = parseSpf('v=spf1 ip4:999.1.1.1 foo:bar include: redirect=a.example redirect=b.example -all');
    assert.equal(r.errors.length, 4, r.errors.join('\n'));
  });
  it('ok record with lookups counted through includes', async () => {
    const dns = table(
      {
        'example.com': ['v=spf1 mx include:_spf.example.net -all', 'google-site-verification=x'],
        '_spf.example.net': ['v=spf1 ip4:192.0.2.1 include:_spf2.example.net ~all'],
        '_spf2.example.net': ['v=spf1 a -all'],
      },
      { 'example.com': 1, '_spf2.example.net': 1 },
    );
    const r = await checkSpf(dns, 'Example.COM.');
    assert.deepEqual(ids(r.findings), ['spf.ok']);
    assert.equal(r.walk.lookups, 4);
  });
  it('too many lookups', async () => {
    const zone: Record<string, string[]> = {
      'example.com': [
        `v=spf1 ${Array.from({ length: 6 }, (_, i) => `include:s${i}.example.net`).join(' ')} -all`,
      ],
    };
    for (let i = 0; i < 6; i++) zone[`s${i}.example.net`] = ['v=spf1 include:deep.example.net -all'];
    zone['deep.example.net'] = ['v=spf1 ip4:192.0.2.1 -all'];
    const r = await checkSpf(table(zone), 'example.com');
    assert.ok(ids(r.findings).includes('spf.too-many-lookups'));
    assert.equal(r.walk.lookups, 12);
  });
  it('void lookups, missing includes, loops, +all, ptr', async () => {
    const dns = table({
      'example.com': [
        'v=spf1 a:gone1.example.com a:gone2.example.com mx:gone3.example.com include:nospf.example.org include:example.com ptr +all',
      ],
      'nospf.example.org': ['some other text'],
    });
    const r = await checkSpf(dns, 'example.com');
    assert.deepEqual(ids(r.findings), ['spf.include-broken', 'spf.pass-all', 'spf.ptr', 'spf.void-lookups']);
  });
  it('per-term costs through includes, and every void lookup: include, a, mx and exists', async () => {
    const dns = table(
      {
        'example.com': ['v=spf1 include:inc.example.net mx exists:gone.example.com -all'],
        'inc.example.net': ['v=spf1 include:deep.example.net a:nohost.example.net -all'],
        'deep.example.net': ['v=spf1 a mx -all'],
      },
      { 'example.com': 1, 'deep.example.net': 1 },
    );
    const r = await checkSpf(dns, 'example.com');
    assert.deepEqual(
      r.walk.costs.map((c) => [c.term, c.lookups, c.voids, !!c.void]),
      [
        ['include:inc.example.net', 5, 1, false],
        ['mx', 1, 0, false],
        ['exists:gone.example.com', 1, 1, true],
      ],
    );
    const inc = r.walk.costs[0]!.terms!;
    assert.deepEqual(
      inc.map((c) => [c.term, c.lookups]),
      [
        ['include:deep.example.net', 3],
        ['a:nohost.example.net', 1],
      ],
    );
    assert.equal(r.walk.lookups, 7);
    assert.equal(r.walk.voids, 2);
    const ok = r.findings.find((f) => f.id === 'spf.ok')!;
    assert.match(ok.detail, /include:inc\.example\.net 5/);
    assert.match(ok.detail, /a:nohost\.example\.net \(via include:inc\.example\.net\)/);
  });
  it('none, multiple, DNS error', async () => {
    assert.deepEqual(ids((await checkSpf(table({}), 'example.com')).findings), ['spf.none']);
    const multi = table({ 'example.com': ['v=spf1 -all', 'v=spf1 mx -all'] });
    assert.deepEqual(ids((await checkSpf(multi, 'example.com')).findings), ['spf.multiple']);
    const bad = table({ 'example.com': 'servfail' });
    const r = await checkSpf(bad, 'example.com');
    assert.deepEqual(ids(r.findings), ['spf.dns-error']);
    assert.equal(r.findings[0]!.severity, 'unknown');
  });
  it('a record with thousands of a: terms is counted without a query for each', async () => {
    let queries = 0;
    const dns = table({
      'example.com': [
        `v=spf1 ${Array.from({ length: 2000 }, (_, i) => `a:h${i}.example.com`).join(' ')} -all`,
      ],
    });
    const counting: TxtLookup = {
      txt: (n) => dns.txt(n),
      count: (n, t) => {
        queries++;
        return dns.count!(n, t);
      },
    };
    const r = await checkSpf(counting, 'example.com');
    assert.equal(r.walk.lookups, 2000);
    assert.ok(ids(r.findings).includes('spf.too-many-lookups'));
    assert.ok(queries <= 41, `${queries} void-lookup queries`);
  });
  it('macros are counted, not followed, and the finding says how to verify them', async () => {
    const dns = table({ 'example.com': ['v=spf1 exists:%{i}._spf.example.com -all'] });
    const r = await checkSpf(dns, 'example.com');
    assert.ok(ids(r.findings).includes('spf.macros'), ids(r.findings).join(' '));
  });
  it('redirect is followed only without all; neutral when there is no all', async () => {
    const dns = table({
      'example.com': ['v=spf1 redirect=_spf.example.com'],
      '_spf.example.com': ['v=spf1 ip4:192.0.2.1'],
    });
    const r = await checkSpf(dns, 'example.com');
    assert.equal(r.walk.lookups, 1);
    assert.deepEqual(ids(r.findings), ['spf.neutral', 'spf.ok']);
  });
});

describe('DMARC', () => {
  it('parses tags, including RFC 9989 np, psd and t; removed and unknown tags are kept apart', () => {
    const r = parseDmarc(
      'v=DMARC1; p=reject; sp=quarantine; np=reject; psd=n; t=y; pct=50; ri=3600; rua=mailto:a@example.com,mailto:b@example.net!10m; adkim=s; foo=bar',
    );
    assert.deepEqual(r.errors, []);
    assert.equal(r.p, 'reject');
    assert.equal(r.sp, 'quarantine');
    assert.equal(r.np, 'reject');
    assert.equal(r.psd, 'n');
    assert.equal(r.testing, true);
    assert.deepEqual(r.removed, { pct: '50', ri: '3600' });
    assert.deepEqual(r.unknown, ['foo']);
    assert.equal(r.rua.length, 2);
    assert.equal(r.adkim, 's');
  });
  it('reports bad values; a missing p= is not an error (read as p=none)', () => {
    const r = parseDmarc('v=DMARC1; p=block; pct=150; psd=maybe; rua=https://x.example');
    assert.equal(r.errors.length, 3, r.errors.join('\n'));
    assert.equal(r.policyInvalid, true);
    assert.equal(r.ruaUsable, false);
    assert.deepEqual(parseDmarc('v=DMARC1; rua=mailto:a@example.com').errors, []);
  });
  it('tree walk names: at most 8, the 7-label shortcut, then each parent (RFC 9989 §4.10)', () => {
    assert.deepEqual(walkDomains('a.b.c.d.e.f.g.h.i.j.mail.example.com'), [
      'a.b.c.d.e.f.g.h.i.j.mail.example.com',
      'g.h.i.j.mail.example.com',
      'h.i.j.mail.example.com',
      'i.j.mail.example.com',
      'j.mail.example.com',
      'mail.example.com',
      'example.com',
      'com',
    ]);
    assert.deepEqual(walkDomains('Mail.Example.COM.'), ['mail.example.com', 'example.com', 'com']);
    assert.equal(walkDomains('a.b.c.d.e.f.g.h.example.com').length, 8);
    assert.deepEqual(walkDomains('a.b.c.d.e.f.g.h').slice(0, 2), ['a.b.c.d.e.f.g.h', 'b.c.d.e.f.g.h']);
  });
  it('discovery follows RFC 9989 Appendix B.4.3 (a PSD record with psd=y)', () => {
    const rec = (domain: string, record: string): WalkStep => {
      const psd = /psd=(y|n)/.exec(record)?.[1] as 'y' | 'n' | undefined;
      return { domain, result: 'record', records: [record], ...(psd ? { psd } : {}) };
    };
    const none = (domain: string): WalkStep => ({ domain, result: 'none', records: [] });
    const giant = rec('giant.bank.example', 'v=DMARC1; p=reject');
    const psd = rec('bank.example', 'v=DMARC1; p=quarantine; psd=y');
    const author = discover('giant.bank.example', [giant, psd]);
    assert.equal(author.orgDomain, 'giant.bank.example');
    assert.equal(author.applied?.role, 'author');
    const mailFrom = discover('mail.giant.bank.example', [none('mail.giant.bank.example'), giant, psd]);
    assert.equal(mailFrom.orgDomain, 'giant.bank.example');
    assert.equal(mailFrom.orgBy, 'psd=y');
    assert.equal(mailFrom.applied?.domain, 'giant.bank.example');
    assert.equal(mailFrom.applied?.role, 'organizational');
    const mega = discover('mail.mega.bank.example', [
      none('mail.mega.bank.example'),
      none('mega.bank.example'),
      psd,
    ]);
    assert.equal(mega.orgDomain, 'mega.bank.example');
    assert.equal(mega.applied?.role, 'psd');
    // Without psd tags the highest record is the organisational domain, even past a nearer one.
    const deep = discover('a.mail.example.com', [
      none('a.mail.example.com'),
      rec('mail.example.com', 'v=DMARC1; p=none'),
      rec('example.com', 'v=DMARC1; p=reject'),
      none('com'),
    ]);
    assert.equal(deep.orgDomain, 'example.com');
    assert.equal(deep.applied?.domain, 'example.com');
  });
  it('effective policy: p for the domain, sp for an existing subdomain, np for a missing one; t=y softens', () => {
    const rec = parseDmarc('v=DMARC1; p=reject; sp=quarantine; np=reject; t=y');
    assert.deepEqual(effectivePolicy(rec, 'author', undefined), {
      policy: 'reject',
      from: 'p',
      applied: 'quarantine',
    });
    assert.equal(effectivePolicy(rec, 'organizational', true)?.from, 'sp');
    assert.equal(effectivePolicy(rec, 'organizational', false)?.from, 'np');
    assert.equal(effectivePolicy(parseDmarc('v=DMARC1; p=quarantine'), 'psd', false)?.from, 'p');
    assert.equal(effectivePolicy(parseDmarc('v=DMARC1; p=bad'), 'author', undefined), undefined);
    assert.deepEqual(
      effectivePolicy(parseDmarc('v=DMARC1; p=bad; rua=mailto:a@b.example'), 'author', undefined),
      {
        policy: 'none',
        from: 'default',
        applied: 'none',
      },
    );
  });
  it('findings', async () => {
    const dns = table({
      '_dmarc.good.example': ['v=DMARC1; p=reject; rua=mailto:d@good.example'],
      '_dmarc.none.example': ['v=DMARC1; p=none'],
      '_dmarc.parent.example': ['v=DMARC1; p=reject; sp=quarantine; rua=mailto:d@parent.example'],
      '_dmarc.two.example': ['v=DMARC1; p=none', 'v=DMARC1; p=reject'],
      '_dmarc.old.example': ['v=DMARC1; p=reject; pct=20; rf=afrf; rua=mailto:d@old.example'],
      '_dmarc.odd.example': ['v=DMARC1; p=reject; rua=mailto:d@odd.example; colour=blue'],
      '_dmarc.trial.example': ['v=DMARC1; p=quarantine; t=y; rua=mailto:d@trial.example'],
    });
    assert.deepEqual(ids((await checkDmarc(dns, 'good.example')).findings), ['dmarc.ok']);
    assert.deepEqual(ids((await checkDmarc(dns, 'none.example')).findings), [
      'dmarc.no-rua',
      'dmarc.policy-none',
    ]);
    const sub = await checkDmarc(dns, 'mail.parent.example');
    assert.deepEqual(ids(sub.findings), ['dmarc.inherited', 'dmarc.ok']);
    assert.equal(sub.findings.find((f) => f.id === 'dmarc.ok')!.data!.policy, 'quarantine');
    assert.deepEqual(ids((await checkDmarc(dns, 'two.example')).findings), ['dmarc.multiple', 'dmarc.none']);
    assert.deepEqual(ids((await checkDmarc(dns, 'missing.example')).findings), ['dmarc.none']);
    const old = (await checkDmarc(dns, 'old.example')).findings;
    assert.deepEqual(ids(old), ['dmarc.ok', 'dmarc.removed-tags']);
    assert.match(old[1]!.detail, /t=y/);
    assert.deepEqual(ids((await checkDmarc(dns, 'odd.example')).findings), [
      'dmarc.ok',
      'dmarc.unknown-tags',
    ]);
    const trial = (await checkDmarc(dns, 'trial.example')).findings;
    assert.deepEqual(ids(trial), ['dmarc.testing']);
    assert.equal(trial[0]!.severity, 'warn');
  });
  it('no valid p=: p=none when rua= asks for reports, no DMARC at all without; misspelt records are ignored', async () => {
    const dns = table({
      '_dmarc.rua.example': ['v=DMARC1; rua=mailto:d@rua.example'],
      '_dmarc.bare.example': ['v=DMARC1; sp=reject'],
      '_dmarc.lower.example': ['v=dmarc1; p=reject'],
    });
    const rua = (await checkDmarc(dns, 'rua.example')).findings;
    assert.deepEqual(ids(rua), ['dmarc.policy-none']);
    assert.match(rua[0]!.detail, /no p= tag/);
    const bare = (await checkDmarc(dns, 'bare.example')).findings;
    assert.deepEqual(ids(bare), ['dmarc.no-rua', 'dmarc.syntax']);
    assert.equal(bare.find((f) => f.id === 'dmarc.syntax')!.severity, 'fail');
    const lower = await checkDmarc(dns, 'lower.example');
    assert.deepEqual(ids(lower.findings), ['dmarc.ignored-record', 'dmarc.none']);
    assert.equal(dmarcJson(lower.data).queried[0]!.ignored?.[0], 'v=dmarc1; p=reject');
  });
  it('a failed query: unknown before any record of the domain, info once its own record is found', async () => {
    const first = await checkDmarc(table({ '_dmarc.a.example': 'servfail' }), 'a.example');
    assert.deepEqual(ids(first.findings), ['dmarc.dns-error']);
    assert.equal(first.findings[0]!.severity, 'unknown');
    const above = table({
      '_dmarc.b.a.example': ['v=DMARC1; p=reject; rua=mailto:d@a.example'],
      '_dmarc.example': 'servfail',
    });
    const own = await checkDmarc(above, 'b.a.example');
    assert.deepEqual(ids(own.findings), ['dmarc.dns-error', 'dmarc.ok']);
    assert.equal(own.findings.find((f) => f.id === 'dmarc.dns-error')!.severity, 'info');
    const inherited = await checkDmarc(above, 'c.b.a.example');
    assert.deepEqual(ids(inherited.findings), ['dmarc.dns-error']);
    assert.equal(inherited.findings[0]!.severity, 'unknown');
  });
});

describe('MTA-STS syntax', () => {
  it('TXT record', () => {
    assert.deepEqual(parseStsRecord('v=STSv1; id=20240101T000000;').errors, []);
    assert.equal(parseStsRecord('v=STSv1; id=2024-01-01').errors.length, 1);
    assert.equal(parseStsRecord('v=STSv1;').errors.length, 1);
  });
  it('policy', () => {
    const p = parseStsPolicy(
      'version: STSv1\r\nmode: enforce\r\nmx: mail.example.com\r\nmx: *.example.net\r\nmax_age: 604800\r\n',
    );
    assert.deepEqual(p.errors, []);
    assert.equal(p.mode, 'enforce');
    assert.deepEqual(p.mx, ['mail.example.com', '*.example.net']);
    assert.equal(p.maxAge, 604800);
    const bad = parseStsPolicy('version: STSv2\nmode: strict\nmax_age: 99999999999\n');
    assert.equal(bad.errors.length, 4, bad.errors.join('\n'));
    assert.deepEqual(parseStsPolicy('version: STSv1\nmode: none\nmax_age: 86400').errors, []);
  });
  it('mx patterns: a wildcard covers exactly one label', () => {
    assert.ok(mxMatches('*.example.com', 'mx1.example.com'));
    assert.ok(mxMatches('*.example.com', 'MX1.Example.Com.'));
    assert.ok(!mxMatches('*.example.com', 'example.com'));
    assert.ok(!mxMatches('*.example.com', 'a.b.example.com'));
    assert.ok(mxMatches('mail.example.com', 'mail.example.com.'));
    assert.deepEqual(unmatchedMx(['*.example.com'], ['a.example.com', 'b.example.org']), ['b.example.org']);
  });
});

describe('MTA-STS judgement (pure: literal answers and fetches, no DNS or HTTPS)', () => {
  const facts = (texts: string[], body?: string, contentType = 'text/plain') => ({
    domain: 'a.example',
    txtName: '_mta-sts.a.example',
    answer: { outcome: 'ok' as const, texts },
    mxHosts: ['mx1.a.example', 'mx2.other.example'],
    ...(body !== undefined
      ? {
          fetch: {
            url: 'https://mta-sts.a.example/.well-known/mta-sts.txt',
            ok: true,
            status: 200,
            contentType,
            body,
            ms: 1,
          },
        }
      : {}),
  });
  const policy = (mode: string, mx: string[]) =>
    ['version: STSv1', `mode: ${mode}`, ...mx.map((m) => `mx: ${m}`), 'max_age: 604800', ''].join('\r\n');

  it('judges the record and the policy', () => {
    assert.deepEqual(ids(judgeMtaSts(facts([])).findings), ['mta-sts.none']);
    assert.deepEqual(ids(judgeMtaSts(facts(['v=STSv1; id=1', 'v=STSv1; id=2'])).findings), [
      'mta-sts.record-invalid',
    ]);
    const ok = judgeMtaSts(
      facts(['v=STSv1; id=20260101'], policy('enforce', ['*.a.example', 'mx2.other.example'])),
    );
    assert.deepEqual(ids(ok.findings), ['mta-sts.ok']);
    assert.equal(ok.data.mode, 'enforce');
    assert.deepEqual(Object.keys(ok.data), ['unmatched', 'record', 'id', 'fetch', 'policy', 'mode']);
    const partial = judgeMtaSts(facts(['v=STSv1; id=1'], policy('enforce', ['mx1.a.example']), 'text/html'));
    assert.deepEqual(ids(partial.findings), ['mta-sts.content-type', 'mta-sts.mx-mismatch']);
    assert.deepEqual(partial.data.unmatched, ['mx2.other.example']);
    const failed = facts(['v=STSv1; id=1']);
    const gone = {
      ...failed,
      fetch: {
        url: 'https://x',
        ok: false,
        problem: 'status' as const,
        status: 404,
        error: 'HTTP 404',
        ms: 1,
      },
    };
    assert.deepEqual(ids(judgeMtaSts(gone).findings), ['mta-sts.fetch-failed']);
  });
});

describe('TLS-RPT', () => {
  it('parses and checks', async () => {
    assert.deepEqual(parseTlsRpt('v=TLSRPTv1; rua=mailto:r@example.com,https://r.example.com/v1').errors, []);
    assert.equal(parseTlsRpt('v=TLSRPTv1; rua=ftp://x').errors.length, 1);
    assert.equal(parseTlsRpt('v=TLSRPTv1;').errors.length, 1);
    const dns = table({
      '_smtp._tls.a.example': ['v=TLSRPTv1; rua=mailto:r@a.example'],
      '_smtp._tls.b.example': ['v=TLSRPTv1'],
    });
    const check = async (d: string) => judgeTlsRpt(await gatherTlsRpt(dns, d)).findings;
    assert.deepEqual(ids(await check('a.example')), ['tls-rpt.ok']);
    assert.deepEqual(ids(await check('b.example')), ['tls-rpt.invalid']);
    assert.deepEqual(ids(await check('c.example')), ['tls-rpt.none']);
  });

  it('judges literal answers without DNS (judge.ts is pure)', () => {
    const facts = (texts: string[], outcome: 'ok' | 'error' = 'ok') => ({
      domain: 'a.example',
      name: '_smtp._tls.a.example',
      answer: { outcome, texts, ...(outcome === 'error' ? { error: 'SERVFAIL' } : {}) },
    });
    assert.deepEqual(judgeTlsRpt(facts(['v=TLSRPTv1; rua=mailto:r@a.example'])).data, {
      record: 'v=TLSRPTv1; rua=mailto:r@a.example',
      rua: ['mailto:r@a.example'],
    });
    assert.deepEqual(
      ids(
        judgeTlsRpt(facts(['v=TLSRPTv1; rua=mailto:a@x.example', 'v=TLSRPTv1; rua=mailto:b@x.example']))
          .findings,
      ),
      ['tls-rpt.invalid'],
    );
    assert.deepEqual(ids(judgeTlsRpt(facts(['v=spf1 -all'])).findings), ['tls-rpt.none']);
    assert.deepEqual(ids(judgeTlsRpt(facts([], 'error')).findings), ['tls-rpt.dns-error']);
  });
});

describe('TXT records as displayed', () => {
  it('escape sequences in a record never reach the terminal', async () => {
    const resolver = {
      async query() {
        return { outcome: 'ok', server: 'fake', answers: [{ txt: ['v=spf1 \x1b[2J', ' -all'], value: '' }] };
      },
    };
    const r = await checkSpf(txtLookupFrom(resolver), 'example.com');
    assert.equal(r.walk.record, 'v=spf1 ?[2J -all');
    assert.ok(!JSON.stringify(r.findings).includes('\x1b'));
    assert.ok(!JSON.stringify(r.findings).includes('\\u001b'));
  });
});

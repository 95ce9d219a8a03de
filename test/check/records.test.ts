// Pure tests for the sender-side and policy records: SPF, DMARC, MTA-STS, TLS-RPT.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkDmarc } from '../../src/checks/dmarc/index.js';
import { parseDmarc } from '../../src/checks/dmarc/parse.js';
import { mxMatches, parseStsPolicy, parseStsRecord, unmatchedMx } from '../../src/checks/mta-sts/parse.js';
import { type TxtAnswer, type TxtLookup, txtLookupFrom } from '../../src/checks/spf/dns.js';
import { checkSpf } from '../../src/checks/spf/index.js';
import { parseSpf } from '../../src/checks/spf/parse.js';
import { checkTlsRpt, parseTlsRpt } from '../../src/checks/tls-rpt/index.js';
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
  it('parses tags', () => {
    const r = parseDmarc(
      'v=DMARC1; p=reject; sp=quarantine; pct=50; rua=mailto:a@example.com,mailto:b@example.net!10m; adkim=s',
    );
    assert.deepEqual(r.errors, []);
    assert.equal(r.p, 'reject');
    assert.equal(r.sp, 'quarantine');
    assert.equal(r.pct, 50);
    assert.equal(r.rua.length, 2);
    assert.equal(r.adkim, 's');
  });
  it('reports errors', () => {
    const r = parseDmarc('p=block; v=DMARC1; pct=150; rua=https://x.example');
    assert.equal(r.errors.length, 4, r.errors.join('\n'));
  });
  it('findings', async () => {
    const dns = table({
      '_dmarc.good.example': ['v=DMARC1; p=reject; rua=mailto:d@good.example'],
      '_dmarc.none.example': ['v=DMARC1; p=none'],
      '_dmarc.parent.example': ['v=DMARC1; p=reject; sp=quarantine; rua=mailto:d@parent.example'],
      '_dmarc.two.example': ['v=DMARC1; p=none', 'v=DMARC1; p=reject'],
    });
    assert.deepEqual(ids((await checkDmarc(dns, 'good.example')).findings), ['dmarc.ok']);
    assert.deepEqual(ids((await checkDmarc(dns, 'none.example')).findings), [
      'dmarc.no-rua',
      'dmarc.policy-none',
    ]);
    const sub = await checkDmarc(dns, 'mail.parent.example');
    assert.deepEqual(ids(sub.findings), ['dmarc.inherited', 'dmarc.ok']);
    assert.equal(sub.findings.find((f) => f.id === 'dmarc.ok')!.data!.policy, 'quarantine');
    assert.deepEqual(ids((await checkDmarc(dns, 'two.example')).findings), ['dmarc.multiple']);
    assert.deepEqual(ids((await checkDmarc(dns, 'missing.example')).findings), ['dmarc.none']);
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

describe('TLS-RPT', () => {
  it('parses and checks', async () => {
    assert.deepEqual(parseTlsRpt('v=TLSRPTv1; rua=mailto:r@example.com,https://r.example.com/v1').errors, []);
    assert.equal(parseTlsRpt('v=TLSRPTv1; rua=ftp://x').errors.length, 1);
    assert.equal(parseTlsRpt('v=TLSRPTv1;').errors.length, 1);
    const dns = table({
      '_smtp._tls.a.example': ['v=TLSRPTv1; rua=mailto:r@a.example'],
      '_smtp._tls.b.example': ['v=TLSRPTv1'],
    });
    assert.deepEqual(ids((await checkTlsRpt(dns, 'a.example')).findings), ['tls-rpt.ok']);
    assert.deepEqual(ids((await checkTlsRpt(dns, 'b.example')).findings), ['tls-rpt.invalid']);
    assert.deepEqual(ids((await checkTlsRpt(dns, 'c.example')).findings), ['tls-rpt.none']);
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

// The pure parts of the blocklist check: reading answers, zone health, public resolvers, zone choice.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { queryName } from '../../src/checks/blocklist/gather.js';
import {
  classify,
  judgeHealth,
  judgeHealth6,
  judgeTarget,
  publicResolverOf,
  zoneFinding,
} from '../../src/checks/blocklist/judge.js';
import { selectZones } from '../../src/checks/blocklist/select.js';
import { testPoints, ZONES } from '../../src/checks/blocklist/zones.js';
import { UsageError } from '../../src/findings/errors.js';

const [zen, dbl] = selectZones({ zone: ['zen', 'dbl'] });
const a = (...addresses: string[]) => ({ outcome: 'ok' as const, addresses });

describe('blocklist judge', () => {
  test('query names: reversed octets, reversed nibbles for IPv6, names as they are', () => {
    assert.equal(queryName('192.0.2.1', 'zen.spamhaus.org'), '1.2.0.192.zen.spamhaus.org');
    assert.equal(
      queryName('2001:db8::1', 'zen.spamhaus.org'),
      '1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.zen.spamhaus.org',
    );
    assert.equal(queryName('Example.COM.', 'dbl.spamhaus.org'), 'example.com.dbl.spamhaus.org');
  });

  test('answers: listed with meaning, clean, and every error kind (never listed)', () => {
    const v = classify(zen!, a('127.0.0.10'));
    assert.equal(v.state, 'listed');
    assert.ok(v.state === 'listed' && v.codes[0]!.policy && /PBL/.test(v.codes[0]!.meaning));
    assert.equal(classify(zen!, { outcome: 'nxdomain', addresses: [] }).state, 'clean');
    const kind = (z: typeof zen, ans: Parameters<typeof classify>[1]) => {
      const r = classify(z!, ans);
      return r.state === 'error' ? r.kind : r.state;
    };
    assert.equal(kind(zen, a('127.255.255.252')), 'typo');
    assert.equal(kind(zen, a('127.255.255.254')), 'public-resolver');
    assert.equal(kind(zen, a('127.255.255.255')), 'rate-limited');
    assert.equal(kind(dbl, a('127.0.1.255')), 'ip-on-domain-list');
    assert.equal(kind(zen, a('127.255.255.250')), 'list-error', "Spamhaus' whole error range");
    assert.equal(kind(zen, a('127.0.0.2', '203.0.113.9')), 'rewritten');
    assert.equal(kind(zen, a('127.0.0.1')), 'refused');
    assert.equal(kind(zen, { outcome: 'timeout', addresses: [], error: 'no reply' }), 'timeout');
    assert.equal(kind(zen, { outcome: 'servfail', addresses: [] }), 'servfail');
    const odd = classify(zen!, a('127.0.0.99'));
    assert.ok(odd.state === 'listed' && /not documented/.test(odd.codes[0]!.meaning));
  });

  test('a domain, listed or clean: the SPF networks not expanded are named either way', () => {
    const none = { outcome: 'nxdomain' as const, addresses: [] };
    const ok = [{ state: 'ok' as const }];
    for (const answer of [a('127.0.0.2'), none]) {
      const facts = {
        target: 'example.test',
        type: 'domain' as const,
        subjects: [{ value: '192.0.2.1', kind: 'ip' as const, roles: ['mx' as const], answers: [answer] }],
        wide: ['198.51.100.0/24'],
        lookupErrors: [],
      };
      const ids = judgeTarget(facts, [zen!], ok, []).findings.map((f) => f.id);
      assert.ok(ids.includes(answer === none ? 'blocklist.clean' : 'blocklist.listed'), ids.join());
      const note = judgeTarget(facts, [zen!], ok, []).findings.find(
        (f) => f.id === 'blocklist.spf-not-expanded',
      );
      assert.match(note?.detail ?? '', /198\.51\.100\.0\/24/, ids.join());
    }
  });

  test('RFC 5782 test points: healthy, lists everything, lists nothing, error', () => {
    const none = { outcome: 'nxdomain' as const, addresses: [] };
    assert.equal(judgeHealth(zen!, { listed: a('127.0.0.2'), unlisted: none }).state, 'ok');
    assert.equal(judgeHealth(zen!, { listed: a('127.0.0.2'), unlisted: a('127.0.0.2') }).state, 'broken');
    assert.equal(judgeHealth(zen!, { listed: none, unlisted: none }).state, 'broken');
    const pub = judgeHealth(zen!, { listed: a('127.255.255.254'), unlisted: none });
    assert.ok(pub.state === 'error' && pub.kind === 'public-resolver');
  });

  test('error titles say what went wrong in words, not the kind id ("could not be asked: dns")', () => {
    const zoneTitle = zoneFinding(zen!, {
      state: 'error',
      kind: 'dns',
      detail: 'server answered REFUSED',
    })!.title;
    assert.equal(zoneTitle, 'Spamhaus ZEN (zen.spamhaus.org) could not be asked: the DNS question failed');
    const facts = {
      target: '192.0.2.1',
      type: 'ip' as const,
      subjects: [
        {
          value: '192.0.2.1',
          kind: 'ip' as const,
          roles: ['given' as const],
          answers: [{ outcome: 'timeout' as const, addresses: [] }],
        },
      ],
      wide: [],
      lookupErrors: [],
    };
    const error = judgeTarget(facts, [zen!], [{ state: 'ok' }], []).findings.find(
      (f) => f.id === 'blocklist.error',
    );
    assert.match(error?.title ?? '', /192\.0\.2\.1: no answer in time$/);
    assert.equal(error?.data?.kind, 'timeout', 'data.kind keeps the id');
  });

  test('IPv6 test points (RFC 5782 §5): ::FFFF:7F00:2 listed, ::FFFF:7F00:1 not, judged only when asked', () => {
    const none = { outcome: 'nxdomain' as const, addresses: [] };
    assert.deepEqual(testPoints(zen!.def, 6), { listed: '::FFFF:7F00:2', unlisted: '::FFFF:7F00:1' });
    assert.equal(
      queryName('::FFFF:7F00:2', 'zen.spamhaus.org'),
      '2.0.0.0.0.0.f.7.f.f.f.f.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.zen.spamhaus.org',
    );
    const v4 = { listed: a('127.0.0.2'), unlisted: none };
    assert.equal(judgeHealth6(zen!, v4), undefined);
    assert.equal(judgeHealth6(zen!, { ...v4, v6: { listed: a('127.0.0.2'), unlisted: none } })?.state, 'ok');
    const silent = judgeHealth6(zen!, { ...v4, v6: { listed: none, unlisted: none } })!;
    assert.equal(silent.state, 'broken');
    const f = zoneFinding(zen!, silent, 6)!;
    assert.equal(f.id, 'blocklist.zone-broken');
    assert.deepEqual(f.data, {
      zone: 'zen.spamhaus.org',
      detail: (silent as { detail: string }).detail,
      family: 6,
    });
    assert.match(f.detail, /still asked about IPv4 addresses/);
    const err = judgeHealth6(zen!, {
      ...v4,
      v6: { listed: { outcome: 'timeout', addresses: [] }, unlisted: none },
    })!;
    assert.ok(err.state === 'error' && err.kind === 'timeout');
    assert.match(
      zoneFinding(zen!, err, 6)!.title,
      /could not be asked about IPv6 addresses: no answer in time/,
    );
  });

  test('public resolvers: Google, Cloudflare, Quad9 by address (v4, v6) and DoH; a local one is not', () => {
    for (const s of [
      '8.8.8.8:53',
      '1.1.1.1:53',
      '9.9.9.9:53',
      '149.112.112.112:53',
      '[2001:4860:4860::8888]:53',
      '[2606:4700:4700:0:0:0:0:1111]:53',
      'https://dns.google/dns-query',
      'https://cloudflare-dns.com/dns-query',
      'https://1.1.1.1/dns-query',
    ])
      assert.ok(publicResolverOf(s), s);
    for (const s of ['127.0.0.1:53', '[::1]:53', '192.0.2.53:53', 'https://dns.example/dns-query'])
      assert.equal(publicResolverOf(s), undefined, s);
  });

  test('zone choice: default tiers, --zone replaces, --add-zone adds, dead lists refused, DQS key hidden', () => {
    const def = selectZones({}).map((z) => z.def.name);
    assert.ok(def.includes('zen') && def.includes('spamrats') && !def.includes('nixspam'));
    assert.ok(selectZones({ tier: 3 }).some((z) => z.def.name === 'nixspam'));
    assert.ok(selectZones({ tier: 1 }).every((z) => z.def.tier === 1));
    assert.ok(!selectZones({ tier: 3 }).some((z) => z.def.deadSince), 'dead lists are never in a set');
    assert.deepEqual(
      selectZones({ zone: ['zen'], addZone: ['bl.example.net', 'uri.example.net:domain'] }).map((z) => [
        z.shown,
        z.def.kind,
      ]),
      [
        ['zen.spamhaus.org', 'ip'],
        ['bl.example.net', 'ip'],
        ['uri.example.net', 'domain'],
      ],
    );
    for (const dead of ZONES.filter((z) => z.deadSince))
      assert.throws(() => selectZones({ zone: [dead.zone] }), UsageError, dead.zone);
    const [dq] = selectZones({ zone: ['zen'], dqsKey: 'k3y0123456789' });
    assert.equal(dq!.query, 'k3y0123456789.zen.dq.spamhaus.net');
    assert.equal(dq!.shown, '<dqs-key>.zen.dq.spamhaus.net');
  });
});

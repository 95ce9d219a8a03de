// The MX analysis on hand-made lookups: cases a real server cannot easily produce on demand.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { judge, type MxReport } from '../../src/checks/mx/index.js';
import type { DnsAnswer, Exchanger, MxLookup, Outcome, PtrLookup } from '../../src/dns/index.js';

function answer(outcome: Outcome, error?: string): DnsAnswer {
  return {
    name: 'contoso.net',
    type: 'MX',
    outcome,
    server: '192.0.2.53:53',
    transport: 'udp',
    rcode: outcome === 'ok' ? 'NOERROR' : '',
    flags: { aa: false, ad: false, tc: false },
    answers: [],
    cnameChain: [],
    records: [],
    additional: [],
    elapsedMs: 1,
    ...(error ? { error } : {}),
  };
}

function ex(host: string, addresses: string[], extra: Partial<Exchanger> = {}): Exchanger {
  return {
    preference: 10,
    host,
    addresses,
    source: 'lookup',
    cname: null,
    ipLiteral: false,
    outcome: addresses.length ? 'ok' : 'nodata',
    ...extra,
  };
}

function report(
  exchangers: Exchanger[],
  opts: { outcome?: Outcome; ptrs?: PtrLookup[]; domain?: string } = {},
): MxReport {
  const outcome = opts.outcome ?? 'ok';
  const lookup: MxLookup = {
    domain: opts.domain ?? 'contoso.net',
    server: '192.0.2.53:53',
    outcome,
    exchangers,
    implicit: false,
    nullMx: false,
    cnameChain: [],
    flags: { aa: false, ad: false, tc: false },
    answer: answer(outcome, outcome === 'ok' ? undefined : 'no reply in 1000 ms'),
  };
  return { domain: lookup.domain, lookup, ptrs: opts.ptrs ?? [], ptrChecked: true, elapsedMs: 1 };
}

const ids = (r: MxReport) =>
  judge(r)
    .map((f) => `${f.id}:${f.severity}`)
    .sort();

test('an MX question that timed out is dns.error (unknown) naming server and outcome', () => {
  const f = judge(report([], { outcome: 'timeout' }));
  assert.deepEqual(
    f.map((x) => x.id),
    ['dns.error'],
  );
  assert.match(f[0]!.title, /192\.0\.2\.53:53/);
  assert.match(f[0]!.detail, /timed out/);
});

test('an exchanger whose address lookup failed is dns.error, not unresolvable', () => {
  const servfail = { type: 'A' as const, outcome: 'servfail' as const, error: 'SERVFAIL' };
  const r = report([
    ex('mx1.contoso.net', ['93.184.216.10']),
    ex('mx2.contoso.net', [], { outcome: 'servfail', error: 'SERVFAIL', lookupError: servfail }),
  ]);
  assert.deepEqual(ids(r), ['dns.error:unknown']);
  // IPv4 answered, the AAAA question timed out: IPv6 is unknown, so the verdict is too.
  const timeout = { type: 'AAAA' as const, outcome: 'timeout' as const, error: 'no reply in 1000 ms' };
  const half = report([
    ex('mx1.contoso.net', ['93.184.216.10'], { lookupError: timeout }),
    ex('mx2.contoso.net', ['93.184.216.11']),
  ]);
  assert.deepEqual(ids(half), ['dns.error:unknown', 'mx.ok:ok']);
});

test('private IPv6 and mapped addresses count as private for a public domain', () => {
  const r = report([ex('mx1.contoso.net', ['fd00::25']), ex('mx2.contoso.net', ['::ffff:10.0.0.1'])]);
  assert.deepEqual(ids(r), ['mx.ok:ok', 'mx.private-address:warn']);
  const test = report([ex('mx1.corp.test', ['fd00::25']), ex('mx2.corp.test', ['10.0.0.1'])], {
    domain: 'corp.test',
  });
  assert.deepEqual(ids(test), ['mx.ok:ok']);
});

test('reverse lookups the server refused are info (unchecked), SERVFAIL counts as no PTR', () => {
  const ptrs: PtrLookup[] = [
    { address: '93.184.216.10', names: [], outcome: 'refused', confirmed: false },
    { address: '93.184.216.11', names: [], outcome: 'servfail', confirmed: false },
  ];
  const r = report([ex('mx1.contoso.net', ['93.184.216.10']), ex('mx2.contoso.net', ['93.184.216.11'])], {
    ptrs,
  });
  assert.deepEqual(ids(r), ['mx.no-ptr:warn', 'mx.ok:ok', 'mx.ptr-unchecked:info']);
});

test('every finding but ok carries a fix and every finding a reference', () => {
  const r = report([
    ex('192.0.2.1', [], { ipLiteral: true }),
    ex('alias.contoso.net', ['10.0.0.1'], { cname: 'real.contoso.net' }),
  ]);
  for (const f of judge(r)) {
    assert.ok(f.ref, f.id);
    if (f.severity !== 'ok') assert.ok(f.fix, f.id);
  }
  assert.deepEqual(ids(r), ['mx.cname:fail', 'mx.ip-literal:fail', 'mx.private-address:warn']);
});

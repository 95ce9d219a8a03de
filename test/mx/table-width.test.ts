// The mx table at a terminal's usual widths: Google-like exchangers (long names, an IPv4 and an
// IPv6 address each, PTR names) stay a table at 80 columns, PTRs under their addresses; at 60
// columns, too narrow for the names and addresses side by side, the rows are stacked.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type MxReport, mxResult } from '../../src/checks/mx/index.js';
import type { DnsAnswer, Exchanger, PtrLookup } from '../../src/dns/index.js';
import { renderHuman } from '../../src/render/human.js';

const HOSTS = [
  'gmail-smtp-in.l.google.com',
  'alt1.gmail-smtp-in.l.google.com',
  'alt2.gmail-smtp-in.l.google.com',
  'alt3.gmail-smtp-in.l.google.com',
  'alt4.gmail-smtp-in.l.google.com',
];

const exchangers: Exchanger[] = HOSTS.map((host, i) => ({
  preference: 5 + 10 * i,
  host,
  addresses: [`142.250.${150 + i}.27`, `2607:f8b0:40${i}3:c0${i}::1b`],
  source: 'lookup',
  cname: null,
  ipLiteral: false,
  outcome: 'ok',
}));

const ptrs: PtrLookup[] = exchangers.flatMap((e, i) => [
  { address: e.addresses[0]!, names: [`wr-in-f${27 + i}.1e100.net`], outcome: 'ok', confirmed: true },
  {
    address: e.addresses[1]!,
    names: i === 4 ? [] : [`wr-in-x${(27 + i).toString(16)}.1e100.net`],
    outcome: i === 4 ? 'nxdomain' : 'ok',
    confirmed: i !== 3,
  },
]);

const answer: DnsAnswer = {
  name: 'gmail.com',
  type: 'MX',
  outcome: 'ok',
  server: '127.0.0.53:53',
  transport: 'udp',
  rcode: 'NOERROR',
  flags: { aa: false, ad: false, tc: false },
  answers: [],
  cnameChain: [],
  records: [],
  additional: [],
  elapsedMs: 1,
};

const report: MxReport = {
  domain: 'gmail.com',
  lookup: {
    domain: 'gmail.com',
    server: '127.0.0.53:53',
    outcome: 'ok',
    exchangers,
    implicit: false,
    nullMx: false,
    cnameChain: [],
    flags: { aa: false, ad: false, tc: false },
    ttl: 3600,
    answer,
  },
  ptrs,
  ptrChecked: true,
  elapsedMs: 1,
};

const TOKENS = [...HOSTS, ...exchangers.flatMap((e) => e.addresses), ...ptrs.flatMap((p) => p.names)];

/** The exchanger table as shown (the findings left out). */
function exchangerTable(columns: number): string {
  return renderHuman({ ...mxResult(report), findings: [] }, { color: false }, columns);
}

test('Google-like exchangers are a table at 80 columns: PTRs under their addresses, no token split', () => {
  const text = exchangerTable(80);
  assert.match(text, /^│ Pref │ Exchanger +│ Address +│ FCrDNS │$/m, text);
  assert.match(text, /^│ +│ +│ {3}PTR +│ +│$/m, text);
  assert.doesNotMatch(text, /^Exchanger:/m, text);
  for (const line of text.split('\n')) assert.ok(line.length <= 80, `${line.length} > 80: ${line}`);
  for (const token of TOKENS)
    assert.match(text, new RegExp(`[│ ]${token.replace(/\./g, '\\.')} +│`), `${token} split:\n${text}`);
  // Each address with its PTR on the next line, indented under it.
  assert.match(text, /│ 142\.250\.153\.27 +│ yes +│\n│ +│ +│ {3}wr-in-f30\.1e100\.net +│/, text);
  assert.match(text, /│ 2607:f8b0:4043:c04::1b +│ +│\n│ +│ +│ {3}\(none\) +│/, text);
});

test('at 120 columns the PTR keeps a column of its own', () => {
  const text = exchangerTable(120);
  assert.match(text, /^│ Pref │ Exchanger +│ Address +│ PTR +│ FCrDNS │$/m, text);
  assert.match(
    text,
    /│ alt4\.gmail-smtp-in\.l\.google\.com │ 142\.250\.154\.27 +│ wr-in-f31\.1e100\.net │ yes +│/,
  );
});

test('at 60 columns the same exchangers are stacked, every token whole', () => {
  const text = exchangerTable(60);
  assert.doesNotMatch(text, /│/, text);
  assert.match(text, /^Exchanger: alt4\.gmail-smtp-in\.l\.google\.com$/m, text);
  assert.match(text, /^PTR: +wr-in-f31\.1e100\.net$/m, text);
  for (const token of TOKENS) assert.ok(text.includes(token), `${token} split:\n${text}`);
});

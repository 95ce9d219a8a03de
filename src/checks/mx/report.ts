// Shapes an MX report for output: the JSON data contract, the nslookup-like table, metrics.
import type { Exchanger, PtrLookup } from '../../dns/index.js';
import { columns, type DataTable, type Metric, type Result } from '../../findings/model.js';
import type { MxReport } from './gather.js';
import { judge } from './judge.js';

export interface MxExchangerData {
  preference: number;
  host: string;
  addresses: string[];
  cname: string | null;
  ipLiteral: boolean;
  source: Exchanger['source'];
  ptr: { address: string; names: string[]; confirmed: boolean; outcome: string }[];
}

export interface MxData {
  domain: string;
  server: string;
  outcome: string;
  exchangers: MxExchangerData[];
  implicit: boolean;
  nullMx: boolean;
  cnameChain: string[];
  authoritative: boolean;
  /** The resolver validated DNSSEC for the MX answer (AD flag). */
  dnssec: boolean;
  ttl: number | null;
  transport: string;
  /** Reverse DNS was looked up (false with --no-ptr). */
  ptrChecked: boolean;
  error?: string;
}

function ptrFor(ptrs: PtrLookup[], address: string) {
  const p = ptrs.find((x) => x.address === address);
  return p ? { address, names: p.names, confirmed: p.confirmed, outcome: p.outcome } : undefined;
}

export function mxData(report: MxReport): MxData {
  const l = report.lookup;
  return {
    domain: l.domain,
    server: l.server,
    outcome: l.outcome,
    exchangers: l.exchangers.map((e) => ({
      preference: e.preference,
      host: e.host,
      addresses: e.addresses,
      cname: e.cname,
      ipLiteral: e.ipLiteral,
      source: e.source,
      ptr: e.addresses.map((a) => ptrFor(report.ptrs, a)).filter((p) => p !== undefined),
    })),
    implicit: l.implicit,
    nullMx: l.nullMx,
    cnameChain: l.cnameChain,
    authoritative: l.flags.aa,
    dnssec: l.flags.ad,
    ttl: l.ttl ?? null,
    transport: l.answer.transport,
    ptrChecked: report.ptrChecked,
    ...(l.error ? { error: l.error } : {}),
  };
}

function ptrCell(report: MxReport, address: string): [string, string] {
  if (!report.ptrChecked) return ['(not checked)', ''];
  const p = ptrFor(report.ptrs, address);
  if (!p) return ['', ''];
  if (p.names.length === 0)
    return [p.outcome === 'nxdomain' || p.outcome === 'nodata' ? '(none)' : `(${p.outcome})`, ''];
  return [p.names.join('\n'), p.confirmed ? 'yes' : 'NO'];
}

function noAddress(e: Exchanger, family?: 4 | 6): string {
  if (e.ipLiteral) return '(IP literal, not a name)';
  if (e.outcome === 'nxdomain') return '(name does not exist)';
  if (e.outcome === 'nodata')
    return family ? `(no ${family === 6 ? 'AAAA' : 'A'} records; -${family} given)` : '(no A/AAAA records)';
  return `(lookup failed: ${e.outcome})`;
}

/** nslookup's view: each exchanger with its preference and addresses, plus reverse DNS. */
export function mxTable(report: MxReport): DataTable | undefined {
  const l = report.lookup;
  if (l.exchangers.length === 0) return undefined;
  const flags = [l.flags.aa ? 'authoritative' : 'non-authoritative', l.flags.ad ? 'DNSSEC-validated' : '']
    .filter(Boolean)
    .join(', ');
  const rows: string[][] = [];
  for (const e of l.exchangers) {
    const name = e.cname ? `${e.host}\n(CNAME → ${e.cname})` : e.host;
    const pref = l.implicit ? '(implicit)' : String(e.preference);
    if (e.addresses.length === 0) rows.push([pref, name, noAddress(e, report.family), '', '']);
    for (const [i, a] of e.addresses.entries())
      rows.push([i === 0 ? pref : '', i === 0 ? name : '', a, ...ptrCell(report, a)]);
  }
  const alias = l.cnameChain.length ? `, alias of ${l.cnameChain.join(' → ')}` : '';
  return {
    id: 'mx.exchangers',
    title: `Mail exchangers for ${l.domain} (server ${l.server}, ${flags}${l.ttl !== undefined ? `, TTL ${l.ttl}s` : ''}${alias})`,
    // Long exchanger names with IPv6 addresses and PTR names (Google's) are too wide for 80
    // columns side by side: the PTR then goes under its address.
    columns: columns({
      pref: 'Pref',
      exchanger: 'Exchanger',
      address: 'Address',
      ptr: 'PTR',
      pointsBack: 'FCrDNS',
    }).map((c) => (c.key === 'ptr' ? { ...c, foldable: true } : c)),
    rows,
  };
}

export function mxMetrics(report: MxReport): Metric[] {
  const domain = report.lookup.domain;
  return [
    {
      name: 'mx_exchangers',
      value: report.lookup.exchangers.filter(() => !report.lookup.implicit).length,
      labels: { domain },
      help: 'MX records (excluding null MX) published for the domain',
    },
    {
      name: 'mx_addresses',
      value: new Set(report.lookup.exchangers.flatMap((e) => e.addresses)).size,
      labels: { domain },
      help: 'Distinct addresses of the exchangers',
    },
    {
      name: 'mx_lookup_time',
      value: report.elapsedMs,
      unit: 'ms',
      labels: { domain },
      help: 'Time to resolve MX, addresses and PTR',
    },
  ];
}

/** The Result for one domain; `tables: false` skips the human-only table (machine formats). */
export function mxResult(report: MxReport, opts: { tables?: boolean } = {}): Result<MxData> {
  const table = opts.tables === false ? undefined : mxTable(report);
  return {
    command: 'mx',
    target: report.domain,
    findings: judge(report),
    data: mxData(report),
    metrics: mxMetrics(report),
    ...(table ? { tables: [table] } : {}),
  };
}

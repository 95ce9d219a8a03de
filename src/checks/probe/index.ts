// `probe` as a function other commands reuse: resolve a target, probe every address of
// every exchanger on every planned port at once, and judge the records.
import type { ConnectionOptions } from 'node:tls';
import {
  isLookupFailure,
  type ResolvedTarget,
  type Resolver,
  resolveTarget,
  specialRange,
} from '../../dns/index.js';
import { Limiter } from '../../dns/limit.js';
import { columns, type DataTable, type Finding, finding, type Metric } from '../../findings/model.js';
import type { SocksProxy } from '../../smtp/proxy-url.js';
import type { SmtpTimeouts } from '../../smtp/session.js';
import { checkTruncated } from '../mx/judge.js';
import { type ProbeRecord, probeAddress } from './address.js';
import { endpoint, judge } from './judge.js';
import type { PortPlan } from './ports.js';

export { OUTCOMES, type Outcome, type ProbeRecord, probeAddress } from './address.js';
export { endpoint, judge, recordFinding } from './judge.js';
export { PORTS, type PortPlan, type PortSpec, PRESETS, planPorts, portSpec } from './ports.js';

export interface ProbeOptions {
  ports: PortPlan[];
  timeouts: SmtpTimeouts;
  family?: 4 | 6;
  tls?: ConnectionOptions;
  transcript?: boolean;
  /** Connections in flight at once (default 64). */
  concurrency?: number;
  /** Shared by several probeTarget calls, so --concurrency bounds the whole run, not each target. */
  limiter?: Limiter;
  /** Look up PTR names for public addresses that answer (default true). */
  ptr?: boolean;
  /** Connect through this SOCKS5 proxy (--proxy). */
  proxy?: SocksProxy;
}

export interface ProbeData {
  target: string;
  kind: ResolvedTarget['kind'] | 'unresolved';
  dnsServer: string;
  ports: number[];
  servers: { host: string; preference: number; addresses: string[] }[];
  results: ProbeRecord[];
  /** Addresses that answered on a required port / all addresses probed on required ports. */
  reachable: number;
  total: number;
  /** Exchangers with at least one answering address on a required port. */
  serversReachable: number;
  /** The SOCKS proxy every connection went through (no credentials): results are as seen from it. */
  proxy?: string;
}

export interface ProbeReport {
  findings: Finding[];
  data: ProbeData;
  metrics: Metric[];
  tables: DataTable[];
}

/** Probe given servers (already resolved) on the planned ports, all at once. */
export async function probeServers(
  servers: { host: string; addresses: string[] }[],
  opts: ProbeOptions,
): Promise<ProbeRecord[]> {
  const jobs = servers.flatMap((s) =>
    s.addresses.flatMap((address) => opts.ports.map((p) => ({ host: s.host, address, port: p.spec }))),
  );
  const limiter = opts.limiter ?? new Limiter(opts.concurrency ?? 64);
  // Each distinct address and port is connected to once, however many exchangers share it;
  // every exchanger still gets its own record (the same outcome under its own name).
  const once = new Map<string, Promise<ProbeRecord>>();
  return Promise.all(
    jobs.map(async (job) => {
      const key = `${job.address}|${job.port.port}`;
      let probe = once.get(key);
      if (!probe) {
        probe = limiter.run(() =>
          probeAddress(job, {
            timeouts: opts.timeouts,
            ...(opts.tls ? { tls: opts.tls } : {}),
            ...(opts.transcript ? { transcript: true } : {}),
            ...(opts.proxy ? { proxy: opts.proxy } : {}),
          }),
        );
        once.set(key, probe);
      }
      const rec = await probe;
      return rec.host === job.host ? rec : { ...rec, host: job.host };
    }),
  );
}

async function ptrNames(resolver: Resolver, records: ProbeRecord[]): Promise<Map<string, string[]>> {
  const wanted = [
    ...new Set(
      records
        .filter((r) => r.outcome === 'open' && r.bannerName && !specialRange(r.address))
        .map((r) => r.address),
    ),
  ];
  const out = new Map<string, string[]>();
  await Promise.all(
    wanted.map(async (a) => {
      const res = await resolver.ptr(a).catch(() => undefined);
      if (res?.outcome === 'ok') out.set(a, res.names);
    }),
  );
  return out;
}

/** What DNS said, naming the server once (resolver errors often name it already). */
export function dnsSaid(
  res: Pick<ResolvedTarget, 'error' | 'outcome' | 'server'>,
  otherwise: string,
): string {
  const said = res.error ?? otherwise;
  return said.includes(res.server) ? said : `${said} (DNS server ${res.server})`;
}

function resolutionFinding(res: ResolvedTarget): Finding {
  if (isLookupFailure(res.outcome)) {
    return finding('dns.error', 'unknown', {
      title: `Could not resolve ${res.target}: ${res.outcome}`,
      detail: `${dnsSaid(res, res.outcome)}. Nothing was probed.`,
      fix: "Check the DNS server (--dns) and this machine's network, then run mailflow mx for details.",
      ref: 'Book ch. 5, Using Nslookup to Verify DNS Configuration',
    });
  }
  return finding('probe.unresolved', 'fail', {
    title: `${res.target} has no address to probe`,
    detail: `${dnsSaid(res, `DNS says ${res.outcome}`)}.`,
    fix: `Publish MX records pointing at your mail servers, and A/AAAA records for them; run mailflow mx ${res.target} to see what DNS returns.`,
    ref: 'Book ch. 5, Verifying DNS Set Up for Inbound Mail',
  });
}

function metricsFor(records: ProbeRecord[], data: ProbeData): Metric[] {
  const m: Metric[] = [];
  for (const r of records) {
    const labels: Record<string, string> = r.host === r.address ? {} : { host: r.host };
    Object.assign(labels, { address: r.address, port: String(r.port) });
    if (r.connectMs !== undefined)
      m.push({ name: 'probe_connect', value: r.connectMs, unit: 'ms', labels, help: 'TCP connect time' });
    if (r.greetingMs !== undefined) {
      m.push({
        name: 'probe_greeting',
        value: r.greetingMs,
        unit: 'ms',
        labels,
        help: 'Time from connect to the complete greeting',
      });
    }
    if (r.tls?.certificate) {
      m.push({
        name: 'tls_cert_days_left',
        value: r.tls.certificate.daysLeft,
        unit: 'days',
        labels,
        help: 'Days until the certificate expires',
      });
    }
  }
  m.push({ name: 'probe_reachable', value: data.reachable, help: 'Addresses answering on required ports' });
  m.push({ name: 'probe_addresses', value: data.total, help: 'Addresses probed on required ports' });
  m.push({
    name: 'probe_servers_reachable',
    value: data.serversReachable,
    help: 'Exchangers with an answering address',
  });
  return m;
}

export function probeTables(records: ProbeRecord[], transcript: boolean): DataTable[] {
  // Nothing probed (DNS failed): the finding says why; an empty table would say nothing.
  if (records.length === 0) return [];
  const tables: DataTable[] = [
    {
      id: 'probe.ports',
      // At 80 columns an exchanger's name beside six columns leaves the banner too little room:
      // the port then goes under the server, the greeting time under the connect time.
      columns: columns({
        server: 'Server',
        port: 'Port',
        outcome: 'Outcome',
        connect: 'Connect',
        greeting: 'Greeting',
        banner: 'Banner / error',
      }).map((c) => (c.key === 'port' || c.key === 'greeting' ? { ...c, foldable: true } : c)),
      rows: records.map((r) => [
        r.host === r.address ? r.address : `${r.host}\n${r.address}`,
        `${r.port} ${r.service}`,
        r.outcome,
        r.connectMs === undefined ? '-' : `${r.connectMs} ms`,
        r.greetingMs === undefined ? '-' : `${r.greetingMs} ms`,
        (
          r.greeting?.join('\n') ??
          r.error?.message ??
          (r.tls ? `${r.tls.protocol} ${r.tls.cipher}` : '')
        ).slice(0, 300),
      ]),
    },
  ];
  if (transcript) {
    for (const r of records) {
      if (r.transcript)
        tables.push({
          id: 'probe.transcript',
          title: `Transcript ${endpoint(r)}`,
          columns: columns({ line: 'Conversation' }),
          rows: [[r.transcript.join('\n')]],
        });
    }
  }
  return tables;
}

export async function probeTarget(
  resolver: Resolver,
  target: string,
  opts: ProbeOptions,
): Promise<ProbeReport> {
  const res = await resolveTarget(resolver, target, opts.family ? { family: opts.family } : {});
  const servers = res.servers.map((s) => ({
    host: s.host,
    preference: s.preference,
    addresses: s.addresses,
  }));
  const records = res.outcome === 'ok' ? await probeServers(servers, opts) : [];
  const required = new Set(opts.ports.filter((p) => p.required).map((p) => p.spec.port));
  const ptr = opts.ptr === false ? new Map<string, string[]>() : await ptrNames(resolver, records);
  const onRequired = records.filter((r) => required.has(r.port));
  const open = onRequired.filter((r) => r.outcome === 'open');
  const data: ProbeData = {
    target,
    kind: res.outcome === 'ok' ? res.kind : 'unresolved',
    dnsServer: res.server,
    ports: opts.ports.map((p) => p.spec.port),
    servers,
    results: records,
    reachable: open.length,
    total: onRequired.length,
    serversReachable: new Set(open.map((r) => r.host)).size,
    ...(opts.proxy ? { proxy: opts.proxy.label } : {}),
  };
  const timeoutSeconds = opts.timeouts.connect / 1000;
  const findings = [
    ...(res.outcome === 'ok' ? judge({ records, required, timeoutSeconds, ptr }) : [resolutionFinding(res)]),
    ...checkTruncated(res.mx ?? {}),
  ];
  return {
    findings,
    data,
    metrics: metricsFor(records, data),
    tables: probeTables(records, !!opts.transcript),
  };
}

// `mailflow check`: for each domain, in the book's order — MX (ch. 5/7), reachability on
// port 25 and EHLO (ch. 5/7), STARTTLS, optionally the open-relay test (ch. 6) — plus MTA-STS,
// TLS-RPT, DANE, SPF and DMARC. DNS-only groups run alongside the SMTP sessions.
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { hostname } from 'node:os';
import { GROUPS, type Group, parseThresholds } from '../../commands/check.js';
import { type DaneHost, daneFindings } from '../checks/dane/index.js';
import { lookupTlsa } from '../checks/dane/lookup.js';
import { checkDmarc } from '../checks/dmarc/index.js';
import { ehloCheck } from '../checks/ehlo/index.js';
import { checkMtaSts } from '../checks/mta-sts/index.js';
import { analyzeMx, gatherMx, mxData } from '../checks/mx/index.js';
import { mxTable } from '../checks/mx/report.js';
import {
  judgeProbe,
  type ProbeRecord,
  planPorts,
  portSpec,
  probeAddress,
  probeServers,
  probeTables,
} from '../checks/probe/index.js';
import { txtLookupFrom } from '../checks/spf/dns.js';
import { checkSpf } from '../checks/spf/index.js';
import { gatherStarttls, type TlsGathered } from '../checks/starttls/gather.js';
import { starttlsFindings } from '../checks/starttls/index.js';
import { exchangerMetrics, slowFindings, type Thresholds, tlsTable } from '../checks/starttls/report.js';
import { checkTlsRpt } from '../checks/tls-rpt/index.js';
import type { RunContext } from '../cli/command.js';
import type { BaseArgs } from '../cli/options.js';
import { familyFromArgs, type Resolver, resolverFromArgs, splitHostPort } from '../dns/index.js';
import { UsageError } from '../findings/errors.js';
import {
  type DataTable,
  type Finding,
  finding,
  type Metric,
  type Result,
  worstSeverity,
} from '../findings/model.js';
import { timeoutsFromSeconds } from '../smtp/index.js';
import { domainsFrom } from './mx.js';

export interface CheckArgs extends BaseArgs {
  domains?: string[];
  file?: string[];
  concurrency: number;
  skip?: Group[];
  only?: Group[];
  'relay-test': boolean;
  control?: string;
  port: number;
  'helo-name'?: string;
  ca?: string;
  warning?: string;
  critical?: string;
  'mta-sts-port'?: number;
}

export interface Env {
  resolver: Resolver;
  dnsServer?: string;
  groups: Set<Group>;
  family?: 4 | 6;
  port: number;
  timeoutSeconds: number;
  heloName: string;
  ca?: string;
  control?: string;
  stsPort?: number;
  thresholds: Thresholds;
  thresholdsExplicit: boolean;
  relay: boolean;
  progress(text: string): void;
}

const BOOK_INBOUND = 'Book ch. 7, Troubleshooting Mail Flow (for incoming Internet mail to flow correctly)';

function groupsFrom(args: CheckArgs): Set<Group> {
  const base = args.only?.length ? args.only : GROUPS.filter((g) => !(args.skip ?? []).includes(g));
  const set = new Set<Group>(base);
  if (!args['relay-test']) set.delete('relay');
  return set;
}

/** Where every exchanger timed out, say what that does and does not prove (ch. 7: is a firewall blocking?). */
async function blockedPathFindings(
  env: Env,
  records: ProbeRecord[],
): Promise<{ findings: Finding[]; downgrade: boolean }> {
  if (records.length === 0 || !records.every((r) => r.outcome === 'timeout'))
    return { findings: [], downgrade: false };
  const ref = 'Book ch. 7, Using Telnet (determine whether a firewall is blocking a connection)';
  if (!env.control) {
    return {
      downgrade: true,
      findings: [
        finding('check.port25-maybe-blocked', 'unknown', {
          title: `No exchanger answered on port ${env.port}: the port may be blocked on the path from here`,
          detail:
            'Every connection attempt went unanswered. That happens when the servers’ firewalls drop the packets, but just as often when this machine’s network (cloud providers, home ISPs, offices) blocks outgoing port 25. Nothing here proves the servers are down.',
          fix: 'Run the check again with --control <host> naming a server known to accept port 25, or from a machine with direct Internet access.',
          ref,
        }),
      ],
    };
  }
  const { host, port } = splitHostPort(env.control);
  const address = isIP(host) ? host : (await env.resolver.addresses(host, env.family)).addresses[0];
  const rec = address
    ? await probeAddress(
        { host, address, port: portSpec(port ?? env.port) },
        { timeouts: timeoutsFromSeconds(env.timeoutSeconds) },
      )
    : undefined;
  if (rec?.outcome === 'open') {
    return {
      downgrade: false,
      findings: [
        finding('check.control-ok', 'info', {
          title: `Control host ${env.control} answered on port ${rec.port}, so the port is open from here`,
          detail:
            'The exchangers’ timeouts are therefore real: their firewalls drop connections, or the servers are off.',
          fix: 'Open the port on the exchangers’ firewalls and check that the mail service is running.',
          ref,
          data: { control: env.control, outcome: rec.outcome },
        }),
      ],
    };
  }
  return {
    downgrade: true,
    findings: [
      finding('check.port25-blocked', 'unknown', {
        title: `The control host ${env.control} did not answer either: port ${env.port} is blocked from this machine`,
        detail: `Control: ${rec ? rec.outcome : `no address for ${host}`}. The exchangers’ timeouts prove nothing about the servers.`,
        fix: 'Run the check from a network that allows outgoing port 25 (or ask the provider to unblock it).',
        ref,
        data: { control: env.control, outcome: rec?.outcome ?? 'unresolved' },
      }),
    ],
  };
}

function summaryTable(domain: string, byGroup: Map<Group, Finding[]>, verdict: string): DataTable {
  return {
    title: verdict,
    head: ['Group', 'Result', 'Findings'],
    rows: [...byGroup].map(([g, fs]) => [
      g,
      worstSeverity(fs).toUpperCase(),
      fs.map((f) => f.id).join(', ') || '-',
    ]),
  };
}

function verdictLine(
  domain: string,
  findings: Finding[],
  reachable: number,
  total: number,
  smtp: boolean,
  groups: Group[],
): string {
  const w = worstSeverity(findings);
  if (!smtp && !groups.includes('mx')) {
    const what = `${groups.join(', ')} for ${domain}`;
    if (w === 'ok' || w === 'info') return `Verdict: ${what}: nothing needs fixing.`;
    return `Verdict: ${what}: ${w === 'warn' ? 'warnings to look at' : w === 'unknown' ? 'could not be checked fully' : 'failures to fix'}.`;
  }
  const reach = smtp && total > 0 ? ` (${reachable} of ${total} exchangers answer)` : '';
  if (w === 'ok' || w === 'info') return `Verdict: ${domain} can receive mail${reach}; nothing needs fixing.`;
  if (w === 'warn') return `Verdict: ${domain} can receive mail${reach}, with warnings to look at.`;
  if (w === 'unknown')
    return `Verdict: could not tell whether ${domain} can receive mail${reach}; see the UNKNOWN findings.`;
  return `Verdict: ${domain} has failures${reach}; fix the FAIL findings first.`;
}

/** The open-relay test of `mailflow relay` (send issue), run against the domain's best reachable MX. */
async function relayStage(env: Env, domain: string): Promise<{ findings: Finding[]; data: unknown }> {
  const { run: relayRun } = await import('./relay.js');
  const silent = { progress: { update() {}, stop() {} }, verbose: false, warn() {} };
  const args = {
    targets: [domain],
    format: 'json' as const,
    verbose: false,
    _: [],
    port: env.port,
    helo: env.heloName,
    tls: true,
    ownDomain: domain,
    timeout: env.timeoutSeconds,
    ...(env.dnsServer ? { dns: env.dnsServer } : {}),
    ...(env.family === 4 ? { ipv4: true } : env.family === 6 ? { ipv6: true } : {}),
  };
  for await (const r of relayRun(args as Parameters<typeof relayRun>[0], silent))
    return { findings: r.findings, data: r.data };
  return { findings: [], data: null };
}

export async function checkDomain(domain: string, env: Env): Promise<Result> {
  const started = performance.now();
  const g = env.groups;
  const byGroup = new Map<Group, Finding[]>();
  const tables: DataTable[] = [];
  const data: Record<string, unknown> = { domain, groups: [...g] };
  const txt = txtLookupFrom(env.resolver);

  env.progress(`${domain}: MX records`);
  const mx = await gatherMx(env.resolver, domain, {
    ...(env.family ? { family: env.family } : {}),
    ptr: g.has('mx'),
  });
  const exchangers = mx.lookup.exchangers.filter((e) => e.addresses.length > 0 && !mx.lookup.nullMx);
  const mxHosts = mx.lookup.implicit ? [] : mx.lookup.exchangers.map((e) => e.host);
  if (g.has('mx')) {
    byGroup.set('mx', analyzeMx(mx));
    data.mx = mxData(mx);
    const t = mxTable(mx);
    if (t) tables.push(t);
  }

  // DNS-only groups run while the SMTP sessions are open.
  const txtPolicies = Promise.all([
    g.has('spf') ? checkSpf(txt, domain) : undefined,
    g.has('dmarc') ? checkDmarc(txt, domain) : undefined,
    g.has('tls-rpt') ? checkTlsRpt(txt, domain) : undefined,
    g.has('mta-sts') || g.has('tls')
      ? checkMtaSts(txt, domain, mxHosts, {
          timeoutMs: env.timeoutSeconds * 1000,
          resolve: async (h) => {
            const a = await env.resolver.addresses(h, env.family);
            return a.addresses.map((address) => ({
              address,
              family: address.includes(':') ? (6 as const) : (4 as const),
            }));
          },
          ...(env.stsPort ? { port: env.stsPort } : {}),
          ...(env.ca ? { ca: env.ca } : {}),
        })
      : undefined,
  ]);
  const tlsaAnswers =
    g.has('dane') || g.has('tls')
      ? Promise.all(exchangers.map((e) => lookupTlsa(env.resolver, e.host, env.port)))
      : Promise.resolve([]);

  let records: ProbeRecord[] = [];
  if (g.has('smtp') && exchangers.length === 0 && !g.has('mx')) {
    byGroup.set('smtp', [
      finding(
        'check.no-exchangers',
        mx.lookup.outcome === 'ok' || mx.lookup.outcome === 'nxdomain' || mx.lookup.outcome === 'nodata'
          ? 'fail'
          : 'unknown',
        {
          title: `No exchanger with an address for ${domain}; nothing to connect to`,
          detail: `MX lookup: ${mx.lookup.nullMx ? 'null MX (the domain accepts no mail)' : (mx.lookup.error ?? mx.lookup.outcome)} (DNS server ${mx.lookup.server}).`,
          fix: `Run mailflow mx ${domain} (or this check without --skip mx) for the DNS details.`,
          ref: 'Book ch. 5, Using Nslookup to Verify DNS Configuration',
        },
      ),
    ]);
  }
  if (g.has('smtp') && exchangers.length > 0) {
    env.progress(`${domain}: probing ${exchangers.length} exchanger(s) on port ${env.port}`);
    records = await probeServers(exchangers, {
      ports: planPorts(undefined, env.port),
      timeouts: timeoutsFromSeconds(env.timeoutSeconds),
      ...(env.family ? { family: env.family } : {}),
    });
    let smtpFindings = judgeProbe({
      records,
      required: new Set([env.port]),
      timeoutSeconds: env.timeoutSeconds,
    });
    const blocked = await blockedPathFindings(env, records);
    if (blocked.downgrade) {
      smtpFindings = smtpFindings.map((f) =>
        f.id === 'probe.timeout' ? { ...f, severity: 'unknown' as const } : f,
      );
    }
    smtpFindings.push(...blocked.findings, ...slowFindings(records, env.thresholds));
    byGroup.set('smtp', smtpFindings);
    tables.push(
      ...probeTables(records, false).map((t) => ({
        ...t,
        title: t.title ?? `Port ${env.port} per exchanger address`,
      })),
    );
    data.probe = records;
  }

  const reachableHosts = new Set(records.filter((r) => r.outcome === 'open').map((r) => r.host));
  if (g.has('smtp') && reachableHosts.size > 0) {
    env.progress(`${domain}: EHLO on ${reachableHosts.size} exchanger(s)`);
    const ehlo = await Promise.all(
      exchangers
        .filter((e) => reachableHosts.has(e.host))
        .map((e) =>
          ehloCheck(e, {
            port: env.port,
            timeouts: timeoutsFromSeconds(env.timeoutSeconds),
            heloName: env.heloName,
            starttls: false,
          }),
        ),
    );
    // STARTTLS is judged by the tls group, with MTA-STS/DANE context; keep EHLO to the verbs.
    const ehloFindings = ehlo.flatMap((r) =>
      r.findings.filter((f) => f.id !== 'ehlo.no-starttls' && f.id !== 'ehlo.tls-cert'),
    );
    byGroup.get('smtp')?.push(...ehloFindings);
    data.ehlo = ehlo.map((r) => r.data);
  }
  const tlsTargets = g.has('smtp') ? exchangers.filter((e) => reachableHosts.has(e.host)) : exchangers;
  let tls: TlsGathered[] = [];
  if ((g.has('tls') || g.has('dane')) && tlsTargets.length > 0) {
    env.progress(`${domain}: STARTTLS on ${tlsTargets.length} exchanger(s)`);
    const opts = {
      port: env.port,
      heloName: env.heloName,
      timeoutSeconds: env.timeoutSeconds,
      ...(env.ca ? { ca: env.ca } : {}),
    };
    tls = await Promise.all(tlsTargets.map((e) => gatherStarttls(e.host, e.addresses, opts)));
  }

  env.progress(`${domain}: MTA-STS, TLS-RPT, DANE, SPF, DMARC`);
  const [spf, dmarc, tlsRpt, sts] = await txtPolicies;
  const tlsa = await tlsaAnswers;
  const dane = daneFindings(
    exchangers
      .filter((_, i) => tlsa[i])
      .map((e, i) => {
        const t = tls.find((x) => x.host === e.host);
        const tlsState = t?.observation
          ? { offered: t.observation.offered, ok: !!t.observation.handshake?.ok, chain: t.chain }
          : undefined;
        return { host: e.host, port: env.port, tlsa: tlsa[i]!, ...(tlsState ? { tls: tlsState } : {}) };
      }),
  );
  const daneBy = new Map<string, DaneHost>(dane.hosts.map((h) => [h.host, h]));
  if (g.has('tls')) {
    const enforce = sts?.data.mode === 'enforce';
    const tlsFindings = tls.flatMap((t) =>
      t.observation
        ? starttlsFindings(t.observation, {
            requirement: (h) => (daneBy.get(h)?.applies ? 'dane' : enforce ? 'mta-sts' : undefined),
            daneMatched: (h) => daneBy.get(h)?.matched === true,
            warnDays: env.thresholds.warnDays,
            critDays: env.thresholds.critDays,
            thresholdsExplicit: env.thresholdsExplicit,
          })
        : [],
    );
    byGroup.set('tls', tlsFindings);
    const t = tlsTable(tls);
    if (t) tables.push(t);
    data.tls = tls.map(({ chain: _chain, ...rest }) => rest);
  }
  if (g.has('relay')) {
    env.progress(`${domain}: open-relay test`);
    const relay = await relayStage(env, domain);
    byGroup.set('relay', relay.findings);
    data.relay = relay.data;
  }
  if (g.has('mta-sts') && sts) {
    byGroup.set('mta-sts', sts.findings);
    data.mtaSts = sts.data;
  }
  if (tlsRpt) {
    byGroup.set('tls-rpt', tlsRpt.findings);
    data.tlsRpt = tlsRpt.data;
  }
  if (g.has('dane')) {
    byGroup.set('dane', dane.findings);
    data.dane = dane.hosts;
  }
  if (spf) {
    byGroup.set('spf', spf.findings);
    data.spf = {
      record: spf.walk.record ?? null,
      lookups: spf.walk.lookups,
      voids: spf.walk.voids,
      includes: spf.walk.nodes,
    };
  }
  if (dmarc) {
    byGroup.set('dmarc', dmarc.findings);
    data.dmarc = {
      name: dmarc.data.name ?? null,
      record: dmarc.data.record ?? null,
      inherited: dmarc.data.inherited,
    };
  }

  const ordered = new Map(
    [...GROUPS].filter((x) => byGroup.has(x)).map((x) => [x, byGroup.get(x)!] as const),
  );
  const findings = [...ordered.values()].flat();
  const reachable = reachableHosts.size;
  const verdict = verdictLine(domain, findings, reachable, exchangers.length, g.has('smtp'), [...g]);
  data.verdict = verdict;
  const metrics: Metric[] = [
    ...(g.has('smtp') ? exchangerMetrics(records, tls, env.thresholds, exchangers.length) : []),
    {
      name: 'check_duration',
      value: Math.round(performance.now() - started) / 1000,
      unit: 's',
      help: 'Time the whole check took',
    },
  ];
  return {
    command: 'check',
    target: domain,
    findings,
    data,
    metrics,
    tables: [summaryTable(domain, ordered, verdict), ...tables],
  };
}

function envFrom(args: CheckArgs, ctx: RunContext): Env {
  const w = parseThresholds(args.warning, '--warning');
  const c = parseThresholds(args.critical, '--critical');
  let ca: string | undefined;
  if (args.ca) {
    try {
      ca = readFileSync(args.ca, 'utf8');
    } catch (e) {
      throw new UsageError(
        `cannot read --ca ${args.ca}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
      );
    }
    if (!ca.includes('-----BEGIN CERTIFICATE-----'))
      throw new UsageError(`--ca ${args.ca} holds no PEM certificate`);
  }
  const family = familyFromArgs(args);
  return {
    resolver: resolverFromArgs(args),
    ...(args.dns ? { dnsServer: args.dns } : {}),
    groups: groupsFrom(args),
    ...(family ? { family } : {}),
    port: args.port,
    timeoutSeconds: args.timeout ?? 10,
    heloName:
      args['helo-name'] ?? (hostname().includes('.') ? hostname() : `${hostname() || 'mailflow'}.invalid`),
    ...(ca ? { ca } : {}),
    ...(args.control ? { control: args.control } : {}),
    ...(args['mta-sts-port'] ? { stsPort: args['mta-sts-port'] } : {}),
    thresholds: {
      ...(w.time !== undefined ? { warnTime: w.time } : {}),
      ...(c.time !== undefined ? { critTime: c.time } : {}),
      warnDays: w.days ?? 21,
      critDays: c.days ?? 7,
    },
    thresholdsExplicit: w.days !== undefined || c.days !== undefined,
    relay: args['relay-test'],
    progress: (t) => ctx.progress.update(t),
  };
}

export async function* run(args: CheckArgs, ctx: RunContext): AsyncIterable<Result> {
  const domains = await domainsFrom({ ...args, ptr: true });
  const env = envFrom(args, ctx);
  const many = domains.length > 1;
  let done = 0;
  const envFor: Env = many ? { ...env, progress: () => {} } : env;
  const pending: Promise<Result>[] = [];
  let next = 0;
  const start = () => {
    const domain = domains[next++]!;
    pending.push(
      checkDomain(domain, envFor).then((r) => {
        done++;
        if (many) ctx.progress.update(`Checked ${done}/${domains.length} domains`);
        return r;
      }),
    );
  };
  while (next < domains.length || pending.length > 0) {
    while (next < domains.length && pending.length < args.concurrency) start();
    yield await pending.shift()!;
  }
}

// `mailflow check`: for each domain, in the book's order — MX (ch. 5/7), reachability on
// port 25 and EHLO (ch. 5/7), STARTTLS, optionally the open-relay test (ch. 6) — plus MTA-STS,
// TLS-RPT, DANE, SPF and DMARC. DNS-only groups run alongside the SMTP sessions.
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { hostname } from 'node:os';
import { GROUPS, type Group, parseThresholds } from '../../commands/check.js';
import { type DaneHost, daneFindings } from '../checks/dane/index.js';
import { lookupTlsa } from '../checks/dane/lookup.js';
import { ehloCheck } from '../checks/ehlo/index.js';
import { allTimedOut, blockedPathVerdict, type ControlResult } from '../checks/inbound/blocked.js';
import { readPolicies } from '../checks/inbound/policies.js';
import { summaryTable, verdictLine } from '../checks/inbound/verdict.js';
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
import { gatherStarttls, type TlsGathered } from '../checks/starttls/gather.js';
import { starttlsFindings } from '../checks/starttls/index.js';
import { exchangerMetrics, slowFindings, type Thresholds, tlsTable } from '../checks/starttls/report.js';
import type { RunContext } from '../cli/command.js';
import type { BaseArgs } from '../cli/options.js';
import { familyFromArgs, type Resolver, resolverFromArgs, splitHostPort } from '../dns/index.js';
import { UsageError } from '../findings/errors.js';
import { type DataTable, type Finding, finding, type Metric, type Result } from '../findings/model.js';
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
  ptr: boolean;
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
  transcript: boolean;
  ptr: boolean;
  progress(text: string): void;
}

function groupsFrom(args: CheckArgs): Set<Group> {
  const base = args.only?.length ? args.only : GROUPS.filter((g) => !(args.skip ?? []).includes(g));
  const set = new Set<Group>(base);
  if (!args['relay-test']) set.delete('relay');
  return set;
}

/** Probe the --control host when every exchanger timed out. */
async function probeControl(env: Env): Promise<ControlResult | undefined> {
  if (!env.control) return undefined;
  const { host, port } = splitHostPort(env.control);
  const p = port ?? env.port;
  const address = isIP(host) ? host : (await env.resolver.addresses(host, env.family)).addresses[0];
  if (!address) return { name: env.control, outcome: 'unresolved', port: p };
  const rec = await probeAddress(
    { host, address, port: portSpec(p) },
    { timeouts: timeoutsFromSeconds(env.timeoutSeconds) },
  );
  return { name: env.control, outcome: rec.outcome, port: p };
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

  env.progress(`${domain}: MX records`);
  const mx = await gatherMx(env.resolver, domain, {
    ...(env.family ? { family: env.family } : {}),
    ptr: g.has('mx') && env.ptr,
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
  const policies = readPolicies(domain, mxHosts, {
    resolver: env.resolver,
    ...(env.family ? { family: env.family } : {}),
    timeoutSeconds: env.timeoutSeconds,
    spf: g.has('spf'),
    dmarc: g.has('dmarc'),
    tlsRpt: g.has('tls-rpt'),
    mtaSts: g.has('mta-sts') || g.has('tls'),
    ...(env.stsPort ? { stsPort: env.stsPort } : {}),
    ...(env.ca ? { ca: env.ca } : {}),
  });
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
      ...(env.transcript ? { transcript: true } : {}),
    });
    let smtpFindings = judgeProbe({
      records,
      required: new Set([env.port]),
      timeoutSeconds: env.timeoutSeconds,
    });
    const control = allTimedOut(records) ? await probeControl(env) : undefined;
    const blocked = blockedPathVerdict(records, env.port, control);
    if (blocked.downgrade) {
      smtpFindings = smtpFindings.map((f) =>
        f.id === 'probe.timeout' ? { ...f, severity: 'unknown' as const } : f,
      );
    }
    smtpFindings.push(...blocked.findings, ...slowFindings(records, env.thresholds));
    byGroup.set('smtp', smtpFindings);
    tables.push(
      ...probeTables(records, env.transcript).map((t) => ({
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
            ...(env.transcript ? { transcript: true } : {}),
          }),
        ),
    );
    // STARTTLS is judged by the tls group, with MTA-STS/DANE context; keep EHLO to the verbs.
    const ehloFindings = ehlo.flatMap((r) =>
      r.findings.filter((f) => f.id !== 'ehlo.no-starttls' && f.id !== 'ehlo.tls-cert'),
    );
    byGroup.get('smtp')?.push(...ehloFindings);
    for (const r of ehlo) {
      for (const t of r.tables) {
        if (t.title && /^(Advertised|Transcript)/.test(t.title))
          tables.push({ ...t, title: `${r.data.host}: ${t.title}` });
      }
    }
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
  const { spf, dmarc, tlsRpt, sts } = await policies;
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
  const findings = [...ordered].flatMap(([group, fs]) => fs.map((f) => ({ ...f, group })));
  const reachable = reachableHosts.size;
  const verdict = verdictLine(
    domain,
    ordered,
    g.has('smtp') ? { reachable, total: exchangers.length } : undefined,
  );
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
    tables: [summaryTable(ordered, verdict), ...tables],
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
    transcript: !!args.transcript,
    ptr: args.ptr !== false,
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

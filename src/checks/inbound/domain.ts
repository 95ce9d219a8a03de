// `mailflow check` for one domain, in the book's order — MX (ch. 5/7), reachability on port 25
// and EHLO (ch. 5/7), STARTTLS, optionally the open-relay test (ch. 6) — plus MTA-STS, TLS-RPT,
// DANE, SPF and DMARC. The DNS-only groups run while the SMTP sessions are open.
import { GROUPS, type Group } from '../../../commands/check.js';
import { type DataTable, type Finding, finding, type Metric, type Result } from '../../findings/model.js';
import { lookupTlsa } from '../dane/lookup.js';
import { dmarcJson } from '../dmarc/index.js';
import { analyzeMx, gatherMx, mxData } from '../mx/index.js';
import { mxTable } from '../mx/report.js';
import type { ProbeRecord } from '../probe/index.js';
import { spfJson } from '../spf/index.js';
import type { TlsGathered } from '../starttls/gather.js';
import { exchangerMetrics } from '../starttls/report.js';
import type { Env } from './env.js';
import { readPolicies } from './policies.js';
import { relayStage } from './relay.js';
import { smtpStage } from './smtp.js';
import { daneStage, gatherTls, tlsStage } from './tls.js';
import { summaryTable, verdictLine } from './verdict.js';

function noExchangers(domain: string, lookup: Awaited<ReturnType<typeof gatherMx>>['lookup']): Finding {
  const proven = lookup.outcome === 'ok' || lookup.outcome === 'nxdomain' || lookup.outcome === 'nodata';
  return finding('check.no-exchangers', proven ? 'fail' : 'unknown', {
    title: `No exchanger with an address for ${domain}; nothing to connect to`,
    detail: `MX lookup: ${lookup.nullMx ? 'null MX (the domain accepts no mail)' : (lookup.error ?? lookup.outcome)} (DNS server ${lookup.server}).`,
    fix: `Run mailflow mx ${domain} (or this check without --skip mx) for the DNS details.`,
    ref: 'Book ch. 5, Using Nslookup to Verify DNS Configuration',
  });
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
  // Both are awaited below; this keeps an early rejection from counting as unhandled meanwhile.
  for (const p of [policies, tlsaAnswers]) p.catch(() => {});

  let records: ProbeRecord[] = [];
  let reachable = new Set<string>();
  if (g.has('smtp') && exchangers.length === 0 && !g.has('mx')) {
    byGroup.set('smtp', [noExchangers(domain, mx.lookup)]);
  }
  if (g.has('smtp') && exchangers.length > 0) {
    const smtp = await smtpStage(env, domain, exchangers);
    byGroup.set('smtp', smtp.findings);
    tables.push(...smtp.tables);
    data.probe = smtp.records;
    if (smtp.ehlo) data.ehlo = smtp.ehlo;
    records = smtp.records;
    reachable = smtp.reachable;
  }

  let tls: TlsGathered[] = [];
  if (g.has('tls') || g.has('dane')) {
    const targets = g.has('smtp') ? exchangers.filter((e) => reachable.has(e.host)) : exchangers;
    tls = await gatherTls(env, domain, targets);
  }

  env.progress(`${domain}: MTA-STS, TLS-RPT, DANE, SPF, DMARC`);
  const { spf, dmarc, tlsRpt, sts } = await policies;
  const dane = daneStage(env, exchangers, await tlsaAnswers, tls);
  if (g.has('tls')) {
    const t = tlsStage(env, tls, dane.hosts, sts?.data.mode === 'enforce');
    byGroup.set('tls', t.findings);
    if (t.table) tables.push(t.table);
    data.tls = t.data;
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
    const none = exchangers.length === 0 && !g.has('mx') ? [noExchangers(domain, mx.lookup)] : [];
    byGroup.set('dane', [...none, ...dane.findings]);
    data.dane = dane.hosts;
  }
  if (spf) {
    byGroup.set('spf', spf.findings);
    data.spf = spfJson(spf.walk);
  }
  if (dmarc) {
    byGroup.set('dmarc', dmarc.findings);
    data.dmarc = dmarcJson(dmarc.data);
  }

  const ordered = new Map(GROUPS.filter((x) => byGroup.has(x)).map((x) => [x, byGroup.get(x)!] as const));
  const findings = [...ordered].flatMap(([group, fs]) => fs.map((f) => ({ ...f, group })));
  const verdict = verdictLine(
    domain,
    ordered,
    g.has('smtp') ? { reachable: reachable.size, total: exchangers.length } : undefined,
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

// `mailflow check` for one domain, in the book's order — MX (ch. 5/7), reachability on port 25
// and EHLO (ch. 5/7), STARTTLS, optionally the open-relay test (ch. 6) — plus MTA-STS, TLS-RPT,
// DANE, SPF and DMARC. The DNS-only groups run while the SMTP sessions are open. A domain that
// does not exist stops after the MX question; a group that could test nothing is unknown; the
// whole check ends at its --deadline with what it has.
import { GROUPS, type Group } from '../../../commands/check.js';
import { type DataTable, type Finding, finding, type Metric, type Result } from '../../findings/model.js';
import { blocklistMetrics, checkExchangers } from '../blocklist/index.js';
import { lookupTlsa } from '../dane/lookup.js';
import { dmarcJson } from '../dmarc/index.js';
import { analyzeMx, gatherMx, mxData } from '../mx/index.js';
import { mxTable } from '../mx/report.js';
import type { ProbeRecord } from '../probe/index.js';
import { spfJson } from '../spf/index.js';
import type { TlsGathered } from '../starttls/gather.js';
import { exchangerMetrics, tlsMetrics } from '../starttls/report.js';
import type { Env } from './env.js';
import { deadlineHit, noTargetReason, notTested } from './not-tested.js';
import { readPolicies } from './policies.js';
import { relayStage } from './relay.js';
import { smtpStage } from './smtp.js';
import { daneStage, gatherTls, tlsStage } from './tls.js';
import { summaryTable, verdictOf } from './verdict.js';

type MxLookupOf = Awaited<ReturnType<typeof gatherMx>>['lookup'];

function noExchangers(domain: string, lookup: MxLookupOf, family?: 4 | 6): Finding {
  const proven = lookup.outcome === 'ok' || lookup.outcome === 'nxdomain' || lookup.outcome === 'nodata';
  return finding('check.no-exchangers', proven ? 'fail' : 'unknown', {
    title: proven
      ? `No exchanger with an address for ${domain}; nothing to connect to`
      : `Could not tell which servers receive mail for ${domain}: the MX lookup failed`,
    detail: `${noTargetReason(lookup, family)}.`.replace(/^./, (c) => c.toUpperCase()),
    fix: `Run mailflow mx ${domain} (or this check without --skip mx) for the DNS details.`,
    ref: 'Book ch. 5, Using Nslookup to Verify DNS Configuration',
  });
}

/** What a check has gathered so far; the deadline reports whatever is here. */
interface State {
  byGroup: Map<Group, Finding[]>;
  tables: DataTable[];
  data: Record<string, unknown>;
  records: ProbeRecord[];
  tls: TlsGathered[];
  exchangers: { host: string; addresses: string[] }[];
  reachable: Set<string>;
  /** Groups asked for but deliberately not run, with the reason. */
  skipped: Map<Group, string>;
  /** Groups with a first part in byGroup and more still running (smtp: probed, EHLO pending). */
  partial: Set<Group>;
}

export async function checkDomain(domain: string, env: Env): Promise<Result> {
  const started = performance.now();
  const st: State = {
    byGroup: new Map(),
    tables: [],
    data: { domain, groups: [...env.groups] },
    records: [],
    tls: [],
    exchangers: [],
    reachable: new Set(),
    skipped: new Map(),
    partial: new Set(),
  };
  const seconds = env.deadlineSeconds;
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'deadline'>((resolve) => {
    timer = setTimeout(() => resolve('deadline'), seconds * 1000);
  });
  const work = gather(domain, env, st);
  // Awaited in the race below, or abandoned at the deadline: either way not "unhandled".
  work.catch(() => {});
  const how = await Promise.race([work.then(() => 'done' as const), deadline]);
  clearTimeout(timer);
  return finish(domain, env, how === 'deadline' ? snapshot(st) : st, how === 'deadline', started);
}

/** A copy the abandoned work can no longer change. */
function snapshot(st: State): State {
  return {
    ...st,
    byGroup: new Map([...st.byGroup].map(([g, fs]) => [g, [...fs]])),
    tables: [...st.tables],
    data: { ...st.data },
    records: [...st.records],
    tls: [...st.tls],
    reachable: new Set(st.reachable),
    skipped: new Map(st.skipped),
    partial: new Set(st.partial),
  };
}

async function gather(domain: string, env: Env, st: State): Promise<void> {
  const g = env.groups;
  env.progress(`${domain}: MX records`);
  const mx = await gatherMx(env.resolver, domain, {
    ...(env.family ? { family: env.family } : {}),
    ptr: g.has('mx') && env.ptr,
  });
  if (mx.lookup.outcome === 'nxdomain') {
    // The domain does not exist: nothing about its servers or records can be true or false. One
    // exception when asked for by name (--only dmarc): DMARC's np= says what receivers do with
    // mail claiming to come from a name that does not exist (RFC 9989).
    const dmarcAsked = env.onlyGroups && g.has('dmarc');
    st.byGroup.set('mx', analyzeMx(mx));
    st.data.mx = mxData(mx);
    for (const x of g)
      if (x !== 'mx' && !(x === 'dmarc' && dmarcAsked))
        st.skipped.set(x, 'the domain does not exist (NXDOMAIN)');
    if (!dmarcAsked) return;
    const { dmarc } = await readPolicies(domain, [], {
      resolver: env.resolver,
      timeoutSeconds: env.timeoutSeconds,
      spf: false,
      dmarc: true,
      tlsRpt: false,
      mtaSts: false,
    });
    if (dmarc) {
      st.byGroup.set('dmarc', dmarc.findings);
      st.data.dmarc = dmarcJson(dmarc.data);
    }
    return;
  }
  const exchangers = mx.lookup.nullMx ? [] : mx.lookup.exchangers.filter((e) => e.addresses.length > 0);
  st.exchangers = exchangers;
  const mxHosts = mx.lookup.implicit ? [] : mx.lookup.exchangers.map((e) => e.host);
  const noTarget = noTargetReason(mx.lookup, env.family);
  if (g.has('mx')) {
    st.byGroup.set('mx', analyzeMx(mx));
    st.data.mx = mxData(mx);
    const t = mxTable(mx);
    if (t) st.tables.push(t);
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
  const blocklist = g.has('blocklist')
    ? checkExchangers(
        env.resolver,
        domain,
        exchangers.flatMap((e) => e.addresses),
      )
    : undefined;
  // All are awaited below; this keeps an early rejection from counting as unhandled meanwhile.
  for (const p of [policies, tlsaAnswers, blocklist]) p?.catch(() => {});

  if (g.has('smtp') && exchangers.length === 0) {
    st.byGroup.set('smtp', [noExchangers(domain, mx.lookup, env.family)]);
  }
  if (g.has('smtp') && exchangers.length > 0) {
    const smtp = await smtpStage(env, domain, exchangers, (part) => {
      st.byGroup.set('smtp', part.findings);
      st.data.probe = part.records;
      st.records = part.records;
      st.reachable = part.reachable;
      st.partial.add('smtp');
    });
    st.partial.delete('smtp');
    st.byGroup.set('smtp', smtp.findings);
    st.tables.push(...smtp.tables);
    st.data.probe = smtp.records;
    if (smtp.ehlo) st.data.ehlo = smtp.ehlo;
    st.records = smtp.records;
    st.reachable = smtp.reachable;
  }

  const targets = g.has('smtp') ? exchangers.filter((e) => st.reachable.has(e.host)) : exchangers;
  // Why there is nothing to test is already a finding of its own (smtp: unreachable; mx/smtp: no
  // exchanger), which then decides the status; otherwise "not tested" is the news, and unknown.
  const causeShown = g.has('smtp') || (exchangers.length === 0 && g.has('mx'));
  if (g.has('tls') || g.has('dane')) st.tls = await gatherTls(env, domain, targets);

  env.progress(`${domain}: MTA-STS, TLS-RPT, DANE, SPF, DMARC`);
  const { spf, dmarc, tlsRpt, sts } = await policies;
  const dane = daneStage(env, exchangers, await tlsaAnswers, st.tls);
  if (g.has('tls')) {
    const t = tlsStage(env, st.tls, dane.hosts, sts?.data.mode === 'enforce');
    const none =
      targets.length > 0
        ? []
        : [
            notTested(
              'tls',
              {
                title:
                  exchangers.length > 0
                    ? 'No exchanger reachable, TLS not tested'
                    : `TLS not tested: ${noTarget}`,
                detail:
                  exchangers.length > 0
                    ? `None of the ${exchangers.length} exchanger(s) answered on port ${env.port} (see the smtp group), so STARTTLS and the certificates could not be checked.`
                    : `There is nothing to connect to: ${noTarget}.`,
                fix: 'Make the exchangers reachable on port 25 (see the smtp group), then check again.',
              },
              causeShown,
            ),
          ];
    st.byGroup.set('tls', [...none, ...t.findings]);
    if (t.table) st.tables.push(t.table);
    st.data.tls = t.data;
  }
  if (g.has('relay')) {
    env.progress(`${domain}: open-relay test`);
    const relay = await relayStage(env, domain);
    st.byGroup.set('relay', relay.findings);
    st.data.relay = relay.data;
  }
  if (g.has('mta-sts') && sts) {
    st.byGroup.set('mta-sts', sts.findings);
    st.data.mtaSts = sts.data;
  }
  if (tlsRpt) {
    st.byGroup.set('tls-rpt', tlsRpt.findings);
    st.data.tlsRpt = tlsRpt.data;
  }
  if (g.has('dane')) {
    const none =
      exchangers.length > 0
        ? []
        : [
            notTested(
              'dane',
              {
                title: `DANE not tested: ${noTarget}`,
                detail: `There is no exchanger to look up TLSA records for: ${noTarget}.`,
                fix: `Run mailflow mx ${domain} for the DNS details.`,
              },
              causeShown,
            ),
          ];
    st.byGroup.set('dane', [...none, ...dane.findings]);
    st.data.dane = dane.hosts;
  }
  if (spf) {
    st.byGroup.set('spf', spf.findings);
    st.data.spf = spfJson(spf.walk);
  }
  if (dmarc) {
    st.byGroup.set('dmarc', dmarc.findings);
    st.data.dmarc = dmarcJson(dmarc.data);
  }
  if (blocklist) {
    const b = await blocklist;
    st.byGroup.set('blocklist', b.findings);
    st.data.blocklist = b.data;
  }
}

function finish(domain: string, env: Env, st: State, timedOut: boolean, started: number): Result {
  const g = env.groups;
  // Every group asked for ends with findings: unfinished at the deadline, or nothing tested.
  for (const x of GROUPS) {
    if (!g.has(x) || st.skipped.has(x)) continue;
    const fs = st.byGroup.get(x);
    if (timedOut && st.partial.has(x))
      st.byGroup.set(x, [...(fs ?? []), deadlineHit(x, domain, env.deadlineSeconds)]);
    else if (!fs && timedOut) st.byGroup.set(x, [deadlineHit(x, domain, env.deadlineSeconds)]);
    else if (!fs || fs.length === 0)
      st.byGroup.set(x, [
        notTested(x, {
          title: `${x}: nothing was tested`,
          detail: `The ${x} group produced no result for ${domain}.`,
          fix: 'Run the check again with -v, or this group alone with --only.',
        }),
      ]);
  }
  const ordered = new Map(
    GROUPS.filter((x) => st.byGroup.has(x)).map((x) => [x, st.byGroup.get(x)!] as const),
  );
  const findings = [...ordered].flatMap(([group, fs]) => fs.map((f) => ({ ...f, group })));
  const verdict = verdictOf(
    domain,
    ordered,
    g.has('smtp') && st.byGroup.get('smtp')?.[0]?.id !== 'check.deadline'
      ? { reachable: st.reachable.size, total: st.exchangers.length }
      : undefined,
  );
  const data = {
    ...st.data,
    verdict,
    ...(st.skipped.size ? { skipped: Object.fromEntries(st.skipped) } : {}),
  };
  const metrics: Metric[] = [
    ...(g.has('smtp') ? exchangerMetrics(st.records, env.thresholds, st.exchangers.length) : []),
    ...(g.has('tls') ? tlsMetrics(st.tls, env.thresholds) : []),
    ...(st.data.blocklist ? blocklistMetrics(domain, st.byGroup.get('blocklist') ?? []) : []),
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
    tables: [summaryTable(ordered, verdict.text, st.skipped), ...st.tables],
  };
}

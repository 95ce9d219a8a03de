// The smtp group's judgement: the probe records (with what the control probe proves about the
// path), then the EHLO reports. Pure.
import { type DataTable, type Finding, finding } from '../../findings/model.js';
import type { Facts, GroupOutput, JudgeContext, MxFacts } from '../group.js';
import { probeTables } from '../probe/index.js';
import { judge as judgeProbe } from '../probe/judge.js';
import { slowFindings } from '../tls/report.js';
import { blockedPathVerdict } from './blocked.js';

/** The EHLO tables `check` shows (the greeting and TLS tables belong to `mailflow ehlo`). */
const EHLO_TABLES = new Set(['ehlo.extensions', 'ehlo.transcript']);

function noExchangers(domain: string, mx: MxFacts): Finding {
  const lookup = mx.report.lookup;
  const proven = lookup.outcome === 'ok' || lookup.outcome === 'nxdomain' || lookup.outcome === 'nodata';
  return finding('check.no-exchangers', proven ? 'fail' : 'unknown', {
    title: proven
      ? `No exchanger with an address for ${domain}; nothing to connect to`
      : `Could not tell which servers receive mail for ${domain}: the MX lookup failed`,
    detail: `${mx.noTarget}.`.replace(/^./, (c) => c.toUpperCase()),
    fix: `Run mailflow mx ${domain} (or this check without --skip mx) for the DNS details.`,
    ref: 'Book ch. 5, Using Nslookup to Verify DNS Configuration',
  });
}

export function judge(
  f: Pick<Facts, 'probe'> & Partial<Pick<Facts, 'ehlo'>>,
  ctx: JudgeContext,
): GroupOutput {
  const { env } = ctx;
  if (!f.probe) return { findings: [noExchangers(ctx.domain, ctx.mx)] };
  const { records, control } = f.probe;
  const blocked = blockedPathVerdict(records, env.port, control);
  const findings = [
    // Timeouts from a network that blocks port 25 prove nothing about the servers.
    ...judgeProbe({
      records,
      required: new Set([env.port]),
      timeoutSeconds: env.timeoutSeconds,
      pathBlocked: blocked.downgrade,
    }),
    ...blocked.findings,
    ...slowFindings(records, env.thresholds),
  ];
  const tables: DataTable[] = probeTables(records, env.transcript).map((t) => ({
    ...t,
    title: t.title ?? `Port ${env.port} per exchanger address`,
  }));
  for (const r of f.ehlo ?? []) {
    findings.push(...r.findings);
    for (const t of r.tables)
      if (EHLO_TABLES.has(t.id)) tables.push({ ...t, title: `${r.data.host}: ${t.title}` });
  }
  return {
    findings,
    tables,
    data: { probe: records, ...(f.ehlo ? { ehlo: f.ehlo.map((r) => r.data) } : {}) },
  };
}

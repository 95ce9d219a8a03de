// The smtp group of `mailflow check`: port 25 on every exchanger address (the book's telnet
// test), a control probe when all of them time out, then EHLO on the exchangers that answered.
import { isIP } from 'node:net';
import { splitHostPort } from '../../dns/index.js';
import type { DataTable, Finding } from '../../findings/model.js';
import { timeoutsFromSeconds } from '../../smtp/index.js';
import { ehloCheck } from '../ehlo/index.js';
import {
  judgeProbe,
  type ProbeRecord,
  planPorts,
  portSpec,
  probeAddress,
  probeServers,
  probeTables,
} from '../probe/index.js';
import { slowFindings } from '../starttls/report.js';
import { allTimedOut, blockedPathVerdict, type ControlResult } from './blocked.js';
import type { Env, Exchanger } from './env.js';

export interface SmtpStage {
  findings: Finding[];
  tables: DataTable[];
  records: ProbeRecord[];
  /** Exchangers with an address that greeted with 220. */
  reachable: Set<string>;
  ehlo?: unknown[];
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

async function probeStage(env: Env, exchangers: Exchanger[]) {
  const records = await probeServers(exchangers, {
    ports: planPorts(undefined, env.port),
    timeouts: timeoutsFromSeconds(env.timeoutSeconds),
    ...(env.family ? { family: env.family } : {}),
    ...(env.transcript ? { transcript: true } : {}),
  });
  let findings = judgeProbe({ records, required: new Set([env.port]), timeoutSeconds: env.timeoutSeconds });
  const control = allTimedOut(records) ? await probeControl(env) : undefined;
  const blocked = blockedPathVerdict(records, env.port, control);
  // Timeouts from a network that blocks port 25 prove nothing about the servers.
  if (blocked.downgrade) {
    findings = findings.map((f) => (f.id === 'probe.timeout' ? { ...f, severity: 'unknown' as const } : f));
  }
  findings.push(...blocked.findings, ...slowFindings(records, env.thresholds));
  const tables = probeTables(records, env.transcript).map((t) => ({
    ...t,
    title: t.title ?? `Port ${env.port} per exchanger address`,
  }));
  return { records, findings, tables };
}

async function ehloStage(env: Env, exchangers: Exchanger[]) {
  const reports = await Promise.all(
    exchangers.map((e) =>
      ehloCheck(e, {
        port: env.port,
        timeouts: timeoutsFromSeconds(env.timeoutSeconds),
        ...(env.heloName ? { heloName: env.heloName } : {}),
        starttls: false,
        // The tls group judges STARTTLS with MTA-STS/DANE context; EHLO keeps to the verbs.
        tlsElsewhere: true,
        ...(env.transcript ? { transcript: true } : {}),
      }),
    ),
  );
  const findings = reports.flatMap((r) => r.findings);
  const tables = reports.flatMap((r) =>
    r.tables
      .filter((t) => t.title && /^(Advertised|Transcript)/.test(t.title))
      .map((t) => ({ ...t, title: `${r.data.host}: ${t.title}` })),
  );
  return { findings, tables, data: reports.map((r) => r.data) };
}

/** `probed` sees the probe's part as soon as it is known (a --deadline during EHLO keeps it). */
export async function smtpStage(
  env: Env,
  domain: string,
  exchangers: Exchanger[],
  probed: (part: SmtpStage) => void = () => {},
): Promise<SmtpStage> {
  env.progress(`${domain}: probing ${exchangers.length} exchanger(s) on port ${env.port}`);
  const probe = await probeStage(env, exchangers);
  const reachable = new Set(probe.records.filter((r) => r.outcome === 'open').map((r) => r.host));
  probed({ findings: [...probe.findings], tables: [...probe.tables], records: probe.records, reachable });
  const stage: SmtpStage = { ...probe, reachable };
  if (reachable.size === 0) return stage;
  env.progress(`${domain}: EHLO on ${reachable.size} exchanger(s)`);
  const ehlo = await ehloStage(
    env,
    exchangers.filter((e) => reachable.has(e.host)),
  );
  stage.findings.push(...ehlo.findings);
  stage.tables.push(...ehlo.tables);
  stage.ehlo = ehlo.data;
  return stage;
}

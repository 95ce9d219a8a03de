// `mailflow probe`: probe every target concurrently, yield results in input order.
import { planPorts, probeTarget } from '../checks/probe/index.js';
import { targetPlan } from '../checks/probe/target.js';
import type { RunContext } from '../cli/command.js';
import type { BaseArgs } from '../cli/options.js';
import { familyFromArgs, resolverFromArgs } from '../dns/index.js';
import { Limiter } from '../dns/limit.js';
import { UsageError } from '../findings/errors.js';
import type { Result } from '../findings/model.js';
import { readCaFile, trustingCa } from '../smtp/ca-file.js';
import { timeoutsFromSeconds } from '../smtp/session.js';

export interface ProbeArgs extends BaseArgs {
  targets: string[];
  port: number;
  ports?: string;
  concurrency: number;
  ca?: string;
}

export { targetHost, targetPlan } from '../checks/probe/target.js';

export async function* run(args: ProbeArgs, ctx: RunContext): AsyncIterable<Result> {
  const targets = (args.targets ?? []).map(String);
  if (targets.length === 0) throw new UsageError('name at least one domain, host or address to probe');
  const plan = planPorts(args.ports, args.port);
  const resolver = resolverFromArgs(args);
  const family = familyFromArgs(args);
  const timeouts = timeoutsFromSeconds(args.timeout ?? 10);
  const ca = await readCaFile(args.ca);
  // One limit for the whole run: many targets must not multiply the sockets in flight.
  const limiter = new Limiter(args.concurrency);
  // Every target parsed before any connection, so a typo in the last one starts nothing.
  const parsed = targets.map((t) => ({ t, ...targetPlan(t, plan) }));
  const jobs = parsed.map(({ t, host, plan: p }) => {
    return probeTarget(resolver, host, {
      ports: p,
      timeouts,
      limiter,
      ...(ca ? { tls: trustingCa(ca) } : {}),
      ...(family ? { family } : {}),
      ...(args.transcript ? { transcript: true } : {}),
    }).then((report) => ({ target: t, report }));
  });
  // Yielded in order below; a later job failing first must not count as unhandled meanwhile.
  for (const job of jobs) job.catch(() => {});
  ctx.progress.update(`Probing ${targets.length === 1 ? targets[0] : `${targets.length} targets`}`);
  for (const job of jobs) {
    const { target, report } = await job;
    yield { command: 'probe', target, ...report };
  }
}

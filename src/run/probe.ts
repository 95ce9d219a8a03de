// `mailflow probe`: probe every target concurrently, yield results in input order.
import { type PortPlan, planPorts, portSpec, probeTarget } from '../checks/probe/index.js';
import type { RunContext } from '../cli/command.js';
import type { BaseArgs } from '../cli/options.js';
import { familyFromArgs, resolverFromArgs, splitHostPort } from '../dns/index.js';
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

/** An e-mail address means its domain ("user@example.com" → "example.com"). */
export function targetHost(target: string): string {
  const at = target.lastIndexOf('@');
  return at >= 0 && !target.startsWith('[') ? target.slice(at + 1) : target;
}

/** "host:port" targets carry their own port; the others use --port / --ports. */
export function targetPlan(target: string, plan: PortPlan[]): { host: string; plan: PortPlan[] } {
  const { host, port } = splitHostPort(targetHost(target));
  if (!host) throw new UsageError(`"${target}" names no host`);
  if (port === undefined) return { host, plan };
  if (port < 1 || port > 65535) throw new UsageError(`"${target}": port out of range`);
  return { host, plan: [{ spec: portSpec(port), required: true }] };
}

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
  const jobs = targets.map((t) => {
    const { host, plan: p } = targetPlan(t, plan);
    return probeTarget(resolver, host, {
      ports: p,
      timeouts,
      limiter,
      ...(ca ? { tls: trustingCa(ca) } : {}),
      ...(family ? { family } : {}),
      ...(args.transcript ? { transcript: true } : {}),
    }).then((report) => ({ target: t, report }));
  });
  ctx.progress.update(`Probing ${targets.length === 1 ? targets[0] : `${targets.length} targets`}`);
  for (const job of jobs) {
    const { target, report } = await job;
    yield { command: 'probe', target, ...report };
  }
}

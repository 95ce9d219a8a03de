// `mailflow probe`: probe every target concurrently, yield results in input order.

import type { ProbeArgs } from '../../commands/probe.js';
import { planPorts, probeTarget } from '../checks/probe/index.js';
import { targetPlan } from '../checks/probe/target.js';
import type { RunContext } from '../cli/command.js';
import { familyFromArgs, resolverFromArgs } from '../dns/index.js';
import { Limiter } from '../dns/limit.js';
import type { Result } from '../findings/model.js';
import { readCaFile, trustingCa } from '../smtp/ca-file.js';
import { proxyFromArgs } from '../smtp/proxy-url.js';
import { timeoutsFromSeconds } from '../smtp/session.js';
import { tlsClientOptions } from '../smtp/tls-client.js';
import { inOrder } from './in-order.js';

export { targetHost, targetPlan } from '../checks/probe/target.js';

export async function* run(args: ProbeArgs, ctx: RunContext): AsyncIterable<Result> {
  const targets = (args.targets ?? []).map(String);
  const plan = planPorts(args.ports, args.port);
  const resolver = resolverFromArgs(args);
  const family = familyFromArgs(args);
  const timeouts = timeoutsFromSeconds(args.timeout ?? 10);
  const ca = await readCaFile(args.ca);
  const tls = { ...trustingCa(ca), ...(await tlsClientOptions(args)) };
  const proxy = proxyFromArgs(args);
  // One limit for the whole run: many targets must not multiply the sockets in flight.
  const limiter = new Limiter(args.concurrency);
  // Every target parsed before any connection, so a typo in the last one starts nothing.
  const parsed = targets.map((t) => ({ t, ...targetPlan(t, plan) }));
  ctx.progress.update(`Probing ${targets.length === 1 ? targets[0] : `${targets.length} targets`}`);
  // Every target at once (the limiter bounds the sockets), yielded in input order.
  yield* inOrder(
    parsed,
    ({ t }) => t,
    ({ t, host, plan: p }) =>
      probeTarget(resolver, host, {
        ports: p,
        timeouts,
        limiter,
        ...(Object.keys(tls).length ? { tls } : {}),
        ...(family ? { family } : {}),
        ...(args.transcript ? { transcript: true } : {}),
        ...(proxy ? { proxy } : {}),
      }).then((report): Result => ({ command: 'probe', target: t, ...report })),
    ctx,
  );
}

// The smtp group's I/O: port 25 on every exchanger address (the book's telnet test), the
// --control probe when all of them time out, then EHLO on the exchangers that answered.
import { isIP } from 'node:net';
import { splitHostPort } from '../../dns/index.js';
import { count } from '../../findings/count.js';
import { timeoutsFromSeconds } from '../../smtp/index.js';
import { ehloCheck } from '../ehlo/index.js';
import type { Facts, GatherContext } from '../group.js';
import type { Env } from '../inbound/env.js';
import { planPorts, portSpec, probeAddress, probeServers } from '../probe/index.js';
import { allTimedOut, type ControlResult } from './blocked.js';

/** Probe the --control host when every exchanger timed out. */
async function probeControl(env: Env): Promise<ControlResult | undefined> {
  if (!env.control) return undefined;
  const { host, port } = splitHostPort(env.control);
  const p = port ?? env.port;
  const address = isIP(host) ? host : (await env.resolver.addresses(host, env.family)).addresses[0];
  if (!address) return { name: env.control, outcome: 'unresolved', port: p };
  const rec = await probeAddress(
    { host, address, port: portSpec(p) },
    { timeouts: timeoutsFromSeconds(env.timeoutSeconds), ...(env.proxy ? { proxy: env.proxy } : {}) },
  );
  return { name: env.control, outcome: rec.outcome, port: p };
}

export async function gatherProbe(ctx: GatherContext): Promise<Facts['probe']> {
  const { env, domain } = ctx;
  const { exchangers } = await ctx.fact('mx')!;
  if (exchangers.length === 0) return undefined;
  env.progress(`${domain}: probing ${count(exchangers.length, 'exchanger')} on port ${env.port}`);
  const records = await probeServers(exchangers, {
    ports: planPorts(undefined, env.port),
    timeouts: timeoutsFromSeconds(env.timeoutSeconds),
    ...(env.family ? { family: env.family } : {}),
    ...(env.transcript ? { transcript: true } : {}),
    ...(env.proxy ? { proxy: env.proxy } : {}),
  });
  const control = allTimedOut(records) ? await probeControl(env) : undefined;
  return { records, ...(control ? { control } : {}) };
}

/** Exchanger hosts with an address that greeted with 220. */
export function reachableHosts(probe: Facts['probe']): Set<string> {
  return new Set((probe?.records ?? []).filter((r) => r.outcome === 'open').map((r) => r.host));
}

export async function gatherEhlo(ctx: GatherContext): Promise<Facts['ehlo']> {
  const { env, domain } = ctx;
  const { exchangers } = await ctx.fact('mx')!;
  const reachable = reachableHosts(await ctx.fact('probe')!);
  if (reachable.size === 0) return undefined;
  env.progress(`${domain}: EHLO on ${count(reachable.size, 'exchanger')}`);
  return Promise.all(
    exchangers
      .filter((e) => reachable.has(e.host))
      .map((e) =>
        ehloCheck(e, {
          port: env.port,
          timeouts: timeoutsFromSeconds(env.timeoutSeconds),
          ...(env.heloName ? { heloName: env.heloName } : {}),
          starttls: false,
          // The tls group judges STARTTLS with MTA-STS/DANE context; EHLO keeps to the verbs.
          tlsElsewhere: true,
          ...(env.transcript ? { transcript: true } : {}),
          ...(env.proxy ? { proxy: env.proxy } : {}),
        }),
      ),
  );
}

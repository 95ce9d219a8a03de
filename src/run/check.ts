// `mailflow check`: options → one Env, then each domain checked (src/checks/inbound/domain.ts),
// several at once, results yielded in input order.
import type { CheckArgs } from '../../commands/check.js';
import { GROUPS, type Group } from '../checks/groups.js';
import { checkDomain } from '../checks/inbound/domain.js';
import type { Env } from '../checks/inbound/env.js';
import { parseThresholds } from '../checks/inbound/thresholds.js';
import type { RunContext } from '../cli/command.js';
import { listOf } from '../cli/declare.js';
import { familyFromArgs, resolverFromArgs } from '../dns/index.js';
import type { Result } from '../findings/model.js';
import { readCaFile } from '../smtp/ca-file.js';
import { proxyFromArgs } from '../smtp/proxy-url.js';
import { tlsClientOptions } from '../smtp/tls-client.js';
import { dqsKeyOf, zonesFromArgs } from './blocklist.js';
import { inOrder } from './in-order.js';
import { domainsFrom } from './mx.js';

export type { CheckArgs } from '../../commands/check.js';
export { checkDomain } from '../checks/inbound/domain.js';
export type { Env } from '../checks/inbound/env.js';

/** Default --deadline, in --timeout units: MX, connect, greeting, EHLO, STARTTLS and a little room. */
export const DEADLINE_TIMEOUTS = 6;
/** What --relay-test adds: up to three relay sessions of 6 × --timeout each (src/checks/relay/session.ts). */
const RELAY_TIMEOUTS = 18;

function groupsFrom(args: CheckArgs): Set<Group> {
  const only = listOf(args.only);
  const skip = listOf(args.skip);
  const base = only.length ? only : GROUPS.filter((g) => !skip.includes(g));
  const set = new Set<Group>(base);
  if (!args['relay-test']) set.delete('relay');
  return set;
}

async function envFrom(args: CheckArgs, ctx: RunContext): Promise<Env> {
  const w = parseThresholds(args.warning, '--warning');
  const c = parseThresholds(args.critical, '--critical');
  const ca = await readCaFile(args.ca);
  const family = familyFromArgs(args);
  const proxy = proxyFromArgs(args);
  const tlsClient = await tlsClientOptions(args);
  // The lists and the key (MAILFLOW_DQS_KEY too) only matter, and are only checked, when blocklists are asked.
  const blocklists = groupsFrom(args).has('blocklist');
  const dqsKey = blocklists ? dqsKeyOf(args) : undefined;
  return {
    resolver: resolverFromArgs(args),
    ...(args.dns ? { dnsServer: args.dns } : {}),
    groups: groupsFrom(args),
    onlyGroups: listOf(args.only).length > 0,
    ...(family ? { family } : {}),
    port: args.port,
    timeoutSeconds: args.timeout ?? 10,
    deadlineSeconds:
      args.deadline ?? (DEADLINE_TIMEOUTS + (args['relay-test'] ? RELAY_TIMEOUTS : 0)) * (args.timeout ?? 10),
    ...(args['helo-name'] ? { heloName: args['helo-name'] } : {}),
    ...(ca ? { ca } : {}),
    ...(Object.keys(tlsClient).length ? { tlsClient } : {}),
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
    blocklist: { zones: blocklists ? zonesFromArgs(args) : [], ...(dqsKey !== undefined ? { dqsKey } : {}) },
    ...(proxy ? { proxy } : {}),
    progress: (t) => ctx.progress.update(t),
  };
}

export async function* run(args: CheckArgs, ctx: RunContext): AsyncIterable<Result> {
  const domains = await domainsFrom({ ...args, ptr: true });
  const env = await envFrom(args, ctx);
  const many = domains.length > 1;
  let done = 0;
  // With many domains one progress line counts them; per-domain steps would flicker.
  const envFor: Env = many ? { ...env, progress: () => {} } : env;
  yield* inOrder(
    domains,
    (domain) => domain,
    (domain) =>
      checkDomain(domain, envFor).then((r) => {
        // Every session went through the proxy: the results are as seen from it.
        if (env.proxy && r.data && typeof r.data === 'object')
          Object.assign(r.data, { proxy: env.proxy.label });
        done++;
        if (many) ctx.progress.update(`Checked ${done}/${domains.length} domains`);
        return r;
      }),
    ctx,
    args.concurrency,
  );
}

// `mailflow blocklist`: the zones' test points first (all at once), then every target's addresses
// and names against the zones that passed them; results in input order.

import type { BlocklistArgs } from '../../commands/blocklist.js';
import {
  type ActiveZone,
  type BlocklistData,
  checkTarget,
  type GatherOptions,
  gatherTarget,
  selectZones,
  startSession,
} from '../checks/blocklist/index.js';
import { publicResolverOf, type Row } from '../checks/blocklist/judge.js';
import { ZONES, ZONES_VERSION } from '../checks/blocklist/zones.js';
import type { RunContext } from '../cli/command.js';
import { familyFromArgs, resolverFromArgs } from '../dns/index.js';
import { count } from '../findings/count.js';
import { UsageError } from '../findings/errors.js';
import { columns, type DataTable, type Result } from '../findings/model.js';
import { inOrder } from './in-order.js';

function listZonesResult(): Result {
  const rows = ZONES.map((z) => [
    z.name,
    z.zone,
    z.kind,
    String(z.tier),
    z.deadSince ? `dead since ${z.deadSince}` : Object.keys(z.codes).join(' '),
    z.why,
  ]);
  return {
    command: 'blocklist',
    target: 'zones',
    findings: [],
    data: { version: ZONES_VERSION, zones: ZONES },
    tables: [
      {
        id: 'blocklist.zones',
        title: `Blocklists (data ${ZONES_VERSION})`,
        columns: columns({
          name: 'name',
          zone: 'zone',
          kind: 'kind',
          tier: 'tier',
          codes: 'codes',
          why: 'why',
        }),
        rows,
      },
    ],
  };
}

function asList(v: unknown): string[] {
  if (v === undefined) return [];
  return (Array.isArray(v) ? v : [v]).map(String);
}

/** Zones for these arguments (UsageError for dead or malformed ones). */
export function zonesFromArgs(args: Partial<BlocklistArgs>): ActiveZone[] {
  return selectZones({
    zone: asList(args.zone),
    addZone: asList(args['add-zone'] ?? args.addZone),
    ...(args.tier !== undefined ? { tier: Number(args.tier) } : {}),
    ...(dqsKeyOf(args) !== undefined ? { dqsKey: dqsKeyOf(args) } : {}),
  });
}

/** --dqs-key, else MAILFLOW_DQS_KEY (kept out of the process list and shell history). */
export function dqsKeyOf(args: Partial<BlocklistArgs>): string | undefined {
  const given = args['dqs-key'] ?? args.dqsKey;
  if (given !== undefined) return String(given);
  return process.env.MAILFLOW_DQS_KEY || undefined;
}

function table(rows: Row[]): DataTable {
  return {
    id: 'blocklist.results',
    columns: columns({ subject: 'address / name', list: 'list', state: 'state', meaning: 'meaning' }),
    rows: rows.map((r) => [
      r.subject,
      r.zone,
      r.state === 'error' ? `error (${r.kind})` : r.state,
      r.codes?.map((c) => `${c.code} ${c.meaning}`).join('; ') ??
        (r.state === 'not-asked' ? 'list failed its health check' : (r.detail ?? '')),
    ]),
  };
}

export async function* run(args: BlocklistArgs, ctx: RunContext): AsyncIterable<Result> {
  if (args.listZones) {
    yield listZonesResult();
    return;
  }
  const targets = asList(args.targets).filter((t) => t.trim() !== '');
  if (targets.length === 0) throw new UsageError('name at least one IP address, host or domain');
  const zones = zonesFromArgs(args);
  const key = dqsKeyOf(args);
  const resolver = resolverFromArgs(args, { concurrency: args.concurrency });
  const session = startSession(resolver, zones, key !== undefined ? { dqsKey: key } : {});
  const opts: GatherOptions = {
    mx: args.mx,
    spf: args.spf,
    family: familyFromArgs(args),
    redact: session.redact,
  };
  // Up front, before any answer: through a public resolver Spamhaus answers only with errors.
  if (publicResolverOf(resolver.server))
    ctx.warn(
      `${resolver.server} is a public resolver: Spamhaus and other lists refuse it (see blocklist.public-resolver)`,
    );
  ctx.progress.update(`Checking ${zones.length} blocklists' test points through ${resolver.server}`);

  const one = async (target: string): Promise<Result<BlocklistData>> => {
    const c = await checkTarget(session, await gatherTarget(resolver, target, opts));
    return {
      command: 'blocklist',
      target,
      findings: c.findings,
      data: c.data,
      metrics: c.metrics,
      tables: args.format === 'human' && !args.json ? [table(c.rows)] : [],
    };
  };

  // Targets in flight at once; the resolver bounds the questions themselves.
  const window = Math.max(1, Math.min(64, args.concurrency));
  let done = 0;
  yield* inOrder(
    targets,
    (t) => t,
    (t) =>
      one(t).then((r) => {
        done++;
        ctx.progress.update(`Blocklists: ${done}/${targets.length} targets`);
        return r;
      }),
    ctx,
    window,
  );
  if (ctx.verbose)
    ctx.warn(`${resolver.sent} DNS questions for ${count(targets.length, 'target')} to ${resolver.server}`);
}

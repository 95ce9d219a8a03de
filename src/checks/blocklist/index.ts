// The blocklist check as a unit for runners (`mailflow blocklist`, the `blocklist` group of `check`):
// one session per run holds the zones and their health (asked once), then each target's facts
// are asked of the healthy zones and judged.
import type { Resolver } from '../../dns/index.js';
import type { Finding, Metric } from '../../findings/model.js';
import { gatherHealth, gatherListings, type Role, type TargetFacts } from './gather.js';
import {
  judgeHealth,
  judgeTarget,
  publicResolverFinding,
  publicResolverOf,
  type Row,
  type ZoneStatus,
  zoneFinding,
} from './judge.js';
import { type ActiveZone, selectZones } from './select.js';
import { ZONES_VERSION } from './zones.js';

export { type GatherOptions, gatherTarget, type TargetFacts } from './gather.js';
export { blocklistMetrics } from './judge.js';
export { type ActiveZone, selectZones } from './select.js';

export interface BlocklistData {
  target: string;
  type: TargetFacts['type'];
  server: string;
  zonesVersion: string;
  zones: { zone: string; label: string; kind: string; tier: number; health: string }[];
  results: Row[];
  spfNetworksNotExpanded: string[];
}

export interface BlocklistSession {
  resolver: Resolver;
  zones: ActiveZone[];
  redact: (text: string) => string;
  /** Zone health and the findings every target shares (public resolver, broken zones). */
  health: Promise<{ statuses: ZoneStatus[]; shared: Finding[] }>;
}

export function startSession(
  resolver: Resolver,
  zones: ActiveZone[],
  opts: { dqsKey?: string } = {},
): BlocklistSession {
  const key = opts.dqsKey;
  const redact = (text: string) => (key ? text.split(key).join('<dqs-key>') : text);
  const health = Promise.all(zones.map((z) => gatherHealth(resolver, z, redact))).then((h) => {
    const statuses = zones.map((z, i) => judgeHealth(z, h[i]!));
    const shared: Finding[] = [];
    const pub = publicResolverOf(resolver.server);
    if (pub) shared.push(publicResolverFinding(pub, key !== undefined));
    zones.forEach((z, i) => {
      const f = zoneFinding(z, statuses[i]!);
      if (f) shared.push(f);
    });
    return { statuses, shared };
  });
  return { resolver, zones, redact, health };
}

/** Ask the healthy zones about a target's subjects and judge the answers. */
export async function checkTarget(
  s: BlocklistSession,
  facts: TargetFacts,
): Promise<{ findings: Finding[]; data: BlocklistData; metrics: Metric[]; rows: Row[] }> {
  const { statuses, shared } = await s.health;
  await gatherListings(
    s.resolver,
    facts,
    s.zones,
    statuses.map((x) => x.state === 'ok'),
    s.redact,
  );
  const j = judgeTarget(facts, s.zones, statuses, shared);
  return {
    findings: j.findings,
    metrics: j.metrics,
    rows: j.rows,
    data: {
      target: facts.target,
      type: facts.type,
      server: s.resolver.server,
      zonesVersion: ZONES_VERSION,
      zones: s.zones.map((z, i) => ({
        zone: z.shown,
        label: z.def.label,
        kind: z.def.kind,
        tier: z.def.tier,
        health: statuses[i]!.state,
      })),
      results: j.rows,
      spfNetworksNotExpanded: facts.wide,
    },
  };
}

// One session per resolver, i.e. per `check` run: the zones' test points are asked once.
const sessions = new WeakMap<Resolver, BlocklistSession>();

/** For `check`: a mail domain's exchanger addresses and the domain itself, against the default lists. */
export function checkExchangers(
  resolver: Resolver,
  domain: string,
  addresses: readonly string[],
): ReturnType<typeof checkTarget> {
  let s = sessions.get(resolver);
  if (!s) {
    s = startSession(resolver, selectZones({}));
    sessions.set(resolver, s);
  }
  const role: Role = 'mx';
  const facts: TargetFacts = {
    target: domain,
    type: 'domain',
    subjects: [
      ...[...new Set(addresses)].map((value) => ({ value, kind: 'ip' as const, roles: [role], answers: [] })),
      { value: domain, kind: 'domain', roles: ['given'], answers: [] },
    ],
    wide: [],
    lookupErrors: [],
  };
  return checkTarget(s, facts);
}

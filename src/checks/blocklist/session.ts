// Blocklist I/O for a run: one session per run asks the zones' RFC 5782 §5 test points once, then
// each target's subjects are asked of the zones that passed them. Returns facts, unjudged
// (judge.ts); deciding which zones to trust uses judge.ts's pure health rule.
import type { Resolver } from '../../dns/index.js';
import {
  gatherHealth,
  gatherListings,
  type Role,
  type TargetFacts,
  type TestPointAnswers,
  type ZoneHealth,
} from './gather.js';
import { isIPv6Subject, judgeHealth, judgeHealth6 } from './judge.js';
import { type ActiveZone, selectZones } from './select.js';

export interface BlocklistSession {
  resolver: Resolver;
  zones: ActiveZone[];
  redact: (text: string) => string;
  /** Whether a Spamhaus DQS key is in use (it changes the public-resolver advice). */
  dqs: boolean;
  /** The zones' answers for their test points (same order as zones), asked once. */
  health: Promise<TestPointAnswers[]>;
  /**
   * The IPv6 test points of the lists that hold IPv6 and passed their IPv4 ones (undefined for the
   * others): asked once, when the first IPv6 address is to be checked.
   */
  health6(): Promise<(TestPointAnswers | undefined)[]>;
}

/** Everything asked about one target, for judge.ts. */
export interface BlocklistFacts {
  /** The resolver asked. */
  server: string;
  zones: ActiveZone[];
  health: ZoneHealth[];
  dqs: boolean;
  /** The target's subjects with each zone's answer. */
  target: TargetFacts;
}

export function startSession(
  resolver: Resolver,
  zones: ActiveZone[],
  opts: { dqsKey?: string } = {},
): BlocklistSession {
  const key = opts.dqsKey;
  const redact = (text: string) => (key ? text.split(key).join('<dqs-key>') : text);
  const health = Promise.all(zones.map((z) => gatherHealth(resolver, z, redact)));
  let asked6: Promise<(TestPointAnswers | undefined)[]> | undefined;
  const health6 = () => {
    asked6 ??= health.then((h) =>
      Promise.all(
        zones.map((z, i) =>
          z.def.kind === 'ip' && z.def.ipv6 && judgeHealth(z, h[i]!).state === 'ok'
            ? gatherHealth(resolver, z, redact, 6)
            : undefined,
        ),
      ),
    );
    return asked6;
  };
  return { resolver, zones, redact, dqs: key !== undefined, health, health6 };
}

/** Ask the zones that passed their test points about a target's subjects. */
export async function gatherFacts(s: BlocklistSession, target: TargetFacts): Promise<BlocklistFacts> {
  const v4 = await s.health;
  const v6 = target.subjects.some(isIPv6Subject) ? await s.health6() : [];
  const health: ZoneHealth[] = v4.map((h, i) => (v6[i] ? { ...h, v6: v6[i] } : h));
  const trusted = s.zones.map((z, i) => judgeHealth(z, health[i]!).state === 'ok');
  // An IPv6 address is asked of a list that passed its IPv6 test points as well.
  const trusted6 = s.zones.map(
    (z, i) => trusted[i]! && (judgeHealth6(z, health[i]!)?.state ?? 'ok') === 'ok',
  );
  await gatherListings(s.resolver, target, s.zones, { v4: trusted, v6: trusted6 }, s.redact);
  return { server: s.resolver.server, zones: s.zones, health, dqs: s.dqs, target };
}

// One session per resolver, i.e. per `check` run: the zones' test points are asked once.
const sessions = new WeakMap<Resolver, BlocklistSession>();

/**
 * For `check`: a mail domain's exchanger addresses and the domain itself, against the run's lists
 * (the default set unless --zone/--add-zone/--tier chose others; the same for every domain of a run).
 */
export function gatherExchangers(
  resolver: Resolver,
  domain: string,
  addresses: readonly string[],
  lists: { zones?: ActiveZone[]; dqsKey?: string } = {},
): Promise<BlocklistFacts> {
  let s = sessions.get(resolver);
  if (!s) {
    s = startSession(
      resolver,
      lists.zones ?? selectZones({}),
      lists.dqsKey !== undefined ? { dqsKey: lists.dqsKey } : {},
    );
    sessions.set(resolver, s);
  }
  const role: Role = 'mx';
  const target: TargetFacts = {
    target: domain,
    type: 'domain',
    subjects: [
      ...[...new Set(addresses)].map((value) => ({ value, kind: 'ip' as const, roles: [role], answers: [] })),
      { value: domain, kind: 'domain', roles: ['given'], answers: [] },
    ],
    wide: [],
    lookupErrors: [],
  };
  return gatherFacts(s, target);
}

// Which zones a run asks: the default set by tier, --zone (replaces it), --add-zone (adds to it),
// with Spamhaus' Data Query Service names when a key is given. Pure; throws UsageError.
import { UsageError } from '../../findings/errors.js';
import { type Tier, ZONES, type ZoneDef, type ZoneKind } from './zones.js';

export interface ActiveZone {
  def: ZoneDef;
  /** The zone actually asked (may hold the DQS key: never print it). */
  query: string;
  /** The zone as shown in every output: the DQS key replaced by "<dqs-key>". */
  shown: string;
}

export interface ZoneChoice {
  zone?: string[];
  addZone?: string[];
  tier?: number;
  dqsKey?: string;
}

export const DEFAULT_TIER: Tier = 2;
const DQS_KEY = /^[a-z0-9]{8,64}$/i;
const ZONE_NAME = /^(?=.{1,200}$)[a-z0-9_]([a-z0-9_-]{0,62})?(\.[a-z0-9_]([a-z0-9_-]{0,62})?)+$/i;

/**
 * "zen", "zen.spamhaus.org", or any zone as "bl.example.net" (an IP list, asked about IPv6
 * addresses once it passes its IPv6 test points), "bl.example.net:ip4" (an IP list of IPv4
 * addresses only, never asked about IPv6 ones) or "dbl.example.net:domain".
 */
export function zoneFromSpec(spec: string): ZoneDef {
  const text = spec.trim().toLowerCase().replace(/\.$/, '');
  const ip4 = text.endsWith(':ip4');
  const bare = ip4 ? text.slice(0, -4) : text;
  const found = ZONES.find((z) => z.name === bare || z.zone === bare);
  const known = found && ip4 ? { ...found, ipv6: false } : found;
  if (known) {
    if (known.deadSince) {
      throw new UsageError(
        `${known.label} (${known.zone}) is not asked: ${known.why} (dead since ${known.deadSince}). Any "listing" there means nothing; remove it from mail server configurations too.`,
      );
    }
    return known;
  }
  const m = /^([^:]+?)(?::(ip|ip4|domain))?$/.exec(text);
  const zone = m?.[1] ?? '';
  if (!ZONE_NAME.test(zone)) {
    throw new UsageError(
      `'${spec}' is neither a known list (see --list-zones) nor a DNS zone name (zone, zone:ip4 or zone:domain)`,
    );
  }
  const kind: ZoneKind = m?.[2] === 'domain' ? 'domain' : 'ip';
  return {
    name: zone,
    zone,
    label: zone,
    kind,
    tier: 2,
    codes: {},
    delist: '',
    why: 'named on the command line',
    ipv6: m?.[2] !== 'ip4',
  };
}

function activate(def: ZoneDef, dqsKey?: string): ActiveZone {
  if (dqsKey && def.dqs) return { def, query: `${dqsKey}.${def.dqs}`, shown: `<dqs-key>.${def.dqs}` };
  return { def, query: def.zone, shown: def.zone };
}

export function validTier(tier: number | undefined): boolean {
  return tier === undefined || tier === 1 || tier === 2 || tier === 3;
}

export function selectZones(choice: ZoneChoice): ActiveZone[] {
  if (!validTier(choice.tier)) throw new UsageError('--tier must be 1, 2 or 3');
  if (choice.dqsKey !== undefined && !DQS_KEY.test(choice.dqsKey)) {
    // The key itself is never echoed: it is a secret.
    throw new UsageError(
      'the Spamhaus DQS key (--dqs-key, or MAILFLOW_DQS_KEY) must be letters and digits only, 8 to 64',
    );
  }
  const tier = choice.tier ?? DEFAULT_TIER;
  const base =
    choice.zone && choice.zone.length > 0
      ? choice.zone.map(zoneFromSpec)
      : ZONES.filter((z) => !z.deadSince && z.tier <= tier);
  const all = [...base, ...(choice.addZone ?? []).map(zoneFromSpec)];
  const seen = new Set<string>();
  const out: ActiveZone[] = [];
  for (const def of all) {
    if (seen.has(def.zone)) continue;
    seen.add(def.zone);
    out.push(activate(def, choice.dqsKey));
  }
  return out;
}

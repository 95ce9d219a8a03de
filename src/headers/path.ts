// The Received hops in travel order (oldest first): delays, clock skew, internal vs external,
// and where the message entered the recipient's organisation.
import { specialRange } from '../dns/addr.js';
import { orgDomain } from './domain.js';
import { type ExchangeBuild, exchangeBuild } from './exchange-builds.js';
import { parseReceived, type Received } from './received.js';

export interface Hop extends Received {
  /** 1-based position in travel order. */
  index: number;
  /** Seconds since the previous dated hop (negative: clock skew), null when either date is missing. */
  delaySeconds: number | null;
  /** This hop's share of the whole trip (0..1), when both are known and positive. */
  share: number | null;
  /** The sending side is a private, loopback or otherwise special-range address, or the same organisation as the receiving side. */
  internal: boolean;
  exchange: ExchangeBuild | null;
}

export interface Path {
  hops: Hop[];
  /** Seconds from the first dated hop to the last, null with fewer than two dates. */
  totalSeconds: number | null;
  /** Index of the hop with the largest positive delay. */
  largest: number | null;
  /** Index of the hop where the message entered the recipient's organisation. */
  entry: number | null;
}

/** Received hops beyond this many are not analysed (a loop would be stopped by the MTAs long before). */
export const MAX_HOPS = 1000;

/** Private, loopback, link-local or CGNAT: an address that never crosses the Internet (documentation ranges do not count). */
export function privateIp(ip: string | null): boolean {
  const r = ip === null ? undefined : specialRange(ip);
  return r !== undefined && /private|loopback|link-local|carrier-grade|this network|unspecified/.test(r);
}

function sameOrg(a: string | null, b: string | null): boolean {
  const x = orgDomain(a);
  return x !== null && x === orgDomain(b);
}

/** `values` are the Received field values as they appear in the header (newest first). */
export function buildPath(values: string[]): Path {
  const hops: Hop[] = values
    .slice(0, MAX_HOPS)
    .reverse()
    .map((v, i) => {
      const r = parseReceived(v);
      const internal =
        privateIp(r.from.ip) ||
        (r.from.name !== null && /^(?:localhost|127\.0\.0\.1|\[127\.0\.0\.1\])$/i.test(r.from.name)) ||
        sameOrg(r.from.rdns ?? r.from.name, r.by) ||
        (r.from.ip === null && (r.from.name === null || !r.from.name.includes('.')));
      const exchange = /^(?:microsoft|mapi)\b/i.test(r.with ?? '') ? exchangeBuild(r.id) : null;
      return { ...r, index: i + 1, delaySeconds: null, share: null, internal, exchange };
    });
  let prev: number | null = null;
  let first: number | null = null;
  let last: number | null = null;
  for (const h of hops) {
    const t = h.at ? Date.parse(h.at) : null;
    if (t === null) continue;
    if (prev !== null) h.delaySeconds = Math.round((t - prev) / 1000);
    prev = t;
    first ??= t;
    last = t;
  }
  // A last stamp earlier than the first is a wrong clock (headers.clock-skew), not a trip time.
  const totalSeconds =
    first !== null && last !== null && last >= first && hops.filter((h) => h.at).length > 1
      ? Math.round((last - first) / 1000)
      : null;
  let largest: number | null = null;
  let best = 0;
  for (const h of hops) {
    if (h.delaySeconds !== null && h.delaySeconds > best) {
      best = h.delaySeconds;
      largest = h.index;
    }
    if (totalSeconds && totalSeconds > 0 && h.delaySeconds !== null && h.delaySeconds >= 0)
      h.share = Math.min(1, h.delaySeconds / totalSeconds);
  }
  return { hops, totalSeconds, largest, entry: entryHop(hops) };
}

/**
 * Walking back from the final hop while the sender is inside the final receiver's organisation,
 * the first hop whose sender is outside it is where the message came in.
 */
function entryHop(hops: Hop[]): number | null {
  const final = hops[hops.length - 1];
  if (!final) return null;
  const org = orgDomain(final.by);
  for (let i = hops.length - 1; i >= 0; i--) {
    const h = hops[i]!;
    const fromName = h.from.rdns ?? h.from.name;
    const inside =
      privateIp(h.from.ip) ||
      (org !== null && (orgDomain(fromName) === org || orgDomain(h.from.helo) === org)) ||
      (h.from.name === null && h.from.ip === null);
    if (!inside) return h.index;
  }
  return null;
}

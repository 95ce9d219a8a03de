// The MX lookup the way a sending MTA sees it: exchangers sorted by preference, each with
// its addresses (from the additional section when the server sent them), CNAME and IP-literal
// flags, null MX (RFC 7505) and the implicit MX fallback (RFC 5321 §5.1).
import { ipLiteralOf } from './addr.js';
import type { Asker } from './resolver.js';
import { isLookupFailure, type KnownAddresses, lookupAddresses } from './reverse.js';
import type { DnsAnswer, DnsRecord, Exchanger, MxLookup } from './types.js';
import { canonicalName } from './wire.js';

/**
 * Addresses for `host` in the additional section, per family present. When the answer is
 * authoritative and complete (AA set, TC clear) and carries some address of the host, the
 * server did RFC 3596 §3 additional-section processing, which adds A and AAAA alike: a family
 * missing there has no records, and asking for it again would only hear NODATA. Answers from
 * a recursive resolver may hold whatever it had cached, so there only present families count.
 */
export function fromAdditional(
  additional: DnsRecord[],
  host: string,
  flags: { aa: boolean; tc: boolean },
): KnownAddresses {
  const known: KnownAddresses = {};
  const v4: string[] = [];
  const v6: string[] = [];
  for (const r of additional) {
    if (r.name !== host) continue;
    if (r.type === 'A') v4.push(r.value);
    else if (r.type === 'AAAA') v6.push(r.value);
  }
  const complete = flags.aa && !flags.tc && v4.length + v6.length > 0;
  if (v4.length || complete) known.v4 = v4;
  if (v6.length || complete) known.v6 = v6;
  return known;
}

/**
 * What one domain's DNS can make mailflow do (every command): the first exchangers by preference
 * and the first addresses of each. A sending MTA tries far fewer; thousands of MX records with
 * hundreds of addresses each would otherwise mean minutes of lookups and connections.
 */
export const MX_LIMITS = { exchangers: 10, addressesPerHost: 10 };

const NO_ADDITIONAL = { additional: [], flags: { aa: false, ad: false, tc: false } };

async function resolveExchanger(
  asker: Asker,
  preference: number,
  host: string,
  answer: Pick<DnsAnswer, 'additional' | 'flags'>,
  deadline: number,
  family?: 4 | 6,
): Promise<Exchanger> {
  if (ipLiteralOf(host)) {
    // Looking it up would only ask the DNS for a name like "192.0.2.1."; senders will not use it as an address.
    return {
      preference,
      host,
      addresses: [],
      source: 'none',
      cname: null,
      ipLiteral: true,
      outcome: 'nodata',
    };
  }
  const known = fromAdditional(answer.additional, host, answer.flags);
  const found = await lookupAddresses(asker, host, deadline, family, known);
  const source = known.v4 || known.v6 ? 'additional' : found.addresses.length ? 'lookup' : 'none';
  const failed = [found.v4, found.v6].find((a) => a && isLookupFailure(a.outcome));
  return {
    preference,
    host,
    addresses: found.addresses,
    source,
    cname: found.cnameChain[0] ?? null,
    ipLiteral: false,
    outcome: found.outcome,
    ...(failed
      ? {
          error: failed.error ?? failed.outcome,
          lookupError: {
            type: failed.type as 'A' | 'AAAA',
            outcome: failed.outcome,
            error: failed.error ?? '',
          },
        }
      : {}),
  };
}

export async function lookupMx(
  asker: Asker,
  domain: string,
  deadline: number,
  family?: 4 | 6,
): Promise<MxLookup> {
  const name = canonicalName(domain);
  const answer = await asker.ask(name, 'MX', deadline);
  const base: MxLookup = {
    domain: name,
    server: answer.server,
    outcome: answer.outcome,
    exchangers: [],
    implicit: false,
    nullMx: false,
    cnameChain: answer.cnameChain,
    flags: answer.flags,
    ttl: answer.ttl,
    answer,
    ...(answer.error ? { error: answer.error } : {}),
  };
  if (answer.outcome === 'nodata') {
    const ex = await resolveExchanger(asker, 0, name, NO_ADDITIONAL, deadline, family);
    const over = ex.addresses.length - MX_LIMITS.addressesPerHost;
    if (over <= 0) return { ...base, implicit: true, exchangers: [ex] };
    return {
      ...base,
      implicit: true,
      exchangers: [{ ...ex, addresses: ex.addresses.slice(0, MX_LIMITS.addressesPerHost) }],
      truncated: { exchangers: 1, exchangersKept: 1, addressesDropped: over },
    };
  }
  if (answer.outcome !== 'ok') return base;
  const records = answer.answers;
  const nullMx = records.some((r) => r.exchange === '.' || r.exchange === '');
  const seen = new Set<string>();
  const real = records
    .filter((r) => r.exchange && r.exchange !== '.')
    .filter((r) => {
      const key = `${r.preference} ${r.exchange}`;
      return !seen.has(key) && !!seen.add(key);
    })
    // Plain code-point order: locale-independent, and cheap for thousands of domains.
    .sort(
      (a, b) =>
        a.preference! - b.preference! || (a.exchange! < b.exchange! ? -1 : a.exchange! > b.exchange! ? 1 : 0),
    );
  const kept = real.slice(0, MX_LIMITS.exchangers);
  const resolved = await Promise.all(
    kept.map((r) => resolveExchanger(asker, r.preference!, r.exchange!, answer, deadline, family)),
  );
  let dropped = 0;
  const exchangers = resolved.map((e) => {
    if (e.addresses.length <= MX_LIMITS.addressesPerHost) return e;
    dropped += e.addresses.length - MX_LIMITS.addressesPerHost;
    return { ...e, addresses: e.addresses.slice(0, MX_LIMITS.addressesPerHost) };
  });
  const truncated =
    real.length > kept.length || dropped > 0
      ? { truncated: { exchangers: real.length, exchangersKept: kept.length, addressesDropped: dropped } }
      : {};
  return { ...base, nullMx, exchangers, ...truncated };
}

// Address and reverse lookups built from single questions: A/AAAA for a host, PTR with
// forward confirmation for an address.
import { ipFamily, reverseName, sameAddress } from './addr.js';
import type { Asker } from './resolver.js';
import type { AddressLookup, DnsAnswer, Outcome, PtrLookup } from './types.js';
import { canonicalName } from './wire.js';

/** PTR names checked for forward confirmation; an address with more is odd and not worth more queries. */
const MAX_PTR_NAMES = 5;

/** Outcomes that prove nothing about the name: the server could not be asked or would not say. */
export function isLookupFailure(o: Outcome): boolean {
  return o === 'timeout' || o === 'servfail' || o === 'refused' || o === 'error' || o === 'malformed';
}

/** Combine per-family outcomes: any address wins; otherwise a failure beats nxdomain beats nodata. */
export function combinedOutcome(answers: (DnsAnswer | undefined)[], found: boolean): Outcome {
  if (found) return 'ok';
  const outcomes = answers.filter((a): a is DnsAnswer => !!a).map((a) => a.outcome);
  return outcomes.find(isLookupFailure) ?? (outcomes.includes('nxdomain') ? 'nxdomain' : 'nodata');
}

/** Addresses already known (from an MX answer's additional section) per family. */
export interface KnownAddresses {
  v4?: string[];
  v6?: string[];
}

export async function lookupAddresses(
  asker: Asker,
  host: string,
  deadline: number,
  family?: 4 | 6,
  known: KnownAddresses = {},
): Promise<AddressLookup> {
  const want4 = family !== 6;
  const want6 = family !== 4;
  const ask4 = want4 && !known.v4;
  const ask6 = want6 && !known.v6;
  // Both families known from an additional section (the usual MX case): nothing to wait for.
  const [v4, v6] =
    ask4 || ask6
      ? await Promise.all([
          ask4 ? asker.ask(host, 'A', deadline) : undefined,
          ask6 ? asker.ask(host, 'AAAA', deadline) : undefined,
        ])
      : [undefined, undefined];
  const four = want4 ? (known.v4 ?? v4?.answers.map((r) => r.value) ?? []) : [];
  const six = want6 ? (known.v6 ?? v6?.answers.map((r) => r.value) ?? []) : [];
  const addresses = [...new Set([...four, ...six])];
  const cnameChain = v4?.cnameChain.length ? v4.cnameChain : (v6?.cnameChain ?? []);
  return {
    host: canonicalName(host),
    addresses,
    v4,
    v6,
    cnameChain,
    outcome: combinedOutcome([v4, v6], addresses.length > 0),
  };
}

/** Reverse DNS for an address, and whether a PTR name resolves back to it (forward-confirmed). */
export async function lookupPtr(
  asker: Asker,
  address: string,
  deadline: number,
  hint?: { host: string; addresses: string[] },
): Promise<PtrLookup> {
  if (!ipFamily(address))
    return { address, names: [], outcome: 'error', confirmed: false, error: 'not an IP address' };
  const answer = await asker.ask(reverseName(address), 'PTR', deadline);
  const names = answer.answers.map((r) => r.value);
  let confirmed = false;
  for (const name of names.slice(0, MAX_PTR_NAMES)) {
    // The exchanger's own addresses are already known; no need to ask again.
    if (hint && name === canonicalName(hint.host) && hint.addresses.some((a) => sameAddress(a, address))) {
      confirmed = true;
      break;
    }
    const fwd = await lookupAddresses(asker, name, deadline, ipFamily(address) === 6 ? 6 : 4);
    if (fwd.addresses.some((a) => sameAddress(a, address))) {
      confirmed = true;
      break;
    }
  }
  return { address, names, outcome: answer.outcome, confirmed, error: answer.error };
}

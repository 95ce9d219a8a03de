// The narrow DNS view the record checks (SPF, DMARC, MTA-STS, TLS-RPT) need. The
// check runner adapts mailflow's resolver to it; unit tests pass a table of answers.
import { canonicalName } from '../../dns/wire-name.js';
import { sanitize } from '../../smtp/reply.js';

export type LookupOutcome = 'ok' | 'nxdomain' | 'nodata' | 'error';

export interface TxtAnswer {
  outcome: LookupOutcome;
  /** Each TXT record with its character-strings joined without spaces (RFC 7208 §3.3). */
  texts: string[];
  /** What went wrong when outcome is 'error' (server, rcode or timeout). */
  error?: string;
}

export interface TxtLookup {
  txt(name: string): Promise<TxtAnswer>;
  /** How many address (A/AAAA) or MX answers a name has; used to count SPF void lookups. */
  count?(name: string, type: 'A' | 'MX'): Promise<{ outcome: LookupOutcome; n: number }>;
}

/** Lower-case, no trailing dot: how domains are compared everywhere in these checks. */
export const normName = canonicalName;

/** The subset of mailflow's resolver (src/dns) the adapter needs. */
interface ResolverLike {
  query(
    name: string,
    type: 'A' | 'MX' | 'TXT',
  ): Promise<{
    outcome: string;
    answers: { txt?: string[]; value: string }[];
    error?: string;
    server: string;
  }>;
}

function outcomeOf(o: string): LookupOutcome {
  return o === 'ok' || o === 'nxdomain' || o === 'nodata' ? o : 'error';
}

/** Adapt mailflow's resolver to the record checks' view. */
export function txtLookupFrom(resolver: ResolverLike): TxtLookup {
  return {
    async txt(name) {
      const a = await resolver.query(name, 'TXT');
      const outcome = outcomeOf(a.outcome);
      // TXT data is arbitrary bytes; escape sequences in it must not reach a terminal via a finding.
      const texts = a.answers.map((r) => sanitize(r.txt ? r.txt.join('') : r.value));
      return {
        outcome,
        texts,
        ...(outcome === 'error' ? { error: a.error ?? `${a.outcome} from ${a.server}` } : {}),
      };
    },
    async count(name, type) {
      const a = await resolver.query(name, type);
      return { outcome: outcomeOf(a.outcome), n: a.answers.length };
    },
  };
}

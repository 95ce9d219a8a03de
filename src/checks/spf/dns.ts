// The narrow DNS view the record checks (SPF, DMARC, MTA-STS, TLS-RPT) need. The
// check runner adapts mailflow's resolver to it; unit tests pass a table of answers.

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
export function normName(name: string): string {
  return name.trim().replace(/\.$/, '').toLowerCase();
}

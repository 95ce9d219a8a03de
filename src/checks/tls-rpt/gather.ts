// The tls-rpt group's I/O: one TXT lookup at _smtp._tls.<domain>. Returns what DNS said, unjudged.
import { normName, type TxtAnswer, type TxtLookup } from '../shared/txt-lookup.js';

export interface TlsRptFacts {
  /** The domain, normalised. */
  domain: string;
  /** The name asked: _smtp._tls.<domain>. */
  name: string;
  answer: TxtAnswer;
}

export async function gatherTlsRpt(dns: TxtLookup, domainIn: string): Promise<TlsRptFacts> {
  const domain = normName(domainIn);
  const name = `_smtp._tls.${domain}`;
  return { domain, name, answer: await dns.txt(name) };
}

// The DNS-published policies `check` reads for a domain (SPF, DMARC, TLS-RPT, MTA-STS), fetched
// together so they run while the SMTP sessions are open.
import type { Resolver } from '../../dns/index.js';
import { checkDmarc } from '../dmarc/index.js';
import { checkMtaSts } from '../mta-sts/index.js';
import { txtLookupFrom } from '../spf/dns.js';
import { checkSpf } from '../spf/index.js';
import { checkTlsRpt } from '../tls-rpt/index.js';

export interface PolicyOptions {
  resolver: Resolver;
  family?: 4 | 6;
  timeoutSeconds: number;
  /** Which to read: MTA-STS is also needed when only the tls group runs (enforce mode decides severities). */
  spf: boolean;
  dmarc: boolean;
  tlsRpt: boolean;
  mtaSts: boolean;
  stsPort?: number;
  ca?: string;
}

export async function readPolicies(domain: string, mxHosts: string[], o: PolicyOptions) {
  const txt = txtLookupFrom(o.resolver);
  const resolve = async (h: string) => {
    const a = await o.resolver.addresses(h, o.family);
    return a.addresses.map((address) => ({
      address,
      family: address.includes(':') ? (6 as const) : (4 as const),
    }));
  };
  const [spf, dmarc, tlsRpt, sts] = await Promise.all([
    o.spf ? checkSpf(txt, domain) : undefined,
    o.dmarc ? checkDmarc(txt, domain) : undefined,
    o.tlsRpt ? checkTlsRpt(txt, domain) : undefined,
    o.mtaSts
      ? checkMtaSts(txt, domain, mxHosts, {
          timeoutMs: o.timeoutSeconds * 1000,
          resolve,
          ...(o.stsPort ? { port: o.stsPort } : {}),
          ...(o.ca ? { ca: o.ca } : {}),
        })
      : undefined,
  ]);
  return { spf, dmarc, tlsRpt, sts };
}

// The dane group's I/O: TLSA lookups through mailflow's resolver, one per exchanger, keeping the
// AD flag that decides whether DANE applies. judge.ts compares them with the certificates.
import type { Resolver } from '../../dns/index.js';
import type { GatherContext } from '../group.js';
import type { TlsaAnswer } from './index.js';
import { tlsaName } from './index.js';
import type { Tlsa } from './match.js';

export async function lookupTlsa(resolver: Resolver, host: string, port = 25): Promise<TlsaAnswer> {
  const a = await resolver.query(tlsaName(host, port), 'TLSA');
  const outcome =
    a.outcome === 'ok' || a.outcome === 'nxdomain' || a.outcome === 'nodata' ? a.outcome : 'error';
  const records: Tlsa[] = a.answers
    .filter((r) => r.tlsa)
    .map((r) => ({
      usage: r.tlsa!.usage,
      selector: r.tlsa!.selector,
      matchingType: r.tlsa!.matchingType,
      data: Buffer.from(r.tlsa!.data, 'hex'),
    }));
  return {
    outcome,
    ad: a.flags.ad,
    records,
    ...(outcome === 'error' ? { error: a.error ?? `${a.outcome} from ${a.server}` } : {}),
  };
}

/** The tlsa fact: the TLSA answer for each exchanger, in MxFacts.exchangers order. */
export async function gatherTlsa(ctx: GatherContext): Promise<TlsaAnswer[]> {
  const { exchangers } = await ctx.fact('mx')!;
  return Promise.all(exchangers.map((e) => lookupTlsa(ctx.env.resolver, e.host, ctx.env.port)));
}

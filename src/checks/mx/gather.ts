// The network half of the MX check: the MX lookup plus reverse DNS for every exchanger address.
// Kept apart from the analysis so `check` can reuse both and the analysis stays pure.
import type { MxLookup, PtrLookup, Resolver } from '../../dns/index.js';
import { MX_LIMITS } from '../../dns/mx.js';

export interface MxReport {
  domain: string;
  lookup: MxLookup;
  /** One per distinct exchanger address; empty when reverse lookups were not asked for. */
  ptrs: PtrLookup[];
  ptrChecked: boolean;
  elapsedMs: number;
  /** -4/-6: only this address family was asked for. */
  family?: 4 | 6;
}

export async function gatherMx(
  resolver: Resolver,
  domain: string,
  opts: { family?: 4 | 6; ptr?: boolean } = {},
): Promise<MxReport> {
  const started = Date.now();
  const ptrChecked = opts.ptr !== false;
  const jobs = new Map<string, Promise<PtrLookup>>();
  const ptr = (address: string, host: string, addresses: string[]) => {
    if (!jobs.has(address)) jobs.set(address, resolver.ptr(address, { host, addresses }));
  };
  if (ptrChecked) {
    // Start reverse lookups for addresses the MX answer already carries, while the resolver
    // is still asking for the rest (AAAA); the MX question itself is then answered from cache.
    const first = await resolver.query(domain, 'MX');
    const want = opts.family === 4 ? ['A'] : opts.family === 6 ? ['AAAA'] : ['A', 'AAAA'];
    // Only the exchangers the lookup keeps (MX_LIMITS), and the glue indexed once by name.
    const best = [...first.answers]
      .filter((r) => r.exchange && r.exchange !== '.')
      .sort((a, b) => (a.preference ?? 0) - (b.preference ?? 0))
      .slice(0, MX_LIMITS.exchangers);
    const glueOf = new Map<string, string[]>();
    for (const r of first.additional) {
      if (!want.includes(r.type)) continue;
      const list = glueOf.get(r.name) ?? [];
      if (list.length < MX_LIMITS.addressesPerHost) list.push(r.value);
      glueOf.set(r.name, list);
    }
    for (const host of new Set(best.map((r) => r.exchange!))) {
      const glue = glueOf.get(host) ?? [];
      for (const address of glue) ptr(address, host, glue);
    }
  }
  const lookup = await resolver.mx(domain, opts.family);
  const ptrs: Promise<PtrLookup>[] = [];
  if (ptrChecked) {
    for (const ex of lookup.exchangers) {
      for (const address of ex.addresses) {
        ptr(address, ex.host, ex.addresses);
        ptrs.push(jobs.get(address)!);
      }
    }
  }
  const settled = [...new Set(await Promise.all(ptrs))];
  return {
    domain: lookup.domain,
    lookup,
    ptrs: settled,
    ptrChecked,
    elapsedMs: Date.now() - started,
    ...(opts.family ? { family: opts.family } : {}),
  };
}

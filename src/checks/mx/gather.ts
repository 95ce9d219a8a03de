// The network half of the MX check: the MX lookup plus reverse DNS for every exchanger address.
// Kept apart from the analysis so `check` can reuse both and the analysis stays pure.
import type { MxLookup, PtrLookup, Resolver } from '../../dns/index.js';

export interface MxReport {
  domain: string;
  lookup: MxLookup;
  /** One per distinct exchanger address; empty when reverse lookups were not asked for. */
  ptrs: PtrLookup[];
  ptrChecked: boolean;
  elapsedMs: number;
}

export async function gatherMx(
  resolver: Resolver,
  domain: string,
  opts: { family?: 4 | 6; ptr?: boolean } = {},
): Promise<MxReport> {
  const started = Date.now();
  const lookup = await resolver.mx(domain, opts.family);
  const ptrChecked = opts.ptr !== false;
  const jobs = new Map<string, Promise<PtrLookup>>();
  if (ptrChecked) {
    for (const ex of lookup.exchangers) {
      for (const address of ex.addresses) {
        if (!jobs.has(address))
          jobs.set(address, resolver.ptr(address, { host: ex.host, addresses: ex.addresses }));
      }
    }
  }
  const ptrs = await Promise.all(jobs.values());
  return { domain: lookup.domain, lookup, ptrs, ptrChecked, elapsedMs: Date.now() - started };
}

// mailflow's DNS client: one resolver per run (createResolver), shared by every command.
export { ipLiteralOf, reservedSuffix, reverseName, sameAddress, specialRange } from './addr.js';
export { createResolver, DEFAULTS } from './resolver.js';
export { isLookupFailure } from './reverse.js';
export { parseServer, systemServer } from './server.js';
export { type ResolvedTarget, resolveTarget, splitHostPort, type TargetServer } from './target.js';
export type {
  AddressLookup,
  DnsAnswer,
  DnsFlags,
  DnsOptions,
  DnsRecord,
  Exchanger,
  MxLookup,
  Outcome,
  PtrLookup,
  Resolver,
  RRType,
  Transport,
} from './types.js';

import type { BaseArgs } from '../cli/options.js';
import { createResolver } from './resolver.js';
import type { DnsOptions, Resolver } from './types.js';

/** The resolver for a network command's shared options (--dns, --timeout). */
export function resolverFromArgs(args: BaseArgs, extra: Partial<DnsOptions> = {}): Resolver {
  const timeoutMs = (args.timeout ?? 10) * 1000;
  return createResolver({ server: args.dns, timeoutMs, ...extra });
}

/** -4 / -6 as a family number. */
export function familyFromArgs(args: BaseArgs): 4 | 6 | undefined {
  return args.ipv4 ? 4 : args.ipv6 ? 6 : undefined;
}

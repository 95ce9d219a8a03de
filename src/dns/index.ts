// mailflow's DNS client: one resolver per run (createResolver), shared by every command.
//
// Server (--dns / mx --server): ip, ip:port, [v6]:port, a host name, or a DoH URL. Default: the
// first usable nameserver in /etc/resolv.conf, else 127.0.0.1. UDP goes over a pool of connected
// sockets (random source ports, rotated; random IDs; replies matched by ID and question), sent in
// bursts, with retransmits and timeouts driven by one shared clock inside the per-query timeout,
// and TCP when an answer comes back truncated. dns-packet encodes every query and decodes every
// reply's names and records (codec.ts, which adds the checks dns-packet leaves to its caller:
// lengths, counts, dots inside labels); wire.ts matches replies to questions and classifies them. DoH is
// RFC 8484 wire format over undici (POST, GET if POST is refused); https:// only, except http:// to
// loopback, which the tests use. HTTPS trusts the system CAs plus NODE_EXTRA_CA_CERTS (the DoH
// end-to-end test uses a private CA that way). Answers are cached for the run, concurrent
// identical questions share one query, and at most `concurrency` questions are in flight. An
// authoritative MX answer whose additional section carries an exchanger's addresses settles both
// of its families (RFC 3596 §3), so no A or AAAA question follows it.
// Lookups (mx, addresses, ptr) have a deadline on top of each question's timeout.
export { ipLiteralOf, reservedSuffix, reverseName, sameAddress, specialRange } from './addr.js';
export { isUnusableAnswer } from './cname.js';
export { createResolver, DEFAULTS } from './resolver.js';
export { isLookupFailure } from './reverse.js';
export { parseDnsServer, systemServer } from './server.js';
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

import { createResolver } from './resolver.js';
import type { DnsOptions, Resolver } from './types.js';

/**
 * The choices a network command takes about DNS (--dns, --timeout, -4/-6), as plain options:
 * src/dns knows nothing of the command line, any object with these fields will do.
 */
export interface NetworkChoices {
  /** Server spec (parseDnsServer); the system's resolver when absent. */
  dns?: string | undefined;
  /** Seconds per query; 10 when absent. */
  timeout?: number | undefined;
  ipv4?: boolean | undefined;
  ipv6?: boolean | undefined;
}

/** The resolver for a network command's shared options (--dns, --timeout). */
export function resolverFromArgs(args: NetworkChoices, extra: Partial<DnsOptions> = {}): Resolver {
  const timeoutMs = (args.timeout ?? 10) * 1000;
  return createResolver({ server: args.dns, timeoutMs, ...extra });
}

/** -4 / -6 as a family number. */
export function familyFromArgs(args: NetworkChoices): 4 | 6 | undefined {
  return args.ipv4 ? 4 : args.ipv6 ? 6 : undefined;
}

// Turning what a user typed (domain, host, or IP) into the SMTP servers to talk to, the way
// probe, ehlo, send and check all need it.

import { ipLiteralOf } from './addr.js';
import { ipFamily } from './ip-family.js';
import { parseTarget } from './parse-target.js';
import type { DnsAnswer, MxLookup, Outcome, Resolver } from './types.js';
import { canonicalName } from './wire.js';

export interface TargetServer {
  host: string;
  preference: number;
  /** Addresses to try, in order (IPv4 first unless a family was chosen). */
  addresses: string[];
  /** CNAME target when an exchanger name is an alias. */
  cname?: string | null;
}

export interface ResolvedTarget {
  target: string;
  /** domain: it has MX records (or a null MX); host: its own A/AAAA; ip: an address literal. */
  kind: 'domain' | 'host' | 'ip';
  /** 'ok' when there is at least one server with an address. */
  outcome: Outcome;
  servers: TargetServer[];
  /** Same list, under the name the brief used; kept for callers written against it. */
  exchangers: TargetServer[];
  /** The domain publishes "MX 0 ." (RFC 7505): it accepts no mail. */
  nullMx: boolean;
  /** The DNS server that answered. */
  server: string;
  /** One line saying what went wrong, for outcomes other than ok. */
  error?: string;
  /** The MX lookup behind a 'domain' answer. */
  mx?: MxLookup;
}

/** Split "host", "host:port", "[v6]:port", "v6" into parts (parse-target.ts; throws UsageError). */
export function splitHostPort(input: string): { host: string; port?: number } {
  const { host, port } = parseTarget(input, { port: true });
  return port === undefined ? { host } : { host, port };
}

function describe(answer: DnsAnswer | undefined, what: string): string | undefined {
  if (!answer) return undefined;
  if (answer.outcome === 'nxdomain') return `${what} does not exist (NXDOMAIN from ${answer.server})`;
  if (answer.outcome === 'nodata') return `${what} has no address records`;
  return answer.error ? `${what}: ${answer.error} (${answer.server})` : undefined;
}

/**
 * A domain with MX records yields its exchangers (sorted by preference); a name without MX is
 * treated as a host and yields itself with its A/AAAA; an IP literal is used as is.
 */
export async function resolveTarget(
  resolver: Resolver,
  target: string,
  opts: { family?: 4 | 6 } = {},
): Promise<ResolvedTarget> {
  const literal = ipLiteralOf(target);
  if (literal) {
    const fam = ipFamily(literal);
    const fits = !opts.family || opts.family === fam;
    const servers = [{ host: literal, preference: 0, addresses: fits ? [literal] : [] }];
    return {
      target,
      kind: 'ip',
      outcome: fits ? 'ok' : 'nodata',
      servers,
      exchangers: servers,
      nullMx: false,
      server: resolver.server,
      ...(fits ? {} : { error: `${literal} is not an IPv${opts.family} address` }),
    };
  }
  const mx = await resolver.mx(target, opts.family);
  const host = canonicalName(target);
  if (mx.outcome === 'ok') {
    const servers = mx.exchangers.map((e) => ({
      host: e.host,
      preference: e.preference,
      addresses: e.addresses,
      cname: e.cname,
    }));
    const usable = servers.some((s) => s.addresses.length > 0);
    return {
      target,
      kind: 'domain',
      outcome: usable
        ? 'ok'
        : mx.nullMx
          ? 'nodata'
          : (mx.exchangers.find((e) => e.outcome !== 'ok')?.outcome ?? 'nodata'),
      servers,
      exchangers: servers,
      nullMx: mx.nullMx,
      server: mx.server,
      mx,
      ...(usable
        ? {}
        : {
            error: mx.nullMx
              ? `${host} publishes a null MX: it accepts no mail`
              : `no exchanger of ${host} has an address`,
          }),
    };
  }
  if (mx.outcome === 'nodata') {
    // No MX: the name is a host (or a domain using the implicit MX, which is the same thing on the wire).
    const ex = mx.exchangers[0];
    const servers = ex?.addresses.length ? [{ host, preference: 0, addresses: ex.addresses }] : [];
    return {
      target,
      kind: 'host',
      outcome: ex?.outcome ?? 'nodata',
      servers,
      exchangers: servers,
      nullMx: false,
      server: mx.server,
      mx,
      ...(servers.length ? {} : { error: ex?.error ?? `${host} has no MX and no address records` }),
    };
  }
  return {
    target,
    kind: 'domain',
    outcome: mx.outcome,
    servers: [],
    exchangers: [],
    nullMx: false,
    server: mx.server,
    mx,
    error: describe(mx.answer, host) ?? `${host}: ${mx.outcome}`,
  };
}

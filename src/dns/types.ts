// The DNS client's public shapes. Every command that resolves names speaks these.

/** Record types mailflow asks for. */
export type RRType = 'A' | 'AAAA' | 'MX' | 'TXT' | 'PTR' | 'CNAME' | 'TLSA' | 'NS' | 'SOA' | 'SRV' | 'CAA';

/**
 * How a question ended. Each is a different situation for the person reading the report:
 * nxdomain = the name does not exist; nodata = it exists but has no record of that type;
 * servfail/refused = the server would not answer; timeout = nothing usable arrived in time;
 * malformed = only unparseable replies came back; error = the query could not be sent, the
 * server gave another error code (FORMERR, NOTIMP, ...), or the answer cannot be used: a CNAME
 * loop, a chain of more than 16 aliases, a name with a dot inside a label (see `error`).
 */
export type Outcome =
  | 'ok'
  | 'nxdomain'
  | 'nodata'
  | 'servfail'
  | 'refused'
  | 'timeout'
  | 'error'
  | 'malformed';

export type Transport = 'udp' | 'tcp' | 'doh';

/** One resource record, with its data in presentation form plus typed extras where useful. */
export interface DnsRecord {
  name: string;
  type: string;
  ttl: number;
  /** Address, target name, TXT text (chunks joined), "10 mx.example.com", "3 1 1 <hex>", ... */
  value: string;
  /** MX only. */
  preference?: number;
  /** MX only: the exchanger name ('.' for a null MX). */
  exchange?: string;
  /** TXT only: the character-strings as sent. */
  txt?: string[];
  /** TLSA only. */
  tlsa?: { usage: number; selector: number; matchingType: number; data: string };
}

export interface DnsFlags {
  /** Authoritative answer. */
  aa: boolean;
  /** Authenticated data: a validating resolver checked the DNSSEC signatures. */
  ad: boolean;
  /** The UDP answer was truncated (we then retried over TCP). */
  tc: boolean;
}

/** The answer to one question. Resolver methods never throw for DNS outcomes; they return one of these. */
export interface DnsAnswer {
  name: string;
  type: RRType;
  outcome: Outcome;
  /** The server asked, as shown to people: "127.0.0.1:53", "[::1]:5353", "https://dns.example/dns-query". */
  server: string;
  transport: Transport;
  /** Response code as sent (NOERROR, NXDOMAIN, ...); '' when no reply was usable. */
  rcode: string;
  flags: DnsFlags;
  /** Records of the asked type at the end of any CNAME chain. */
  answers: DnsRecord[];
  /** CNAME targets followed from `name`, in order (empty when `name` is not an alias). */
  cnameChain: string[];
  /** The whole answer section, and (for MX questions only) the additional section. */
  records: DnsRecord[];
  additional: DnsRecord[];
  /** Lowest TTL among `answers`, or the negative-caching TTL (SOA) for nxdomain/nodata. */
  ttl?: number;
  /** Human explanation for anything but ok/nxdomain/nodata. */
  error?: string;
  elapsedMs: number;
}

export interface DnsOptions {
  /** ip, ip:port, [v6]:port, a host name, or an https:// DoH URL (http:// only to loopback). Default: /etc/resolv.conf. */
  server?: string;
  /** Per-query budget in ms (UDP retransmits happen inside it). Default 5000. */
  timeoutMs?: number;
  /** Budget in ms for one whole lookup (mx(), addresses(), ...). Default 3 × timeoutMs. */
  deadlineMs?: number;
  /** Queries in flight at once. Default 64. */
  concurrency?: number;
  /** Override where the default server comes from (tests). */
  resolvConfPath?: string;
}

export interface AddressLookup {
  host: string;
  /** IPv4 then IPv6, de-duplicated. */
  addresses: string[];
  v4: DnsAnswer | undefined;
  v6: DnsAnswer | undefined;
  /** CNAME targets followed while resolving the host. */
  cnameChain: string[];
  /** The worst outcome among the families asked ('ok' when any family has addresses). */
  outcome: Outcome;
}

export interface Exchanger {
  preference: number;
  host: string;
  /** IPv4 addresses then IPv6 addresses. */
  addresses: string[];
  /** Where the addresses came from: the MX answer's additional section (missing families then asked for) or only separate queries. */
  source: 'additional' | 'lookup' | 'none';
  /** The first CNAME target when the exchanger name is an alias (RFC 2181 §10.3 forbids it). */
  cname: string | null;
  /** The name is an IP address written as a host name, e.g. "192.0.2.1" or "[192.0.2.1]". */
  ipLiteral: boolean;
  /** Outcome of the address lookups ('ok' when any address was found). */
  outcome: Outcome;
  /** Set when a lookup for this exchanger failed in a way that proves nothing (timeout, SERVFAIL...). */
  error?: string;
  /** The failed question behind `error` (the other family may still have answered). */
  lookupError?: { type: 'A' | 'AAAA'; outcome: Outcome; error: string };
}

export interface MxLookup {
  domain: string;
  server: string;
  /** Outcome of the MX question itself. */
  outcome: Outcome;
  /** Exchangers sorted by preference, then name. For an implicit MX, the domain itself. */
  exchangers: Exchanger[];
  /** No MX records: mail goes to the domain's own A/AAAA (RFC 5321 §5.1). */
  implicit: boolean;
  /** "MX 0 ." (RFC 7505): the domain accepts no mail. */
  nullMx: boolean;
  /** CNAME targets followed for the domain's MX question. */
  cnameChain: string[];
  flags: DnsFlags;
  ttl?: number;
  error?: string;
  /** The raw answer to the MX question. */
  answer: DnsAnswer;
  /**
   * Set when DNS gave more than mailflow diagnoses (MX_LIMITS): exchangers beyond the first
   * ones by preference were not resolved, and hosts' addresses beyond the first ones were dropped.
   */
  truncated?: { exchangers: number; exchangersKept: number; addressesDropped: number };
}

export interface PtrLookup {
  address: string;
  /** PTR names (no trailing dot). */
  names: string[];
  outcome: Outcome;
  /** Some PTR name resolves back to `address` (forward-confirmed reverse DNS). */
  confirmed: boolean;
  error?: string;
}

export interface Resolver {
  readonly server: string;
  /** Ask one question; follows CNAMEs the server left unresolved. Never throws for DNS outcomes. */
  query(name: string, type: RRType): Promise<DnsAnswer>;
  /** MX with exchanger addresses; `family` limits addresses to IPv4 or IPv6. */
  mx(domain: string, family?: 4 | 6): Promise<MxLookup>;
  /** A and/or AAAA for a host (family restricts to one). */
  addresses(host: string, family?: 4 | 6): Promise<AddressLookup>;
  /** Reverse lookup, with forward confirmation of the names found (hint: a host already known to have this address). */
  ptr(address: string, hint?: { host: string; addresses: string[] }): Promise<PtrLookup>;
  /** TXT strings (each record's chunks joined), with the underlying answer. */
  txt(name: string): Promise<{ texts: string[]; answer: DnsAnswer }>;
  /** Number of questions actually sent (cache misses), for metrics. */
  readonly sent: number;
}

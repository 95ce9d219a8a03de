// One resolver per run: picks the server, caches answers (and shares in-flight questions),
// bounds concurrency, follows CNAMEs the server left open, and applies timeouts and deadlines.
import { lookup } from 'node:dns/promises';
import { cnameLoop, cnameTooLong, MAX_CNAME_CHAIN } from './cname.js';
import { dohQuery } from './doh.js';
import { ipFamily } from './ip-family.js';
import { Limiter } from './limit.js';
import { lookupMx } from './mx.js';
import { lookupAddresses, lookupPtr } from './reverse.js';
import { type DnsServerSpec, parseDnsServer, systemServer } from './server.js';
import { type Raw, tcpQuery } from './transport.js';
import type { DnsAnswer, DnsOptions, Outcome, Resolver, RRType, Transport } from './types.js';
import { UdpPool } from './udp.js';
import { canonicalName, interpret } from './wire.js';
import { notWireName, wireName } from './wire-name.js';

// Also here for callers that validate names the way the resolver will (commands' option checks).
export { wireName };

const NOT_ASKED = 'lookup deadline passed before asking';
/** Appended to a timeout whose wait the lookup deadline shortened. */
const CUT_SHORT = ' (cut short by the lookup deadline)';
/** Sockets (source ports) in use at once for UDP. */
const UDP_SOCKETS = 8;

export const DEFAULTS = { timeoutMs: 5000, concurrency: 64 };

/** An answer whose CNAME chain cannot be used: outcome error, with why. */
function unusable(answer: DnsAnswer, why: string): DnsAnswer {
  return { ...answer, outcome: 'error', error: why, answers: [], ttl: undefined };
}

/** Internal face of the resolver that the lookup helpers (mx, reverse) use: questions under a deadline. */
export interface Asker {
  readonly server: string;
  ask(name: string, type: RRType, deadline: number): Promise<DnsAnswer>;
}

export class DnsResolver implements Resolver, Asker {
  readonly server: string;
  readonly timeoutMs: number;
  readonly deadlineMs: number;
  private readonly spec: DnsServerSpec;
  private readonly limiter: Limiter;
  private readonly cache = new Map<string, Promise<DnsAnswer>>();
  private address: Promise<string> | undefined;
  private udp: UdpPool | undefined;
  private count = 0;

  constructor(opts: DnsOptions = {}) {
    this.spec = parseDnsServer(opts.server ?? systemServer(opts.resolvConfPath));
    this.server = this.spec.label;
    this.timeoutMs = opts.timeoutMs ?? DEFAULTS.timeoutMs;
    this.deadlineMs = opts.deadlineMs ?? this.timeoutMs * 3;
    this.limiter = new Limiter(Math.max(1, opts.concurrency ?? DEFAULTS.concurrency));
  }

  get sent(): number {
    return this.count;
  }

  deadline(): number {
    return Date.now() + this.deadlineMs;
  }

  query(name: string, type: RRType): Promise<DnsAnswer> {
    return this.ask(name, type, this.deadline());
  }

  ask(name: string, type: RRType, deadline: number): Promise<DnsAnswer> {
    const wire = wireName(name);
    if (wire === undefined) {
      return Promise.resolve(this.failed(name, type, 'error', notWireName(name), 'udp', Date.now()));
    }
    const key = `${type} ${wire}`;
    let hit = this.cache.get(key);
    if (!hit) {
      hit = this.follow(wire, type, deadline, key);
      this.cache.set(key, hit);
    }
    return hit;
  }

  mx(domain: string, family?: 4 | 6) {
    return lookupMx(this, domain, this.deadline(), family);
  }

  addresses(host: string, family?: 4 | 6) {
    return lookupAddresses(this, host, this.deadline(), family);
  }

  ptr(address: string, hint?: { host: string; addresses: string[] }) {
    return lookupPtr(this, address, this.deadline(), hint);
  }

  async txt(name: string) {
    const answer = await this.query(name, 'TXT');
    return { texts: answer.answers.map((r) => r.value), answer };
  }

  /** Ask, then keep asking for the CNAME target while the server stopped at an alias without answering. */
  private async follow(name: string, type: RRType, deadline: number, key: string): Promise<DnsAnswer> {
    const started = Date.now();
    let answer = await this.once(name, type, deadline);
    // A question never sent, or given up early, because its lookup's deadline ran out says
    // nothing about the name: forget it so a later lookup, with its own deadline, asks again.
    // (Only this call's own entry can be under `key` now: entries are removed only here.)
    const provisional = (a: DnsAnswer) =>
      a.error === NOT_ASKED || (a.outcome === 'timeout' && a.error?.endsWith(CUT_SHORT));
    if (answer.cnameChain.length === 0 || answer.outcome !== 'nodata') {
      // The usual case: one question answered it. `answer` is this call's own object.
      if (provisional(answer)) this.cache.delete(key);
      answer.name = name;
      answer.elapsedMs = Date.now() - started;
      return answer;
    }
    // The server stopped at an alias without its records (or the alias's target has none of
    // this type): ask for the target, until an answer has no further alias. Bounded: every
    // round adds names not yet on the chain, and the chain is capped.
    const chain = [...answer.cnameChain];
    let last = answer.cnameChain;
    while (answer.outcome === 'nodata' && last.length > 0) {
      const target = chain[chain.length - 1]!;
      if (chain.length >= MAX_CNAME_CHAIN) {
        answer = unusable(answer, cnameTooLong(name, chain));
        break;
      }
      // A target decoded with a dot inside a label cannot be asked for (wire-name.ts).
      const wire = wireName(target);
      if (wire === undefined) {
        answer = unusable(answer, notWireName(target));
        break;
      }
      const next = await this.once(wire, type, deadline);
      const back = next.cnameChain.findIndex((n) => n === name || chain.includes(n));
      if (back !== -1) {
        chain.push(...next.cnameChain.slice(0, back));
        answer = unusable(next, cnameLoop(name, chain, next.cnameChain[back]!));
        break;
      }
      chain.push(...next.cnameChain);
      last = next.cnameChain;
      answer = next;
    }
    if (provisional(answer)) this.cache.delete(key);
    return { ...answer, name, cnameChain: chain, elapsedMs: Date.now() - started };
  }

  /** One question to the server, over UDP (then TCP if truncated) or DoH. */
  private once(name: string, type: RRType, deadline: number): Promise<DnsAnswer> {
    return this.limiter.run(async () => {
      const started = Date.now();
      const budget = Math.min(this.timeoutMs, deadline - started);
      const transport: Transport = this.spec.kind === 'doh' ? 'doh' : 'udp';
      if (budget <= 0) return this.failed(name, type, 'timeout', NOT_ASKED, transport, started);
      this.count++;
      let raw: Raw;
      let truncated = false;
      if (this.spec.kind === 'doh') {
        raw = await dohQuery(this.spec.url, name, type, budget);
      } else {
        let host: string;
        if (this.udp) host = this.udp.host;
        else {
          try {
            host = await this.serverAddress();
          } catch (err) {
            return this.failed(name, type, 'error', (err as Error).message, transport, started);
          }
          this.udp ??= new UdpPool(host, this.spec.port, UDP_SOCKETS);
        }
        raw = await this.udp.query(name, type, budget, budget >= this.timeoutMs);
        if (raw.kind === 'reply' && raw.msg.tc) {
          truncated = true;
          const left = Math.min(this.timeoutMs, deadline - Date.now());
          raw =
            left > 0
              ? await tcpQuery(host, this.spec.port, name, type, left)
              : { kind: 'timeout', reason: 'lookup deadline passed before the TCP retry', transport: 'tcp' };
        }
      }
      if (raw.kind !== 'reply') {
        const reason =
          raw.kind === 'timeout' && budget < this.timeoutMs ? `${raw.reason}${CUT_SHORT}` : raw.reason;
        const answer = this.failed(name, type, raw.kind, reason, raw.transport, started);
        return { ...answer, flags: { ...answer.flags, tc: truncated } };
      }
      const r = interpret(raw.msg, name, type);
      return {
        name,
        type,
        outcome: r.outcome,
        server: this.server,
        transport: raw.transport,
        rcode: r.rcode,
        flags: { ...r.flags, tc: truncated || r.flags.tc },
        answers: r.answers,
        cnameChain: r.cnameChain,
        records: r.records,
        additional: r.additional,
        ttl: r.ttl,
        error: r.error,
        elapsedMs: Date.now() - started,
      };
    });
  }

  /** A host-name server (e.g. --dns dns.example) is looked up once, with the system resolver. */
  private serverAddress(): Promise<string> {
    if (this.spec.kind !== 'udp') throw new Error('not a UDP server');
    const host = this.spec.host;
    if (ipFamily(host.split('%')[0]!)) return Promise.resolve(host);
    this.address ??= lookup(host).then(
      (r) => r.address,
      (err: Error) => {
        throw new Error(`cannot find the address of DNS server ${host}: ${err.message}`);
      },
    );
    return this.address;
  }

  private failed(
    name: string,
    type: RRType,
    outcome: Outcome,
    error: string,
    transport: Transport,
    started: number,
  ): DnsAnswer {
    return {
      name: canonicalName(name),
      type,
      outcome,
      server: this.server,
      transport,
      rcode: '',
      flags: { aa: false, ad: false, tc: false },
      answers: [],
      cnameChain: [],
      records: [],
      additional: [],
      error,
      elapsedMs: Date.now() - started,
    };
  }
}

export function createResolver(opts: DnsOptions = {}): Resolver {
  return new DnsResolver(opts);
}

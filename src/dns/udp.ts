// UDP queries over a small pool of connected sockets. Creating a socket per question costs
// more than the question itself on a fast network, so sockets are shared: each is bound to a
// random ephemeral port and retired after a number of queries (fresh ports keep spoofing hard),
// queries on it carry random unused IDs, and replies are routed by ID then checked in full.
import { createSocket, type Socket } from 'node:dgram';
import { ipFamily } from './ip-family.js';
import type { Raw } from './transport.js';
import type { RRType } from './types.js';
import { decodeReply, encodeQuery, randomId } from './wire.js';

/** Questions one socket (one source port) serves before it is replaced. */
const QUERIES_PER_SOCKET = 256;
/** First retransmit after at most this long; later ones back off (doubling) within the budget. */
const FIRST_RETRANSMIT_MS = 1000;
/** How often the shared clock checks for retransmits and timeouts. */
const TICK_MS = 20;
/** Full timeouts, with nothing ever heard from the server, after which it counts as not there. */
const SILENT_TIMEOUTS = 3;
/** Socket errors that say the server cannot be reached at all (not one bad packet). */
const UNREACHABLE = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH']);

interface Waiter {
  name: string;
  type: RRType;
  finish(r: Raw): void;
  malformed?: string;
  /** The channel and query, for retransmits. */
  channel: Channel;
  query: Buffer;
  /** Budget and start, for the final timeout's wording and time. */
  timeoutMs: number;
  /** The budget is the resolver's whole timeout, not what a lookup deadline left of it. */
  fullTimeout: boolean;
  giveUpAt: number;
  /** Next retransmit (ms since epoch), its gap, and how many were sent so far. */
  resendAt: number;
  step: number;
  resends: number;
}

/** A channel's link to its pool: it reports a broken socket and every arrival. */
interface ChannelOwner {
  broken(message: string): void;
  heard(): void;
  answered: boolean;
}

class Channel {
  readonly socket: Socket;
  readonly waiting = new Map<number, Waiter>();
  used = 0;
  private ready: Promise<void>;
  private connected = false;
  private broken: string | undefined;
  private closed = false;

  constructor(
    host: string,
    port: number,
    /** Told when the socket breaks (e.g. port unreachable) and when anything arrives. */
    private readonly owner: ChannelOwner,
  ) {
    this.socket = createSocket(ipFamily(host.split('%')[0]!) === 6 ? 'udp6' : 'udp4');
    // Pending queries keep the process alive through their timers; the socket itself must not.
    this.socket.unref();
    this.socket.on('message', (buf) => this.deliver(buf));
    this.onError = (err: NodeJS.ErrnoException) =>
      this.fail(
        err.code === 'ECONNREFUSED'
          ? `port unreachable: no DNS server listens on ${host.includes(':') ? `[${host}]` : host}:${port}`
          : err.message,
        UNREACHABLE.has(err.code ?? ''),
      );
    this.socket.on('error', this.onError);
    // connect(): the kernel drops datagrams from anyone but the server, and an ICMP
    // "port unreachable" surfaces as ECONNREFUSED instead of a silent timeout.
    this.ready = new Promise((resolve) =>
      this.socket.connect(port, host, (err?: NodeJS.ErrnoException) => {
        if (err)
          this.fail(`cannot reach DNS server ${host}: ${err.message}`, UNREACHABLE.has(err.code ?? ''));
        this.connected = true;
        resolve();
      }),
    );
  }

  get retired(): boolean {
    return this.used >= QUERIES_PER_SOCKET || this.broken !== undefined;
  }

  /** A random ID not in use on this socket. Bounded: at most 256 live IDs out of 65,536. */
  freeId(): number {
    for (;;) {
      const id = randomId();
      if (!this.waiting.has(id)) return id;
    }
  }

  /** Sends soon (batched, no promise per packet) when connected, else after connecting. */
  send(query: Buffer, failed: (err: string) => void): void {
    if (!this.connected) {
      void this.ready.then(() => this.send(query, failed));
      return;
    }
    this.outbox.push(query, failed);
    if (this.outbox.length === 2) setImmediate(() => this.flush());
  }

  /**
   * Queries to send, as (packet, on-failure) pairs. Packets go out together once the replies
   * at hand are handled: on loopback each send that wakes an idle server costs a context
   * switch, and a burst wakes it once (measured: a third off the time for 1,000 domains).
   */
  private readonly outbox: (Buffer | ((err: string) => void))[] = [];

  private flush(): void {
    const out = this.outbox.splice(0);
    for (let i = 0; i < out.length; i += 2) {
      const err = this.sendNow(out[i] as Buffer);
      if (err) (out[i + 1] as (err: string) => void)(err);
    }
  }

  private readonly onError: (err: NodeJS.ErrnoException) => void;
  private readonly afterSend = (err: Error | null) => {
    if (err) this.onError(err);
  };

  private sendNow(query: Buffer): string | undefined {
    if (this.broken) return this.broken;
    // The kernel reports an ICMP "port unreachable" to whichever call on the socket comes
    // next; when that is a send, Node passes the error only to a send callback (without one it
    // is dropped, and the question waits for its timeout). So sends carry a callback until
    // the server has answered something; after that none, which is cheaper per packet.
    try {
      if (this.owner.answered) this.socket.send(query);
      else this.socket.send(query, this.afterSend);
    } catch (err) {
      return (err as Error).message;
    }
    return undefined;
  }

  release(id: number): void {
    this.waiting.delete(id);
    this.closeIfIdle();
  }

  private closeIfIdle(): void {
    if (this.closed || !this.retired || this.waiting.size > 0) return;
    this.closed = true;
    this.socket.close();
  }

  private deliver(buf: Buffer): void {
    this.owner.heard();
    if (buf.length < 2) {
      this.noteGarbage('reply of fewer than 2 bytes');
      return;
    }
    const w = this.waiting.get(buf.readUInt16BE(0));
    if (!w) {
      // Unknown ID: a late or stray reply is dropped quietly; an unparseable one is noted.
      const d = decodeReply(buf, null, '.', 'A');
      this.noteGarbage(d.kind === 'malformed' ? d.reason : undefined);
      return;
    }
    const d = decodeReply(buf, buf.readUInt16BE(0), w.name, w.type);
    if (d.kind === 'reply') w.finish({ ...d, transport: 'udp' });
    // Keep waiting: the genuine reply may still come. Remember garbage so a timeout is explained.
    else if (d.kind === 'malformed') w.malformed = d.reason;
  }

  /** Unattributable garbage: every query waiting here learns the server sends junk. */
  private noteGarbage(reason: string | undefined): void {
    if (reason === undefined) return; // a stray or late reply for an ID no longer waiting
    for (const w of this.waiting.values()) w.malformed ??= reason;
  }

  /** This socket is done; `unreachable`: the error says the server is not there at all. */
  private fail(message: string, unreachable = false): void {
    this.broken = message;
    for (const w of [...this.waiting.values()])
      w.finish({ kind: 'error', reason: message, transport: 'udp' });
    this.closeIfIdle();
    if (unreachable) this.owner.broken(message);
  }
}

/** The UDP side of one resolver: one server, a pool of sockets. */
export class UdpPool {
  private readonly channels: Channel[] = [];
  private next = 0;
  /** Queries waiting for a reply, across channels. */
  private readonly live = new Set<Waiter>();
  private clock: NodeJS.Timeout | undefined;
  /**
   * Why this server is known not to answer, once it is: "port unreachable" (or host/network
   * unreachable) on any socket, or SILENT_TIMEOUTS questions using their whole timeout before
   * the server ever answered anything (one slow answer is not enough: a resolver may be slow on
   * one name and quick on the rest). Every question in flight, and every new one for one
   * timeout's length, then ends at once: a list of 1,000 domains against a dead server takes a
   * few timeouts, not 1,000 / concurrency of them. After that, questions are sent again, in
   * case the server came back (a long `check --file` run).
   */
  private dead: Raw | undefined;
  private deadUntil = 0;
  private silentTimeouts = 0;
  /** What the channels tell the pool; `answered`: something (even garbage) came back this run. */
  private readonly events: ChannelOwner = {
    answered: false,
    broken: (message) =>
      this.giveUp({ kind: 'error', reason: message, transport: 'udp' }, FIRST_RETRANSMIT_MS),
    heard: () => {
      this.events.answered = true;
    },
  };

  constructor(
    readonly host: string,
    private readonly port: number,
    private readonly size: number,
  ) {}

  private channel(): Channel {
    for (let i = this.channels.length - 1; i >= 0; i--) {
      if (this.channels[i]!.retired) this.channels.splice(i, 1);
    }
    if (this.channels.length < this.size) {
      const c = new Channel(this.host, this.port, this.events);
      this.channels.push(c);
      return c;
    }
    this.next = (this.next + 1) % this.channels.length;
    return this.channels[this.next]!;
  }

  query(name: string, type: RRType, timeoutMs: number, fullTimeout = true): Promise<Raw> {
    if (this.dead) {
      if (Date.now() < this.deadUntil) return Promise.resolve(this.dead);
      this.dead = undefined;
    }
    const ch = this.channel();
    ch.used++;
    const id = ch.freeId();
    const query = encodeQuery(name, type, id);
    return new Promise((resolve) => {
      const now = Date.now();
      const step = Math.min(FIRST_RETRANSMIT_MS, timeoutMs / 3);
      let done = false;
      const waiter: Waiter = {
        name,
        type,
        channel: ch,
        query,
        timeoutMs,
        fullTimeout,
        giveUpAt: now + timeoutMs,
        resendAt: now + step,
        step,
        resends: 0,
        finish: (r) => {
          if (done) return;
          done = true;
          this.live.delete(waiter);
          if (this.live.size === 0) this.stopClock();
          ch.release(id);
          resolve(r);
        },
      };
      ch.waiting.set(id, waiter);
      this.live.add(waiter);
      this.startClock();
      this.send(waiter);
    });
  }

  private send(w: Waiter): void {
    w.channel.send(w.query, (err) =>
      w.finish({ kind: 'error', reason: `cannot send to ${this.host}: ${err}`, transport: 'udp' }),
    );
  }

  /** The server is not there: end every question in flight with `why`, and every later one. */
  private giveUp(why: Raw, forMs: number): void {
    if (this.dead) return;
    this.dead = why;
    this.deadUntil = Date.now() + forMs;
    for (const w of [...this.live]) w.finish(why);
  }

  /**
   * One clock for every query in flight, instead of a timer each (which cost more than the
   * query on a fast network): each tick retransmits what is due (1 s, then doubling, at most 3
   * times, within the budget) and gives up on what ran out. Timeouts are late by at most a tick.
   */
  private tick(): void {
    const now = Date.now();
    for (const w of [...this.live]) {
      if (!this.live.has(w)) continue; // ended during this tick (the server was given up on)
      if (now >= w.giveUpAt) {
        if (w.malformed) {
          w.finish({
            kind: 'malformed',
            reason: `${w.malformed}; no valid reply in ${w.timeoutMs} ms`,
            transport: 'udp',
          });
        } else {
          w.finish({ kind: 'timeout', reason: `no reply in ${w.timeoutMs} ms`, transport: 'udp' });
          if (!this.events.answered && w.fullTimeout && ++this.silentTimeouts >= SILENT_TIMEOUTS)
            this.giveUp(
              {
                kind: 'timeout',
                reason: `given up: the server answered none of this run's questions; ${SILENT_TIMEOUTS} went unanswered for ${w.timeoutMs} ms`,
                transport: 'udp',
              },
              w.timeoutMs,
            );
        }
      } else if (now >= w.resendAt && w.resends < 3) {
        w.resends++;
        w.step *= 2;
        w.resendAt = now + w.step;
        if (w.resendAt >= w.giveUpAt) w.resends = 3;
        this.send(w);
      }
    }
  }

  private startClock(): void {
    this.clock ??= setInterval(() => this.tick(), TICK_MS);
  }

  private stopClock(): void {
    if (this.clock) clearInterval(this.clock);
    this.clock = undefined;
  }
}

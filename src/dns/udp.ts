// UDP queries over a small pool of connected sockets. Creating a socket per question costs
// more than the question itself on a fast network, so sockets are shared: each is bound to a
// random ephemeral port and retired after a number of queries (fresh ports keep spoofing hard),
// queries on it carry random unused IDs, and replies are routed by ID then checked in full.
import { createSocket, type Socket } from 'node:dgram';
import { isIP } from 'node:net';
import type { Raw } from './transport.js';
import type { RRType } from './types.js';
import { decodeReply, encodeQuery, randomId } from './wire.js';

/** Questions one socket (one source port) serves before it is replaced. */
const QUERIES_PER_SOCKET = 256;
/** First retransmit after at most this long; later ones back off (doubling) within the budget. */
const FIRST_RETRANSMIT_MS = 1000;

interface Waiter {
  name: string;
  type: RRType;
  finish(r: Raw): void;
  malformed?: string;
}

class Channel {
  readonly socket: Socket;
  readonly waiting = new Map<number, Waiter>();
  used = 0;
  private ready: Promise<void>;
  private broken: string | undefined;
  private closed = false;

  constructor(host: string, port: number) {
    this.socket = createSocket(isIP(host.split('%')[0]!) === 6 ? 'udp6' : 'udp4');
    // Pending queries keep the process alive through their timers; the socket itself must not.
    this.socket.unref();
    this.socket.on('message', (buf) => this.deliver(buf));
    this.socket.on('error', (err: NodeJS.ErrnoException) =>
      this.fail(
        err.code === 'ECONNREFUSED'
          ? `port unreachable: no DNS server listens on ${host.includes(':') ? `[${host}]` : host}:${port}`
          : err.message,
      ),
    );
    // connect(): the kernel drops datagrams from anyone but the server, and an ICMP
    // "port unreachable" surfaces as ECONNREFUSED instead of a silent timeout.
    this.ready = new Promise((resolve) =>
      this.socket.connect(port, host, (err?: Error) => {
        if (err) this.fail(`cannot reach DNS server ${host}: ${err.message}`);
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

  async send(query: Buffer): Promise<string | undefined> {
    await this.ready;
    if (this.broken) return this.broken;
    // No callback: cheaper per packet; a failed send surfaces as the socket's 'error' event.
    try {
      this.socket.send(query);
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

  private fail(message: string): void {
    this.broken = message;
    for (const w of [...this.waiting.values()])
      w.finish({ kind: 'error', reason: message, transport: 'udp' });
    this.closeIfIdle();
  }
}

/** The UDP side of one resolver: one server, a pool of sockets. */
export class UdpPool {
  private readonly channels: Channel[] = [];
  private next = 0;

  constructor(
    private readonly host: string,
    private readonly port: number,
    private readonly size: number,
  ) {}

  private channel(): Channel {
    for (let i = this.channels.length - 1; i >= 0; i--) {
      if (this.channels[i]!.retired) this.channels.splice(i, 1);
    }
    if (this.channels.length < this.size) {
      const c = new Channel(this.host, this.port);
      this.channels.push(c);
      return c;
    }
    this.next = (this.next + 1) % this.channels.length;
    return this.channels[this.next]!;
  }

  query(name: string, type: RRType, timeoutMs: number): Promise<Raw> {
    const ch = this.channel();
    ch.used++;
    const id = ch.freeId();
    const query = encodeQuery(name, type, id);
    return new Promise((resolve) => {
      const started = Date.now();
      let timer: NodeJS.Timeout | undefined;
      let done = false;
      const waiter: Waiter = {
        name,
        type,
        finish: (r) => {
          if (done) return;
          done = true;
          clearTimeout(timer);
          ch.release(id);
          resolve(r);
        },
      };
      ch.waiting.set(id, waiter);
      const send = () =>
        void ch.send(query).then((err) => {
          if (err)
            waiter.finish({ kind: 'error', reason: `cannot send to ${this.host}: ${err}`, transport: 'udp' });
        });
      // One timer per query: it retransmits (1 s, then doubling, at most 3 times) and finally gives up.
      let step = Math.min(FIRST_RETRANSMIT_MS, timeoutMs / 3);
      let resends = 0;
      const tick = () => {
        const left = timeoutMs - (Date.now() - started);
        if (resends < 3 && step < left) {
          timer = setTimeout(() => {
            resends++;
            send();
            step *= 2;
            tick();
          }, step);
        } else {
          timer = setTimeout(giveUp, Math.max(0, left));
        }
      };
      const giveUp = () =>
        waiter.finish(
          waiter.malformed
            ? {
                kind: 'malformed',
                reason: `${waiter.malformed}; no valid reply in ${timeoutMs} ms`,
                transport: 'udp',
              }
            : { kind: 'timeout', reason: `no reply in ${timeoutMs} ms`, transport: 'udp' },
        );
      tick();
      send();
    });
  }
}

// Builds per-message records from events, streaming: a message is keyed by host and queue ID,
// joined to its family (the original plus its content-filter re-injections and the bounce notices
// it caused), and handed over when every member has left the queue. Memory is bounded by the
// open messages: a cap evicts the oldest (handed over as incomplete), never the file size.
import type { LogEvent } from './event.js';

export interface Attempt {
  t: number;
  host: string;
  svc: string;
  to: string;
  origTo?: string;
  relay: string;
  delay?: number;
  delays?: [number, number, number, number];
  dsn?: string;
  status: 'sent' | 'deferred' | 'bounced' | 'expired';
  text: string;
  queuedAs?: string;
  /** A hand-over to a content filter on this machine (loopback relay that answered "queued as"). */
  hop: boolean;
  /** The TLS connection the delivery used, when the smtp client logged one for it. */
  tls?: string;
}

export interface Msg {
  key: string;
  host: string;
  qid: string;
  first: number;
  last: number;
  client?: string;
  sasl?: string;
  tlsIn?: string;
  local?: boolean;
  messageId?: string;
  from?: string;
  size?: number;
  nrcpt?: number;
  attempts: Attempt[];
  /** Recipients deferred at least once (counted once each). */
  deferredRcpts?: Set<string>;
  rejects: Extract<LogEvent, { kind: 'reject' }>[];
  expired?: { t: number; text: string };
  notices: { notice: string; child: string }[];
  removed: boolean;
  /** How it joined its family: the original, a content filter's re-injection, or a notice to the sender. */
  role: 'origin' | 'filter' | 'notice';
  family: Family;
  /** Every event of the message, in order (only when the collector asks for them). */
  events?: LogEvent[];
}

export interface Family {
  root: Msg;
  members: Msg[];
  open: number;
  /** False when the log ended (or the cap evicted a member) before every member left the queue. */
  complete: boolean;
}

export interface CorrelateOptions {
  /** Messages held open at most; the oldest is handed over incomplete past it. */
  maxOpen: number;
  keepEvents: boolean;
  onEvent?: (ev: LogEvent, msg: Msg | undefined) => void;
  onFamily: (family: Family) => void;
}

export const DEFAULT_MAX_OPEN = 200_000;
const MAX_PENDING = 10_000;

export function isLoopback(hostIp: string): boolean {
  return (
    hostIp.includes('[127.') ||
    hostIp.startsWith('127.') ||
    hostIp.includes('[::1]') ||
    hostIp.startsWith('localhost[') ||
    hostIp === 'localhost'
  );
}

/** Maps per host, so that the hot path looks up the queue ID as logged instead of building "host/qid" keys. */
class PerHost<V> {
  readonly hosts = new Map<string, Map<string, V>>();
  size = 0;
  of(host: string): Map<string, V> {
    let m = this.hosts.get(host);
    if (!m) {
      m = new Map();
      this.hosts.set(host, m);
    }
    return m;
  }
  get(host: string, key: string): V | undefined {
    return this.hosts.get(host)?.get(key);
  }
  set(host: string, key: string, v: V): void {
    const m = this.of(host);
    const before = m.size;
    m.set(key, v);
    this.size += m.size - before;
  }
  delete(host: string, key: string): boolean {
    const m = this.hosts.get(host);
    if (!m?.delete(key)) return false;
    this.size--;
    return true;
  }
  /** The oldest entry of the host holding the most (insertion order). */
  oldest(): V | undefined {
    let big: Map<string, V> | undefined;
    for (const m of this.hosts.values()) if (!big || m.size > big.size) big = m;
    return big?.values().next().value;
  }
}

type Tls = { peer: string; level: string; detail: string };

export class Correlator {
  private readonly open = new PerHost<Msg>();
  private readonly byMsgId = new PerHost<Msg>();
  /** Queue IDs announced ("queued as", "notification: X") before their message was seen. */
  private readonly pending = new PerHost<{ parent: Msg; role: 'filter' | 'notice' }>();
  /** TLS state per smtp/smtpd process (pids are unique on a host): the last connection it established. */
  private readonly tlsByPid = new PerHost<Tls>();
  evicted = 0;

  constructor(private readonly opts: CorrelateOptions) {}

  handle(ev: LogEvent): void {
    if (!('qid' in ev) || ev.qid === undefined) {
      this.connectionEvent(ev);
      this.opts.onEvent?.(ev, undefined);
      return;
    }
    let msg = this.open.get(ev.host, ev.qid);
    if (!msg) msg = this.create(ev);
    msg.last = ev.t;
    if (this.opts.keepEvents) msg.events!.push(ev);
    switch (ev.kind) {
      case 'client': {
        msg.client = ev.client;
        if (ev.sasl !== undefined) msg.sasl = ev.sasl;
        const tls = this.tlsByPid.get(ev.host, ev.pid);
        if (tls && tls.peer === ev.client) msg.tlsIn = `${tls.level} ${tls.detail}`.trim();
        if (ev.tls) msg.tlsIn = ev.tls;
        break;
      }
      case 'local':
        msg.local = true;
        if (ev.from !== undefined) msg.from ??= ev.from;
        break;
      case 'msgid':
        msg.messageId = ev.messageId;
        this.linkByMessageId(msg);
        break;
      case 'from':
        msg.from = ev.from;
        if (ev.size !== undefined) msg.size = ev.size;
        if (ev.nrcpt !== undefined) msg.nrcpt = ev.nrcpt;
        break;
      case 'delivery':
        this.delivery(msg, ev);
        break;
      case 'expired':
        msg.expired = { t: ev.t, text: ev.text };
        break;
      case 'reject':
        msg.rejects.push(ev);
        break;
      case 'notice':
        msg.notices.push({ notice: ev.notice, child: ev.child });
        this.link(msg, ev.child, 'notice');
        break;
      case 'removed':
        this.opts.onEvent?.(ev, msg);
        this.close(msg, true);
        return;
    }
    this.opts.onEvent?.(ev, msg);
  }

  /** Hands over every family still open (the log ended before they left the queue). */
  end(): void {
    for (const m of [...this.open.hosts.values()]) for (const msg of [...m.values()]) this.close(msg, false);
  }

  get openCount(): number {
    return this.open.size;
  }

  private create(ev: LogEvent & { qid?: string }): Msg {
    const msg: Msg = {
      key: `${ev.host}/${ev.qid}`,
      host: ev.host,
      qid: ev.qid!,
      first: ev.t,
      last: ev.t,
      attempts: [],
      rejects: [],
      notices: [],
      removed: false,
      role: 'origin',
      family: undefined as unknown as Family,
    };
    if (this.opts.keepEvents) msg.events = [];
    msg.family = { root: msg, members: [msg], open: 1, complete: true };
    this.open.set(ev.host, msg.qid, msg);
    const p = this.pending.get(ev.host, msg.qid);
    if (p) {
      this.pending.delete(ev.host, msg.qid);
      msg.role = p.role;
      if (!p.parent.removed || p.parent.family.open > 0) this.merge(p.parent.family, msg.family);
    }
    if (this.open.size > this.opts.maxOpen) {
      const oldest = this.open.oldest()!;
      this.evicted++;
      this.close(oldest, false);
    }
    return msg;
  }

  private connectionEvent(ev: LogEvent): void {
    if (ev.kind === 'tls') this.tlsByPid.set(ev.host, ev.pid, ev);
    else if (ev.kind === 'disconnect' || ev.kind === 'connect') this.tlsByPid.delete(ev.host, ev.pid);
  }

  private delivery(msg: Msg, ev: Extract<LogEvent, { kind: 'delivery' }>): void {
    const hop = ev.queuedAs !== undefined && ev.status === 'sent' && isLoopback(ev.relay);
    const a: Attempt = {
      t: ev.t,
      host: ev.host,
      svc: ev.svc,
      to: ev.to,
      relay: ev.relay,
      status: ev.status,
      text: ev.text,
      hop,
    };
    if (ev.origTo !== undefined) a.origTo = ev.origTo;
    if (ev.delay !== undefined) a.delay = ev.delay;
    if (ev.delays) a.delays = ev.delays;
    if (ev.dsn !== undefined) a.dsn = ev.dsn;
    if (ev.queuedAs !== undefined) a.queuedAs = ev.queuedAs;
    const tls = this.tlsByPid.get(ev.host, ev.pid);
    if (tls && tls.peer === ev.relay) a.tls = `${tls.level} ${tls.detail}`.trim();
    msg.attempts.push(a);
    if (ev.status === 'deferred') {
      msg.deferredRcpts ??= new Set();
      msg.deferredRcpts.add(ev.to);
    }
    if (hop) this.link(msg, ev.queuedAs!, 'filter');
  }

  /** A content filter's re-injection: same Message-ID, from a loopback client, while the original is open. */
  private linkByMessageId(msg: Msg): void {
    const id = msg.messageId!;
    const other = this.byMsgId.get(msg.host, id);
    if (
      other &&
      other !== msg &&
      !other.removed &&
      msg.role === 'origin' &&
      msg.family.members.length === 1 &&
      msg.client !== undefined &&
      isLoopback(msg.client)
    ) {
      msg.role = 'filter';
      this.merge(other.family, msg.family);
    }
    this.byMsgId.set(msg.host, id, msg);
  }

  private link(parent: Msg, childQid: string, role: 'filter' | 'notice'): void {
    const child = this.open.get(parent.host, childQid);
    if (child) {
      if (child.family !== parent.family) {
        child.role = role;
        this.merge(parent.family, child.family);
      }
      return;
    }
    if (this.pending.size >= MAX_PENDING) {
      const m = this.pending.of(parent.host);
      const first = m.keys().next().value;
      if (first !== undefined) this.pending.delete(parent.host, first);
    }
    this.pending.set(parent.host, childQid, { parent, role });
  }

  private merge(into: Family, from: Family): void {
    if (into === from) return;
    for (const m of from.members) {
      m.family = into;
      into.members.push(m);
    }
    into.open += from.open;
    into.complete &&= from.complete;
  }

  private close(msg: Msg, removed: boolean): void {
    if (!this.open.delete(msg.host, msg.qid)) return;
    msg.removed = true;
    if (msg.messageId !== undefined && this.byMsgId.get(msg.host, msg.messageId) === msg)
      this.byMsgId.delete(msg.host, msg.messageId);
    const fam = msg.family;
    if (!removed) fam.complete = false;
    fam.open--;
    if (fam.open === 0) this.opts.onFamily(fam);
  }
}

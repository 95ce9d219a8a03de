// The day at a glance, computed while the log streams past: counts, rejection reasons by NDR
// category, deferring destinations, per-sender and per-SASL-user volumes, hourly counts, TLS share.
// A message that passes a content filter is one message (the correlator joins the re-injection).
import { type Family, isLoopback, type Msg } from './correlate.js';
import type { LogEvent } from './event.js';
import { categoryOf } from './explain.js';
import { hourLabel } from './time.js';

export interface Counts {
  received: number;
  delivered: number;
  /** Recipients deferred at least once (a greylisted recipient delivered later counts here too). */
  deferred: number;
  /** Deferred delivery attempts, every retry. */
  deferrals: number;
  bounced: number;
  expired: number;
  /** Rejected during the SMTP dialogue with a 5xx. */
  rejected: number;
  /** Rejected with a 4xx (greylisting, DNS trouble): the client may come back. */
  tempRejected: number;
  /** Hand-overs to a content filter on this machine (not deliveries). */
  filtered: number;
  /** Bounce, delay and success notices the server wrote to senders. */
  notices: number;
  /** Messages whose arrival was before the log began (seen only leaving). */
  arrivedBeforeLog: number;
}

export interface Volume {
  name: string;
  messages: number;
  recipients: number;
  bytes: number;
  outlier: boolean;
}

export interface SummaryData {
  counts: Counts;
  rejections: { category: string; restriction: string; count: number; example: string }[];
  deferring: { destination: string; count: number; lastError: string; lastRelay: string }[];
  senders: Volume[];
  saslUsers: Volume[];
  hourly: { hour: string; received: number; delivered: number; rejected: number }[];
  /** Inbound: messages received from SMTP clients (not loopback) and those over TLS, plus logged connections. */
  tls: {
    inbound: { messages: number; tls: number; connections: number };
    outbound: { deliveries: number; tls: number };
  };
  postscreen: Record<string, number>;
}

const MAX_KEYS = 100_000;

function bump<K>(map: Map<K, number>, key: K, by = 1): void {
  map.set(key, (map.get(key) ?? 0) + by);
}

function domainOf(addr: string): string {
  const at = addr.lastIndexOf('@');
  return at < 0 ? addr || '(local)' : addr.slice(at + 1).toLowerCase();
}

/** Over 20 messages and at least 10 times the median: the shape of a compromised account. */
export function markOutliers(vols: Volume[]): void {
  if (vols.length < 2) return;
  const sorted = vols.map((v) => v.messages).sort((a, b) => a - b);
  const median = sorted[Math.floor((sorted.length - 1) / 2)]!;
  for (const v of vols)
    v.outlier = v.name !== '<>' && v.messages >= 20 && v.messages >= 10 * Math.max(1, median);
}

export class Summary {
  readonly counts: Counts = {
    received: 0,
    delivered: 0,
    deferred: 0,
    deferrals: 0,
    bounced: 0,
    expired: 0,
    rejected: 0,
    tempRejected: 0,
    filtered: 0,
    notices: 0,
    arrivedBeforeLog: 0,
  };
  private readonly rejections = new Map<
    string,
    { category: string; restriction: string; count: number; example: string }
  >();
  private readonly deferring = new Map<string, { count: number; lastError: string; lastRelay: string }>();
  private readonly senders = new Map<string, Volume>();
  private readonly sasl = new Map<string, Volume>();
  private readonly hourly = new Map<string, { received: number; delivered: number; rejected: number }>();
  private readonly postscreen = new Map<string, number>();
  private readonly tls = {
    inbound: { messages: 0, tls: 0, connections: 0 },
    outbound: { deliveries: 0, tls: 0 },
  };
  private lastHourT = Number.NaN;
  private lastHour = '';

  private hour(t: number) {
    // Hour labels are cached per hour: most consecutive lines share one.
    const h = Math.floor(t / 3_600_000);
    if (h !== this.lastHourT) {
      this.lastHourT = h;
      this.lastHour = hourLabel(t);
    }
    let b = this.hourly.get(this.lastHour);
    if (!b) {
      b = { received: 0, delivered: 0, rejected: 0 };
      this.hourly.set(this.lastHour, b);
    }
    return b;
  }

  onEvent = (ev: LogEvent, msg: Msg | undefined): void => {
    switch (ev.kind) {
      case 'delivery': {
        const a = msg!.attempts[msg!.attempts.length - 1]!;
        if (a.hop) {
          this.counts.filtered++;
          return;
        }
        // An SMTP delivery to another host (not a socket, a local transport or a failed connection).
        if (
          ev.svc !== 'lmtp' &&
          ev.relay.includes('[') &&
          !ev.relay.includes('[private/') &&
          !isLoopback(ev.relay)
        ) {
          this.tls.outbound.deliveries++;
          if (a.tls) this.tls.outbound.tls++;
        }
        if (ev.status === 'sent') {
          this.counts.delivered++;
          this.hour(ev.t).delivered++;
        } else if (ev.status === 'deferred') {
          this.counts.deferrals++;
          const dest = domainOf(ev.to);
          let d = this.deferring.get(dest);
          if (!d) {
            if (this.deferring.size >= MAX_KEYS) return;
            d = { count: 0, lastError: '', lastRelay: '' };
            this.deferring.set(dest, d);
          }
          d.count++;
          d.lastError = ev.text;
          d.lastRelay = ev.relay;
        } else if (ev.status === 'bounced') this.counts.bounced++;
        else this.counts.expired++;
        return;
      }
      case 'expired':
        this.counts.expired++;
        return;
      case 'notice':
        this.counts.notices++;
        return;
      case 'reject': {
        if (ev.temporary) this.counts.tempRejected++;
        else this.counts.rejected++;
        this.hour(ev.t).rejected++;
        const f = {
          text: ev.text,
          ...(ev.dsn ? { dsn: ev.dsn } : {}),
          ...(ev.code ? { code: ev.code } : {}),
        };
        const category = categoryOf(f);
        const key = `${category}\u0000${ev.restriction}`;
        const r = this.rejections.get(key);
        if (r) r.count++;
        else if (this.rejections.size < MAX_KEYS)
          this.rejections.set(key, {
            category,
            restriction: ev.restriction,
            count: 1,
            example: [ev.code, ev.dsn, ev.text].filter((x) => x !== undefined).join(' '),
          });
        return;
      }
      case 'screen':
        bump(this.postscreen, ev.verdict);
        return;
      case 'connect':
        if (!isLoopback(ev.client)) this.tls.inbound.connections++;
        return;
      default:
    }
  };

  onFamily = (fam: Family): void => {
    for (const m of fam.members) {
      if (m.deferredRcpts) this.counts.deferred += m.deferredRcpts.size;
      if (m.role !== 'origin') continue;
      if (m.client === undefined && !m.local) {
        if (m.from !== undefined || m.attempts.length > 0) this.counts.arrivedBeforeLog++;
        continue;
      }
      this.counts.received++;
      this.hour(m.first).received++;
      if (m.client !== undefined && !isLoopback(m.client)) {
        this.tls.inbound.messages++;
        if (m.tlsIn) this.tls.inbound.tls++;
      }
      const rcpts = m.nrcpt ?? 1;
      const bytes = m.size ?? 0;
      if (m.from !== undefined)
        this.volume(this.senders, m.from === '' ? '<>' : m.from.toLowerCase(), rcpts, bytes);
      if (m.sasl !== undefined) this.volume(this.sasl, m.sasl, rcpts, bytes);
    }
  };

  private volume(map: Map<string, Volume>, name: string, rcpts: number, bytes: number): void {
    let v = map.get(name);
    if (!v) {
      if (map.size >= MAX_KEYS) return;
      v = { name, messages: 0, recipients: 0, bytes: 0, outlier: false };
      map.set(name, v);
    }
    v.messages++;
    v.recipients += rcpts;
    v.bytes += bytes;
  }

  result(top: number): SummaryData {
    const byCount = <T extends { count: number }>(a: T, b: T) => b.count - a.count;
    const vols = (map: Map<string, Volume>) => {
      const all = [...map.values()];
      markOutliers(all);
      return all.sort((a, b) => b.messages - a.messages || a.name.localeCompare(b.name)).slice(0, top);
    };
    return {
      counts: { ...this.counts },
      rejections: [...this.rejections.values()].sort(byCount).slice(0, top),
      deferring: [...this.deferring.entries()]
        .map(([destination, d]) => ({ destination, ...d }))
        .sort(byCount)
        .slice(0, top),
      senders: vols(this.senders),
      saslUsers: vols(this.sasl),
      hourly: [...this.hourly.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([hour, c]) => ({ hour, ...c })),
      tls: { inbound: { ...this.tls.inbound }, outbound: { ...this.tls.outbound } },
      postscreen: Object.fromEntries([...this.postscreen.entries()].sort(([, a], [, b]) => b - a)),
    };
  }
}

// One message's story from its family (and the families of the same Message-ID on other servers):
// a timeline, each recipient's outcome, and where the time went. Pure: records in, data out.

import { count } from '../findings/count.js';
import type { Attempt, Family, Msg } from './correlate.js';
import type { LogEvent } from './event.js';

export type Outcome = 'delivered' | 'deferred' | 'bounced' | 'expired' | 'in-filter' | 'unknown';

export interface RecipientOutcome {
  recipient: string;
  outcome: Outcome;
  attempts: number;
  last?: Attempt;
}

export interface TimelineRow {
  t: number;
  host: string;
  service: string;
  queueId: string;
  event: string;
  detail: string;
}

export interface TraceData {
  messageId?: string;
  queueIds: string[];
  hosts: string[];
  from?: string;
  client?: string;
  tls?: string;
  saslUser?: string;
  size?: number;
  first: number;
  last: number;
  /** Seconds from the first line to the last. */
  totalSeconds: number;
  complete: boolean;
  recipients: RecipientOutcome[];
  rejects: Extract<LogEvent, { kind: 'reject' }>[];
  expired?: { t: number; text: string };
  timeline: TimelineRow[];
}

type Ev<K extends LogEvent['kind']> = Extract<LogEvent, { kind: K }>;

function describe(ev: LogEvent, msg: Msg): { event: string; detail: string } | undefined {
  switch (ev.kind) {
    case 'client': {
      const parts = [`from ${ev.client}`];
      if (msg.tlsIn) parts.push(`TLS: ${msg.tlsIn}`);
      else parts.push('no TLS logged');
      if (ev.sasl) parts.push(`SASL user ${ev.sasl}`);
      return {
        event: msg.role === 'filter' ? 're-queued by content filter' : 'received',
        detail: parts.join('; '),
      };
    }
    case 'local':
      return {
        event: 'submitted locally',
        detail: [ev.uid ? `uid ${ev.uid}` : '', ev.from ? `from <${ev.from}>` : '']
          .filter(Boolean)
          .join(', '),
      };
    case 'msgid':
      return { event: 'message-id', detail: `<${ev.messageId}>` };
    case 'from':
      return {
        event: 'queued',
        detail: `from <${ev.from}>${ev.size !== undefined ? `, ${ev.size} bytes` : ''}${ev.nrcpt !== undefined ? `, ${count(ev.nrcpt, 'recipient')}` : ''}`,
      };
    case 'delivery': {
      const d = ev as Ev<'delivery'>;
      const a = msg.attempts.find((x) => x.t === d.t && x.to === d.to && x.status === d.status);
      if (a?.hop) return { event: 'content filter', detail: `to ${d.relay}, re-queued as ${d.queuedAs}` };
      return {
        event: d.status,
        detail: `<${d.to}>${d.origTo ? ` (was <${d.origTo}>)` : ''} via ${d.relay}${d.dsn ? `, dsn ${d.dsn}` : ''}${a?.tls ? `, ${a.tls}` : ''}: ${d.text}`,
      };
    }
    case 'removed':
      return { event: 'left the queue', detail: '' };
    case 'expired':
      return { event: 'expired', detail: `${ev.text}; returned to <${ev.from}>` };
    case 'reject':
      return {
        event: ev.temporary ? 'rejected (temporary)' : 'rejected',
        detail: `${ev.stage} from ${ev.client}: ${[ev.code, ev.dsn, ev.text].filter((x) => x !== undefined).join(' ')} [${ev.restriction}]`,
      };
    case 'notice':
      return { event: 'notice to sender', detail: `${ev.notice} notification queued as ${ev.child}` };
    default:
      return undefined;
  }
}

/** Each recipient's last real delivery attempt (content-filter hand-overs are steps, not outcomes). */
function outcomes(msgs: Msg[], complete: boolean): RecipientOutcome[] {
  const by = new Map<string, RecipientOutcome>();
  const all = msgs
    .flatMap((m) => m.attempts.map((a) => ({ a, notice: m.role === 'notice' })))
    .sort((x, y) => x.a.t - y.a.t);
  for (const { a, notice } of all) {
    if (notice) continue; // the notice's own delivery is shown in the timeline, not as a recipient
    const key = (a.origTo ?? a.to).toLowerCase();
    let r = by.get(key);
    if (!r) {
      r = { recipient: a.origTo ?? a.to, outcome: 'unknown', attempts: 0 };
      by.set(key, r);
    }
    if (a.hop) {
      if (r.outcome === 'unknown') r.outcome = 'in-filter';
      continue;
    }
    r.attempts++;
    r.last = a;
    r.outcome =
      a.status === 'sent'
        ? 'delivered'
        : a.status === 'deferred'
          ? 'deferred'
          : a.status === 'bounced'
            ? 'bounced'
            : 'expired';
  }
  const expired = msgs.some((m) => m.expired);
  for (const r of by.values()) {
    if (expired && r.outcome === 'deferred') r.outcome = 'expired';
    if (complete && r.outcome === 'in-filter') r.outcome = 'unknown';
  }
  return [...by.values()];
}

export function buildTrace(families: Family[], earlyRejects: Ev<'reject'>[] = []): TraceData {
  const msgs = families.flatMap((f) => f.members);
  const rows: TimelineRow[] = [];
  for (const r of earlyRejects) {
    const d = describe(r, msgs[0]!)!;
    rows.push({ t: r.t, host: r.host, service: r.svc, queueId: 'NOQUEUE', ...d });
  }
  for (const m of msgs)
    for (const ev of m.events ?? []) {
      const d = describe(ev, m);
      if (d) rows.push({ t: ev.t, host: ev.host, service: ev.svc, queueId: m.qid, ...d });
    }
  rows.sort((a, b) => a.t - b.t);
  const origin = msgs.find((m) => m.role === 'origin' && (m.client !== undefined || m.local)) ?? msgs[0]!;
  const first = Math.min(...msgs.map((m) => m.first), ...earlyRejects.map((r) => r.t));
  const last = Math.max(...msgs.map((m) => m.last));
  const complete = families.every((f) => f.complete);
  const data: TraceData = {
    queueIds: msgs.map((m) => m.qid),
    hosts: [...new Set(msgs.map((m) => m.host))],
    first,
    last,
    totalSeconds: Number.isFinite(first) && Number.isFinite(last) ? Math.max(0, (last - first) / 1000) : 0,
    complete,
    recipients: outcomes(msgs, complete),
    rejects: msgs.flatMap((m) => m.rejects),
    timeline: rows,
  };
  const messageId = msgs.find((m) => m.messageId)?.messageId;
  if (messageId) data.messageId = messageId;
  if (origin.from !== undefined) data.from = origin.from;
  if (origin.client) data.client = origin.client;
  if (origin.tlsIn) data.tls = origin.tlsIn;
  if (origin.sasl) data.saslUser = origin.sasl;
  if (origin.size !== undefined) data.size = origin.size;
  const expired = msgs.find((m) => m.expired)?.expired;
  if (expired) data.expired = expired;
  return data;
}

/** Postfix's delays=a/b/c/d in words. */
export const DELAY_PARTS = [
  'before the queue manager (receiving, cleanup, and waiting in the deferred queue between retries)',
  'in the queue manager (waiting for a delivery slot: congestion, concurrency limits)',
  'connection set-up (DNS, connect, greeting, HELO, TLS)',
  'transmission (the message data, until the reply)',
] as const;

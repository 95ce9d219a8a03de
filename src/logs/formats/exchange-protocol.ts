// Exchange 2013+ SMTP Receive and Send protocol logs (RECV*.LOG, SEND*.LOG): CSV under
// "#Fields: date-time,connector-id,session-id,sequence-number,local-endpoint,remote-endpoint,
// event,data,context"; event '+' connect, '-' disconnect, '<' received, '>' sent, '*' information.
// A receive session yields the arrival once the server answers the data with "Queued mail for
// delivery" (which names the Message-ID and the InternalId the tracking log uses); refused
// commands are rejections. A send session yields a result per recipient from the remote's replies.
import { splitCsv } from '../csv.js';
import type { LineParser, LogEvent, Origin } from '../event.js';
import type { TimeReader } from '../time.js';

interface Session {
  remote: string;
  helo?: string;
  tls?: string;
  sasl?: string;
  from?: string;
  rcpts: string[];
  accepted: string[];
  lastCmd?: string;
  n: number;
}

const MAX_SESSIONS = 10_000;
const addr = (s: string) => {
  const a = s.indexOf('<');
  const b = s.indexOf('>', a);
  return a >= 0 && b > a
    ? s.slice(a + 1, b)
    : s
        .slice(s.indexOf(':') + 1)
        .trim()
        .split(' ')[0]!;
};

export class ExchangeProtocolParser implements LineParser {
  readonly name = 'exchange-protocol';
  private cols: Map<string, number> | undefined;
  private send: boolean | undefined;
  private readonly sessions = new Map<string, Session>();
  constructor(private readonly time: TimeReader) {}

  parse(line: string): LogEvent | LogEvent[] | undefined {
    if (line.charCodeAt(0) === 35 /* # */) {
      if (line.startsWith('#Fields: ')) {
        const cols = new Map(
          line
            .slice(9)
            .split(',')
            .map((n, i) => [n.trim().toLowerCase(), i]),
        );
        this.cols = cols.has('session-id') && cols.has('event') && cols.has('data') ? cols : undefined;
        return this.cols ? [] : undefined;
      }
      if (line.startsWith('#Log-type: ')) this.send = /Send/i.test(line);
      return /^#(Software|Version|Log-type|Date): /.test(line) ? [] : undefined;
    }
    const cols = this.cols;
    if (!cols) return undefined;
    const f = splitCsv(line);
    if (!f) return undefined;
    const get = (n: string) => f[cols.get(n) ?? -1] ?? '';
    const t = this.time.iso(get('date-time'));
    if (Number.isNaN(t)) return undefined;
    const id = get('session-id');
    const event = get('event');
    const data = get('data');
    const context = get('context');
    let s = this.sessions.get(id);
    if (!s || event === '+') {
      s = { remote: get('remote-endpoint'), rcpts: [], accepted: [], n: 0 };
      this.sessions.set(id, s);
      if (this.sessions.size > MAX_SESSIONS)
        this.sessions.delete(this.sessions.keys().next().value as string);
    }
    const connector = get('connector-id');
    const host = connector.split('\\')[0] || 'exchange';
    const base = { t, host, svc: this.send ? 'smtp-send' : 'smtp-receive', pid: id };
    if (event === '-') {
      this.sessions.delete(id);
      return [];
    }
    if (event === '*') {
      const info = `${data} ${context}`;
      const tls = /TLS protocol (\S+) negotiation succeeded/i.exec(info);
      if (tls) s.tls = tls[1]!;
      const auth =
        /authenticated as (\S+)/i.exec(info) ?? (/authenticated/i.test(context) ? [data, data] : null);
      if (auth && !this.send) s.sasl = auth[1]!;
      return [];
    }
    // Our side's words are '>' on a receive connector and '<' on a send connector.
    const theirs = this.send ? event === '>' : event === '<';
    const client = `${s.helo ?? 'unknown'}[${s.remote.replace(/:\d+$/, '')}]`;
    if (theirs) {
      const verb = data.split(' ', 1)[0]!.toUpperCase();
      s.lastCmd = verb;
      if (verb === 'EHLO' || verb === 'HELO') s.helo = data.slice(5).trim();
      else if (verb === 'MAIL') {
        s.from = addr(data);
        s.rcpts = [];
        s.accepted = [];
      } else if (verb === 'RCPT') s.rcpts.push(addr(data));
      return [];
    }
    const code = Number(data.slice(0, 3));
    if (!(code >= 200 && code < 600)) return [];
    const dsnM = /^\d{3}[ -]([245]\.\d{1,3}\.\d{1,3})\b/.exec(data);
    return this.send
      ? this.sent(base, s, code, data, dsnM?.[1])
      : this.received(base, s, client, code, data, dsnM?.[1]);
  }

  private received(
    base: Origin,
    s: Session,
    client: string,
    code: number,
    data: string,
    dsn?: string,
  ): LogEvent[] {
    if (
      code >= 400 &&
      (s.lastCmd === 'MAIL' || s.lastCmd === 'RCPT' || s.lastCmd === 'DATA' || s.lastCmd === 'EHLO')
    ) {
      const text = data.slice(dsn ? 4 + dsn.length + 1 : 4);
      const ev: LogEvent = {
        ...base,
        kind: 'reject',
        stage: s.lastCmd,
        client,
        code,
        text,
        restriction: 'receive connector',
        temporary: code < 500,
      };
      if (dsn) ev.dsn = dsn;
      if (s.from !== undefined) ev.from = s.from;
      if (s.lastCmd === 'RCPT' && s.rcpts.length > 0) ev.to = s.rcpts.pop()!;
      return [ev];
    }
    const queued = /InternalId=(\d+)/.exec(data);
    if (!queued || code !== 250) return [];
    const qid = queued[1]!;
    const out: LogEvent[] = [
      {
        ...base,
        kind: 'client',
        qid,
        client,
        ...(s.sasl ? { sasl: s.sasl } : {}),
        ...(s.tls ? { tls: s.tls } : {}),
      },
    ];
    const mid = /<([^>]+)>/.exec(data);
    if (mid) out.push({ ...base, kind: 'msgid', qid, messageId: mid[1]! });
    out.push({ ...base, kind: 'from', qid, from: s.from ?? '', nrcpt: s.rcpts.length });
    s.rcpts = [];
    return out;
  }

  private sent(base: Origin, s: Session, code: number, data: string, dsn?: string): LogEvent[] {
    const qid = `${base.pid}-${s.n}`;
    const result = (to: string): LogEvent => ({
      ...base,
      kind: 'delivery',
      qid,
      to,
      relay: s.remote,
      status: code < 400 ? 'sent' : code < 500 ? 'deferred' : 'bounced',
      text: data,
      ...(dsn ? { dsn } : {}),
    });
    if (s.lastCmd === 'MAIL' && code < 400 && s.accepted.length === 0) {
      s.n++;
      return [{ ...base, kind: 'from', qid: `${base.pid}-${s.n}`, from: s.from ?? '' }];
    }
    if (s.lastCmd === 'RCPT') {
      const to = s.rcpts[s.rcpts.length - 1];
      if (to === undefined) return [];
      if (code < 400) {
        s.accepted.push(to);
        return [];
      }
      return [result(to)];
    }
    if ((s.lastCmd === 'DATA' || s.lastCmd === 'BDAT') && code !== 354) {
      const out = s.accepted.map(result);
      s.accepted = [];
      return out;
    }
    return [];
  }
}

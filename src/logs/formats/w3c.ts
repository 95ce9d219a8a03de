// IIS SMTP service / Exchange 2000-2003 SMTP protocol logs in W3C extended format (the logs the
// book turns on): space-separated fields under "#Fields:", '+' for spaces in values. Inbound lines
// carry the client's command (cs-method) and the reply code (sc-status); outbound lines carry
// OutboundConnectionCommand / OutboundConnectionResponse in cs-username. No queue IDs: a message
// is a MAIL…DATA exchange of one peer address, numbered here.
import type { LineParser, LogEvent, Origin } from '../event.js';
import type { TimeReader } from '../time.js';

interface Session {
  qid?: string;
  from?: string;
  rcpts: string[];
  /** Outbound: the last command sent, to read the response that follows. */
  lastCmd?: string;
  accepted: string[];
  inData?: boolean;
}

const angle = (s: string) => {
  const a = s.indexOf('<');
  const b = s.indexOf('>', a);
  return a >= 0 && b > a ? s.slice(a + 1, b) : s.replace(/^(FROM|TO):/i, '').trim();
};

export class W3cSmtpParser implements LineParser {
  readonly name = 'w3c';
  private cols: Map<string, number> | undefined;
  private readonly sessions = new Map<string, Session>();
  private seq = 0;
  constructor(private readonly time: TimeReader) {}

  parse(line: string): LogEvent | LogEvent[] | undefined {
    if (line.charCodeAt(0) === 35 /* # */) {
      if (line.startsWith('#Fields: ')) {
        const names = line.slice(9).trim().split(/\s+/);
        const cols = new Map(names.map((n, i) => [n.toLowerCase(), i]));
        this.cols = cols.has('c-ip') && cols.has('cs-method') && cols.has('time') ? cols : undefined;
        return this.cols ? [] : undefined;
      }
      return /^#(Software|Version|Date): /.test(line) ? [] : undefined;
    }
    const cols = this.cols;
    if (!cols) return undefined;
    const f = line.split(' ');
    const get = (n: string) => {
      const i = cols.get(n);
      const v = i === undefined ? undefined : f[i];
      return v === undefined || v === '-' ? '' : v.replace(/\+/g, ' ');
    };
    const date = get('date');
    const t = this.time.iso(`${date}T${get('time')}Z`);
    if (Number.isNaN(t)) return undefined;
    const host = get('s-computername') || get('s-sitename') || 'iis';
    const ip = get('c-ip');
    const user = get('cs-username');
    const method = get('cs-method').toUpperCase();
    const query = get('cs-uri-query');
    const status = Number(get('sc-status'));
    const base = { t, host, svc: 'smtpsvc', pid: '' };
    if (user === 'OutboundConnectionCommand' || user === 'OutboundConnectionResponse')
      return this.outbound(
        base,
        ip,
        user === 'OutboundConnectionCommand',
        method,
        [get('cs-uri-stem'), query].filter(Boolean).join(' '),
      );
    const key = `in ${ip}`;
    let s = this.sessions.get(key);
    if (method === 'EHLO' || method === 'HELO' || !s) {
      s = { rcpts: [], accepted: [] };
      this.sessions.set(key, s);
      if (this.sessions.size > 10_000) this.sessions.delete(this.sessions.keys().next().value as string);
    }
    const client = `${user || 'unknown'}[${ip}]`;
    switch (method) {
      case 'MAIL':
        if (status >= 400) return [this.reject(base, 'MAIL', client, status, angle(query))];
        s.from = angle(query);
        s.rcpts = [];
        return [];
      case 'RCPT': {
        const to = angle(query);
        if (status >= 400) return [{ ...this.reject(base, 'RCPT', client, status, s.from), to }];
        s.rcpts.push(to);
        return [];
      }
      case 'DATA': {
        if (status >= 400) return [this.reject(base, 'DATA', client, status, s.from)];
        const qid = `${host}-${++this.seq}`;
        const out: LogEvent[] = [{ ...base, kind: 'client', qid, client }];
        const mid = angle(query);
        if (mid && query.includes('<')) out.push({ ...base, kind: 'msgid', qid, messageId: mid });
        const bytes = Number(get('cs-bytes'));
        out.push({
          ...base,
          kind: 'from',
          qid,
          from: s.from ?? '',
          nrcpt: s.rcpts.length,
          ...(bytes > 0 ? { size: bytes } : {}),
        });
        s.rcpts = [];
        return out;
      }
      default:
        return [];
    }
  }

  private reject(
    base: Origin,
    stage: string,
    client: string,
    code: number,
    from?: string,
  ): Extract<LogEvent, { kind: 'reject' }> {
    const ev: Extract<LogEvent, { kind: 'reject' }> = {
      ...base,
      kind: 'reject',
      stage,
      client,
      code,
      text: `${code} (the W3C log records the reply code only)`,
      restriction: 'other',
      temporary: code < 500,
    };
    if (from !== undefined) ev.from = from;
    return ev;
  }

  /** Commands we sent and the remote's replies: a RCPT refused, or the reply after the data, is a delivery result. */
  private outbound(base: Origin, ip: string, command: boolean, method: string, text: string): LogEvent[] {
    const key = `out ${ip}`;
    let s = this.sessions.get(key);
    if (!s) {
      s = { rcpts: [], accepted: [] };
      this.sessions.set(key, s);
    }
    const relay = `[${ip}]`;
    if (command) {
      const verb = (method || text.split(' ')[0] || '').toUpperCase();
      s.lastCmd = verb;
      if (verb === 'MAIL') {
        s.qid = `${base.host}-out-${++this.seq}`;
        s.from = angle(text);
        s.rcpts = [];
        s.accepted = [];
        s.inData = false;
      } else if (verb === 'RCPT') s.rcpts.push(angle(text));
      return [];
    }
    const code = Number(text.slice(0, 3));
    if (!s.qid || !Number.isFinite(code)) return [];
    const result = (to: string): LogEvent => ({
      ...base,
      kind: 'delivery',
      qid: s.qid!,
      to,
      relay,
      status: code < 400 ? 'sent' : code < 500 ? 'deferred' : 'bounced',
      text,
      ...(/\b[245]\.\d{1,3}\.\d{1,3}\b/.test(text)
        ? { dsn: /\b([245]\.\d{1,3}\.\d{1,3})\b/.exec(text)![1]! }
        : {}),
    });
    if (s.lastCmd === 'RCPT') {
      const to = s.rcpts[s.rcpts.length - 1];
      if (to === undefined) return [];
      if (code < 400) {
        s.accepted.push(to);
        return [];
      }
      return [result(to)];
    }
    if (s.lastCmd === 'DATA' && code === 354) {
      s.inData = true;
      return [];
    }
    if (s.inData || s.lastCmd === 'DATA' || s.lastCmd === '.') {
      s.inData = false;
      const out = s.accepted.map(result);
      const q = s.qid;
      s.qid = undefined;
      if (q && s.from !== undefined)
        out.unshift({ ...base, kind: 'from', qid: q, from: s.from, nrcpt: s.rcpts.length });
      return out;
    }
    return [];
  }
}

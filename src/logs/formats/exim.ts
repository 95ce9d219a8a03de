// Exim main log lines → events: arrivals (<=), deliveries (=> and -> for another address of the
// same delivery), deferrals (==), failures (**), Completed, and SMTP-time rejections. Fields are
// the log's own: H= host, U= local user, P= protocol, S= size, id= Message-ID, R= router (or, on a
// bounce's arrival, the message it reports on), T= transport, X= TLS cipher, A= authenticator,
// C= the remote's reply, DN= the peer certificate. Plain string scanning.
import type { LineParser, LogEvent, Origin } from '../event.js';
import { restrictionFor } from '../restriction.js';
import type { TimeReader } from '../time.js';

/** Exim message IDs: 6-6-2 (before 4.97) or 6-11-4 base-62 groups. */
export function isEximId(s: string): boolean {
  const n = s.length;
  if (s.charCodeAt(6) !== 45) return false;
  if (n === 16) return s.charCodeAt(13) === 45;
  if (n === 23) return s.charCodeAt(18) === 45;
  return false;
}

function isKeyAt(s: string, i: number): boolean {
  let j = i;
  while (j < s.length && j - i < 4) {
    const c = s.charCodeAt(j);
    if (c === 61 /* = */) return j > i;
    if (!((c >= 65 && c <= 90) || (c >= 97 && c <= 122))) return false;
    j++;
  }
  return false;
}

/** The value of ` KEY=`: quoted, one token, or (spaced) up to the next ` KEY=`. */
function val(s: string, key: string, spaced = false, from = 0): string | undefined {
  const i = s.indexOf(key, from);
  if (i < 0) return undefined;
  const start = i + key.length;
  if (s.charCodeAt(start) === 34 /* " */) {
    const end = s.indexOf('"', start + 1);
    return s.slice(start + 1, end < 0 ? s.length : end);
  }
  let j = start;
  for (;;) {
    const sp = s.indexOf(' ', j);
    if (sp < 0) return s.slice(start);
    if (!spaced || isKeyAt(s, sp + 1)) {
      const v = s.slice(start, sp);
      return spaced && v.endsWith(':') ? v.slice(0, -1) : v;
    }
    j = sp + 1;
  }
}

/** "mx.example.com [192.0.2.2]:25" or "(helo) [192.0.2.9]" → "mx.example.com[192.0.2.2]:25". */
function hostOf(h: string): string {
  let s = h
    .replace(/^\(([^)]*)\) /, '')
    .replace(/ \(.*?\)/, '')
    .replace(' [', '[');
  // Up to "]" and an optional ":port": a failure's text follows the host after ": ".
  const b = s.indexOf(']');
  if (b >= 0) {
    let e = b + 1;
    if (s.charCodeAt(e) === 58 /* : */) {
      let d = e + 1;
      while (s.charCodeAt(d) >= 48 && s.charCodeAt(d) <= 57) d++;
      if (d > e + 1) e = d;
    }
    s = s.slice(0, e);
  }
  return s;
}

export class EximParser implements LineParser {
  readonly name = 'exim';
  constructor(private readonly time: TimeReader) {}

  parse(line: string): LogEvent | LogEvent[] | undefined {
    if (line.length < 21 || line.charCodeAt(4) !== 45 || line.charCodeAt(10) !== 32) return undefined;
    let i = 20;
    let stamp = line.slice(0, 19);
    if (line.charCodeAt(19) === 46 /* .mmm */) {
      const sp = line.indexOf(' ', 19);
      stamp = line.slice(0, sp);
      i = sp + 1;
    }
    if (line.charCodeAt(i) === 43 || line.charCodeAt(i) === 45) {
      // log_timezone: "+0100"
      stamp += line.slice(i, i + 5);
      i += 6;
    }
    const t = this.time.iso(stamp.replace(' ', 'T'));
    if (Number.isNaN(t)) return undefined;
    let pid = '';
    if (line.charCodeAt(i) === 91 /* [ */) {
      const e = line.indexOf('] ', i);
      if (e < 0) return undefined;
      pid = line.slice(i + 1, e);
      i = e + 2;
    }
    const o: Origin = { t, host: 'exim', svc: 'exim', pid };
    const sp = line.indexOf(' ', i);
    const word = line.slice(i, sp < 0 ? line.length : sp);
    if (!isEximId(word)) return this.unqueued(o, line.slice(i));
    const qid = word;
    const rest = sp < 0 ? '' : line.slice(sp + 1);
    const flag = rest.slice(0, 3);
    const body = rest.slice(3);
    if (rest === 'Completed') return { t, host: o.host, svc: o.svc, pid, kind: 'removed', qid };
    switch (flag) {
      case '<= ':
        return this.arrival(o, qid, body);
      case '=> ':
      case '-> ':
        return this.delivery(o, qid, body, 'sent');
      case '== ':
        return this.delivery(o, qid, body, 'deferred');
      case '** ':
        return this.delivery(o, qid, body, 'bounced');
      default:
        if (rest.startsWith('H=') || rest.includes(' rejected ')) return this.unqueued(o, rest, qid);
        return undefined;
    }
  }

  private arrival(o: Origin, qid: string, body: string): LogEvent[] {
    const sp = body.indexOf(' ');
    const fromTok = body.slice(0, sp < 0 ? body.length : sp);
    const from = fromTok === '<>' ? '' : fromTok;
    const base = { t: o.t, host: o.host, svc: o.svc, pid: o.pid };
    const out: LogEvent[] = [];
    const h = val(body, ' H=', true);
    const tls = val(body, ' X=');
    const auth = val(body, ' A=');
    if (h !== undefined) {
      const ev: LogEvent = { ...base, kind: 'client', qid, client: hostOf(h) };
      if (auth) ev.sasl = auth.slice(auth.indexOf(':') + 1);
      if (tls) ev.tls = tls;
      out.push(ev);
      if (tls) out.push({ ...base, kind: 'tls', dir: 'in', level: 'TLS', peer: hostOf(h), detail: tls });
    } else {
      const u = val(body, ' U=');
      out.push({ ...base, kind: 'local', qid, from, ...(u ? { uid: u } : {}) });
    }
    const id = val(body, ' id=');
    if (id) out.push({ ...base, kind: 'msgid', qid, messageId: id.replace(/^<|>$/g, '') });
    const size = Number(val(body, ' S='));
    out.push({ ...base, kind: 'from', qid, from, ...(Number.isFinite(size) ? { size } : {}) });
    // A bounce's arrival names the message it reports on (R=).
    const r = val(body, ' R=');
    if (from === '' && r && isEximId(r))
      out.push({ ...base, kind: 'notice', qid: r, child: qid, notice: 'sender non-delivery' });
    return out;
  }

  private delivery(
    o: Origin,
    qid: string,
    body: string,
    status: 'sent' | 'deferred' | 'bounced',
  ): LogEvent[] {
    const sp = body.indexOf(' ');
    const to = body.slice(0, sp < 0 ? body.length : sp).replace(/^<|>$/g, '');
    let origTo: string | undefined;
    if (body.charCodeAt(sp + 1) === 60 /* < */) origTo = body.slice(sp + 2, body.indexOf('>', sp)).trim();
    const h = val(body, ' H=', true);
    const transport = val(body, ' T=');
    const relay = h ? hostOf(h) : (transport ?? 'none');
    const tls = val(body, ' X=');
    let text: string;
    if (status === 'sent') text = val(body, ' C=') ?? 'delivered';
    else {
      const c = body.indexOf(': ');
      text = c < 0 ? body : body.slice(c + 2);
    }
    const ev: LogEvent = {
      t: o.t,
      host: o.host,
      svc: transport ?? 'exim',
      pid: o.pid,
      kind: 'delivery',
      qid,
      to,
      relay,
      status,
      text,
    };
    if (origTo) ev.origTo = origTo;
    const m = /\b([245]\.\d{1,3}\.\d{1,3})\b/.exec(text);
    if (m) ev.dsn = m[1]!;
    const out: LogEvent[] = [];
    if (tls && h)
      out.push({
        t: o.t,
        host: o.host,
        svc: ev.svc,
        pid: o.pid,
        kind: 'tls',
        dir: 'out',
        level: val(body, ' CV=') === 'yes' ? 'Trusted' : 'Untrusted',
        peer: relay,
        detail: tls,
      });
    out.push(ev);
    return out;
  }

  /** "H=(helo) [192.0.2.9] F=<a@b> rejected RCPT <c@d>: relay not permitted", connections. */
  private unqueued(o: Origin, rest: string, qid?: string): LogEvent | undefined {
    if (rest.startsWith('SMTP connection from ')) {
      const c = rest.slice(21);
      return { ...o, kind: 'connect', client: hostOf(c.slice(0, c.indexOf(' (') >>> 0)) };
    }
    const rj = rest.indexOf(' rejected ');
    if (rj < 0) return undefined;
    const temporary = rest.lastIndexOf(' temporarily', rj) === rj - 12;
    const after = rest.slice(rj + 10);
    const colon = after.indexOf(': ');
    const what = colon < 0 ? after : after.slice(0, colon);
    const text = colon < 0 ? '' : after.slice(colon + 2);
    const [stage] = what.split(' ');
    const h = val(` ${rest}`, ' H=', true);
    const ev: LogEvent = {
      ...o,
      kind: 'reject',
      stage: stage ?? 'SMTP',
      client: h ? hostOf(h) : '',
      text,
      restriction: restrictionFor(text, stage ?? '', 'exim'),
      temporary,
    };
    if (qid) ev.qid = qid;
    const f = val(` ${rest}`, ' F=');
    if (f !== undefined) ev.from = f.replace(/^<|>$/g, '');
    const lt = what.indexOf('<');
    if (lt >= 0) ev.to = what.slice(lt + 1, what.indexOf('>', lt));
    const code = /^([45]\d\d)[ -]/.exec(text);
    if (code) ev.code = Number(code[1]);
    return ev;
  }
}

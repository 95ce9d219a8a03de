// Exchange 2013+ message tracking logs (MSGTRK*.LOG): CSV under a "#Fields:" header. One row
// per event: RECEIVE (from SMTP or the mailbox store), SEND (to another server), DELIVER (to a
// mailbox), DEFER, FAIL, DSN. The internal-message-id is the server's queue ID; recipients and
// their statuses are ';'-joined in one row.
import { splitCsv } from '../csv.js';
import type { LineParser, LogEvent } from '../event.js';
import type { TimeReader } from '../time.js';

const NEEDED = ['date-time', 'event-id', 'internal-message-id'];

export class ExchangeTrackingParser implements LineParser {
  readonly name = 'exchange';
  private cols: Map<string, number> | undefined;
  /** The server writing this log: learnt from its first RECEIVE or DELIVER. */
  private self = '';
  constructor(private readonly time: TimeReader) {}

  parse(line: string): LogEvent | LogEvent[] | undefined {
    if (line.charCodeAt(0) === 35 /* # */) {
      if (line.startsWith('#Fields: ')) {
        const names = line
          .slice(9)
          .split(',')
          .map((s) => s.trim().toLowerCase());
        const cols = new Map(names.map((n, i) => [n, i]));
        this.cols = NEEDED.every((n) => cols.has(n)) ? cols : undefined;
        return this.cols ? [] : undefined;
      }
      // The other directives of the header (#Software, #Version, #Log-type, #Date): read, nothing to follow.
      return /^#(Software|Version|Log-type|Date): /.test(line) ? [] : undefined;
    }
    const cols = this.cols;
    if (!cols) return undefined;
    const f = splitCsv(line);
    if (!f) return undefined;
    const get = (name: string) => {
      const i = cols.get(name);
      return i === undefined ? '' : (f[i] ?? '');
    };
    const t = this.time.iso(get('date-time'));
    if (Number.isNaN(t)) return undefined;
    const event = get('event-id').toUpperCase();
    const qid = get('internal-message-id');
    if (!qid) return [];
    const source = get('source').toUpperCase();
    if (!this.self && (event === 'RECEIVE' || event === 'DELIVER')) this.self = get('server-hostname');
    const host = this.self || 'exchange';
    const base = { t, host, svc: source.toLowerCase() || 'transport', pid: '' };
    const rcpts = get('recipient-address').split(';').filter(Boolean);
    const statuses = get('recipient-status').split(';');
    const clientName = get('client-hostname');
    const clientIp = get('client-ip');
    const serverName = get('server-hostname');
    const serverIp = get('server-ip');
    switch (event) {
      case 'RECEIVE': {
        const out: LogEvent[] = [];
        if (source === 'SMTP')
          out.push({ ...base, kind: 'client', qid, client: `${clientName || 'unknown'}[${clientIp}]` });
        else out.push({ ...base, kind: 'local', qid, from: get('sender-address') });
        const mid = get('message-id').replace(/^<|>$/g, '');
        if (mid) out.push({ ...base, kind: 'msgid', qid, messageId: mid });
        const size = Number(get('total-bytes'));
        const nrcpt = Number(get('recipient-count'));
        out.push({
          ...base,
          kind: 'from',
          qid,
          from: get('sender-address'),
          ...(Number.isFinite(size) && get('total-bytes') ? { size } : {}),
          ...(Number.isFinite(nrcpt) && get('recipient-count') ? { nrcpt } : {}),
        });
        return out;
      }
      case 'SEND':
      case 'DELIVER':
      case 'DEFER':
      case 'FAIL': {
        const status = event === 'DEFER' ? 'deferred' : event === 'FAIL' ? 'bounced' : 'sent';
        const relay =
          event === 'DELIVER'
            ? `mailbox ${serverName}`.trim()
            : serverName
              ? serverIp
                ? `${serverName}[${serverIp}]`
                : serverName
              : get('connector-id') || 'none';
        return rcpts.map((to, i) => {
          const text =
            (statuses[i] ?? statuses[0] ?? '').trim() || (status === 'sent' ? '250 delivered' : '');
          const ev: LogEvent = { ...base, kind: 'delivery', qid, to, relay, status, text };
          const m = /\b([245]\.\d{1,3}\.\d{1,3})\b/.exec(text);
          if (m) ev.dsn = m[1]!;
          return ev;
        });
      }
      case 'DSN':
        return [
          {
            ...base,
            kind: 'notice',
            qid,
            child: get('message-id').replace(/^<|>$/g, '') || 'DSN',
            notice: 'delivery status',
          },
        ];
      default:
        return [];
    }
  }
}

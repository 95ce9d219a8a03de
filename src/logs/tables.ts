// Human tables for `mailflow logs` (the renderer draws them; JSON carries the same data).
import { columns, type DataTable } from '../findings/model.js';
import type { SummaryData } from './summary.js';
import { DELAY_PARTS, type TraceData } from './trace.js';

function when(t: number): string {
  return Number.isNaN(t) ? '?' : new Date(t).toISOString().replace('T', ' ').slice(0, 19);
}

export function traceTables(d: TraceData): DataTable[] {
  const multiHost = d.hosts.length > 1;
  const timelineColumns = columns({
    time: 'Time (UTC)',
    ...(multiHost ? { host: 'Host' } : {}),
    service: 'Service',
    queueId: 'Queue ID',
    event: 'Event',
    detail: 'Detail',
  });
  const tables: DataTable[] = [
    {
      id: 'logs.timeline',
      title: `Timeline${d.messageId ? ` of <${d.messageId}>` : ''}: ${d.totalSeconds.toFixed(1)} s from first to last line${d.recipients.some((r) => r.outcome === 'deferred' || r.outcome === 'in-filter') ? ' (still in the queue when the log ends)' : ''}`,
      columns: timelineColumns,
      rows: d.timeline.map((r) => [
        when(r.t),
        ...(multiHost ? [r.host] : []),
        r.service,
        r.queueId,
        r.event,
        r.detail,
      ]),
    },
  ];
  const withDelays = d.recipients.filter((r) => r.last?.delays);
  if (withDelays.length > 0) {
    tables.push({
      id: 'logs.delays',
      title: 'Where the time went (Postfix delays=a/b/c/d of the last attempt)',
      columns: [
        ...columns({ recipient: 'Recipient', total: 'Total' }),
        ...DELAY_PARTS.map((p, i) => ({ key: `delay${i + 1}`, header: p.split(' (')[0]! })),
      ],
      rows: withDelays.map((r) => [
        r.recipient,
        `${r.last!.delay ?? '?'} s`,
        ...r.last!.delays!.map((x) => `${x} s`),
      ]),
    });
  }
  return tables;
}

// Hour, the three counts and a 20-character bar fit a table at 80 columns; wider, the renderer
// stacks every hour into a block of lines and the chart is lost.
const BAR = 20;

export function summaryTables(s: SummaryData): DataTable[] {
  const c = s.counts;
  const pct = (a: number, b: number) => (b === 0 ? '-' : `${((100 * a) / b).toFixed(1)}%`);
  const max = Math.max(1, ...s.hourly.map((h) => h.received + h.rejected));
  const tables: DataTable[] = [
    {
      id: 'logs.messages',
      title: 'Messages',
      columns: columns({
        received: 'received',
        delivered: 'delivered',
        deferred: 'deferred',
        bounced: 'bounced',
        expired: 'expired',
        rejected: 'rejected',
        tempRejected: 'temp. rejected',
        notices: 'notices',
      }),
      rows: [
        [
          c.received,
          c.delivered,
          c.deferred,
          c.bounced,
          c.expired,
          c.rejected,
          c.tempRejected,
          c.notices,
        ].map(String),
      ],
    },
  ];
  if (s.rejections.length > 0)
    tables.push({
      id: 'logs.rejections',
      title: 'Top rejection reasons',
      columns: columns({
        category: 'Category',
        restriction: 'Restriction',
        count: 'Count',
        example: 'Example',
      }),
      rows: s.rejections.map((r) => [r.category, r.restriction, String(r.count), r.example]),
    });
  if (s.deferring.length > 0)
    tables.push({
      id: 'logs.deferring',
      title: 'Top deferring destinations',
      columns: columns({
        destination: 'Destination',
        deferrals: 'Deferrals',
        lastRelay: 'Last relay',
        lastError: 'Last error',
      }),
      rows: s.deferring.map((d) => [d.destination, String(d.count), d.lastRelay, d.lastError]),
    });
  for (const [id, title, vols] of [
    ['logs.senders', 'Top senders', s.senders],
    ['logs.sasl-users', 'Top SASL users', s.saslUsers],
  ] as const)
    if (vols.length > 0)
      tables.push({
        id,
        title,
        columns: columns({
          name: 'Name',
          messages: 'Messages',
          recipients: 'Recipients',
          bytes: 'Bytes',
          outlier: 'Outlier',
        }),
        rows: vols.map((v) => [
          v.name,
          String(v.messages),
          String(v.recipients),
          String(v.bytes),
          v.outlier ? 'YES' : '',
        ]),
      });
  if (s.hourly.length > 0)
    tables.push({
      id: 'logs.hourly',
      title: 'Per hour (bar: received + rejected)',
      columns: columns({
        hour: 'Hour',
        received: 'Received',
        delivered: 'Delivered',
        rejected: 'Rejected',
        bar: '',
      }),
      rows: s.hourly.map((h) => [
        h.hour,
        String(h.received),
        String(h.delivered),
        String(h.rejected),
        '█'.repeat(Math.round((BAR * (h.received + h.rejected)) / max)) ||
          (h.received + h.rejected > 0 ? '▏' : ''),
      ]),
    });
  tables.push({
    id: 'logs.tls',
    title: 'TLS',
    columns: columns({ direction: 'Direction', total: 'Total', withTls: 'With TLS', share: 'Share' }),
    rows: [
      // Per message received from an SMTP client, as the TLS count is (Exim and Exchange log no
      // connection lines to divide by; --json keeps the connections Postfix logs).
      [
        'inbound messages',
        String(s.tls.inbound.messages),
        String(s.tls.inbound.tls),
        pct(s.tls.inbound.tls, s.tls.inbound.messages),
      ],
      [
        'outbound deliveries',
        String(s.tls.outbound.deliveries),
        String(s.tls.outbound.tls),
        pct(s.tls.outbound.tls, s.tls.outbound.deliveries),
      ],
    ],
  });
  const ps = Object.entries(s.postscreen);
  if (ps.length > 0)
    tables.push({
      id: 'logs.postscreen',
      title: 'postscreen verdicts',
      columns: columns({ verdict: 'Verdict', connections: 'Connections' }),
      rows: ps.map(([v, n]) => [v, String(n)]),
    });
  return tables;
}

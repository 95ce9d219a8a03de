// One message's facts → a Result: the hop table first, then authentication and verdict tables;
// JSON gets the same facts as data.
import { columns, finding, type Result } from '../findings/model.js';
import { type AuthEntry, alignment, gatherAuth } from './auth.js';
import { duration, judge } from './judge.js';
import type { MessageHead } from './message.js';
import { buildPath, type Hop, type Path } from './path.js';
import { readVerdicts, type Verdict } from './verdicts/index.js';
import type { Verification } from './verify.js';

export interface HeadersData {
  source: string;
  from: string | null;
  subject: string | null;
  messageId: string | null;
  hops: HopData[];
  totalSeconds: number | null;
  largestDelayHop: number | null;
  entryHop: number | null;
  auth: AuthEntry[];
  alignment: ReturnType<typeof alignment>;
  verdicts: Verdict[];
  verification: Verification | null;
}

export interface HopData {
  index: number;
  from: Hop['from'];
  by: string | null;
  with: string | null;
  tls: boolean | null;
  auth: boolean;
  id: string | null;
  for: string | null;
  at: string | null;
  delaySeconds: number | null;
  share: number | null;
  internal: boolean;
  exchange: Hop['exchange'];
  parsed: boolean;
  raw: string;
}

export type HeadersResult = Result<HeadersData>;

function hopData(h: Hop): HopData {
  return {
    index: h.index,
    from: h.from,
    by: h.by,
    with: h.with,
    tls: h.tls,
    auth: h.auth,
    id: h.id,
    for: h.for,
    at: h.at,
    delaySeconds: h.delaySeconds,
    share: h.share,
    internal: h.internal,
    exchange: h.exchange,
    parsed: h.parsed,
    raw: h.raw,
  };
}

const yn = (v: boolean | null): string => (v === null ? '?' : v ? 'yes' : 'no');

function fromCell(h: Hop): string {
  const f = h.from;
  const parts = [f.name ?? '-'];
  if (f.helo && f.helo !== f.name) parts.push(`helo ${f.helo}`);
  if (f.rdns && f.rdns !== f.name) parts.push(`rdns ${f.rdns}`);
  if (f.ip && f.ip !== f.name) parts.push(f.ip);
  return parts.join('\n');
}

function hopRows(path: Path): string[][] {
  return path.hops.map((h) => {
    if (!h.parsed) return [String(h.index), `(unparsed) ${h.raw.slice(0, 300)}`, '', '', '', '', '', '', ''];
    const marks = [
      h.internal ? 'internal' : 'external',
      h.index === path.entry ? 'ENTRY' : '',
      h.index === path.largest ? 'LARGEST GAP' : '',
    ]
      .filter(Boolean)
      .join(', ');
    const withCell = [
      h.with ?? '-',
      h.exchange ? `${h.exchange.product}${h.exchange.update ? ` (${h.exchange.update})` : ''}` : '',
    ]
      .filter(Boolean)
      .join('\n');
    return [
      String(h.index),
      fromCell(h),
      h.by ?? '-',
      withCell,
      `${yn(h.tls)}${h.tlsDetail ? ` ${h.tlsDetail}` : ''}`,
      yn(h.auth),
      h.at
        ? h.at.replace('T', ' ').replace(/\.000Z$/, 'Z')
        : h.dateText
          ? `? ${h.dateText.slice(0, 40)}`
          : '-',
      h.delaySeconds === null
        ? '-'
        : `${duration(h.delaySeconds)}${h.share !== null ? ` (${Math.round(h.share * 100)}%)` : ''}`,
      marks,
    ];
  });
}

function identities(props: Record<string, string>, extra: Record<string, string> = {}): string {
  return Object.entries({ ...props, ...extra })
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
}

export function toResult(
  source: string,
  m: MessageHead,
  trust: string[],
  verification: Verification | null,
  verifyNote: string | null,
): HeadersResult {
  const h = m.headers;
  const path = buildPath(h.getAll('received'));
  const auth = gatherAuth(h, trust);
  const align = alignment(h, auth);
  const verdicts = readVerdicts(h);
  const findings = judge({ path, auth, alignment: align, verdicts, verification, verifyNote });
  const data: HeadersData = {
    source,
    from: h.text('from') ?? null,
    subject: h.text('subject') ?? null,
    messageId: h.get('message-id') ?? null,
    hops: path.hops.map(hopData),
    totalSeconds: path.totalSeconds,
    largestDelayHop: path.largest,
    entryHop: path.entry,
    auth,
    alignment: align,
    verdicts,
    verification,
  };
  const tables: NonNullable<Result['tables']> = [
    {
      id: 'headers.path',
      title: `Path of ${source}: ${path.hops.length} hop${path.hops.length === 1 ? '' : 's'}, oldest first${path.totalSeconds !== null ? `, ${duration(path.totalSeconds)} in all` : ''}`,
      columns: columns({
        hop: '#',
        from: 'From',
        by: 'By',
        with: 'With',
        tls: 'TLS',
        auth: 'Auth',
        time: 'Time (UTC)',
        delay: 'Delay',
        note: 'Note',
      }),
      rows: hopRows(path),
    },
  ];
  const authRows: string[][] = auth.flatMap((e) =>
    e.methods.map((mm) => [
      `${e.authservId ?? '(no authserv-id)'}${e.trusted === true ? ' (trusted)' : e.trusted === false ? ' (untrusted)' : ''}`,
      e.header + (e.instance ? ` i=${e.instance}` : ''),
      mm.method,
      mm.result,
      identities(mm.props, mm.extra),
    ]),
  );
  for (const d of verification?.dkim ?? [])
    authRows.push([
      'mailflow (verified now)',
      'DKIM-Signature',
      'dkim',
      d.result,
      `header.d=${d.domain}${d.selector ? ` header.s=${d.selector}` : ''}${d.comment ? ` (${d.comment})` : ''}`,
    ]);
  if (verification && verification.arc.result !== 'none')
    authRows.push([
      'mailflow (verified now)',
      'ARC-Seal',
      'arc',
      verification.arc.result,
      `${verification.arc.instance ? `i=${verification.arc.instance}` : ''}${verification.arc.comment ? ` (${verification.arc.comment})` : ''}`,
    ]);
  if (authRows.length)
    tables.push({
      id: 'headers.auth',
      title: 'Authentication results, by writer',
      columns: columns({
        writer: 'Written by',
        header: 'Header',
        method: 'Method',
        result: 'Result',
        identities: 'Identities',
      }),
      rows: authRows,
    });
  if (verdicts.length)
    tables.push({
      id: 'headers.verdicts',
      title: 'Filter verdicts',
      columns: columns({ filter: 'Filter', header: 'Header', value: 'Value', meaning: 'Meaning' }),
      rows: verdicts.map((v) => [v.vendor, v.header + (v.field ? ` ${v.field}` : ''), v.value, v.meaning]),
    });
  const metrics: NonNullable<Result['metrics']> = [
    { name: 'headers_hops', value: path.hops.length, unit: '', help: 'Received hops in the message' },
  ];
  if (path.totalSeconds !== null)
    metrics.push({
      name: 'headers_transit_seconds',
      value: path.totalSeconds,
      unit: 's',
      help: 'Time from the first Received stamp to the last',
    });
  return { command: 'headers', target: source, findings, data, tables, metrics };
}

export function noHeaders(source: string, why: string): Result<{ source: string }> {
  return {
    command: 'headers',
    target: source,
    data: { source },
    findings: [
      finding('headers.unreadable', 'unknown', {
        title: `No message headers found in ${source}`,
        detail: why,
        fix: 'Pass the message as saved from the mail client (.eml), or copy its full headers ("Show original" in Gmail, "View message source"/"Message details" in Outlook) and paste them with: pbpaste | mailflow headers',
        ref: 'RFC 5322 §2.2 (header fields); RFC 5321 §4.4',
      }),
    ],
  };
}

// `mailflow logs trace|summary <file>...`: reads mail logs (files, rotated .gz, standard input)
// and yields one Result per traced message, or one summary Result.

import type { LogsArgs } from '../../commands/logs.js';
import type { RunContext } from '../cli/command.js';
import { count } from '../findings/count.js';
import { UsageError } from '../findings/errors.js';
import { columns, type Metric, type Result } from '../findings/model.js';
import { DEFAULT_MAX_OPEN, type Family } from '../logs/correlate.js';
import type { LogEvent } from '../logs/event.js';
import { judgeRejects, judgeSummary, judgeTrace, noEvents, notFound } from '../logs/judge.js';
import { isStdin, rereadable } from '../logs/reader.js';
import { type ScanStats, scan } from '../logs/scan.js';
import { Summary, type SummaryData } from '../logs/summary.js';
import { summaryTables, traceTables } from '../logs/tables.js';
import { parseWhen } from '../logs/time.js';
import { buildTrace } from '../logs/trace.js';

export const ACTIONS = ['trace', 'summary'] as const;

type Reject = Extract<LogEvent, { kind: 'reject' }>;

export function splitArgs(args: LogsArgs): { action: (typeof ACTIONS)[number]; files: string[] } {
  const [action, ...files] = (args.args ?? []).map(String);
  if (!action)
    throw new UsageError('name what to do: mailflow logs trace <file>… or mailflow logs summary <file>…');
  if (!(ACTIONS as readonly string[]).includes(action))
    throw new UsageError(`unknown logs action "${action}"; choose one of: ${ACTIONS.join(', ')}`);
  if (action === 'trace' && args.id === undefined && args.from === undefined && args.to === undefined)
    throw new UsageError('trace needs --id <queue-id|message-id>, --from <address> or --to <address>');
  for (const k of ['since', 'until'] as const)
    if (args[k] !== undefined && parseWhen(args[k]!) === undefined)
      throw new UsageError(
        `--${k} ${args[k]}: not a date or date-time (e.g. 2026-12-03 or 2026-12-03T10:00:00Z)`,
      );
  if (files.length === 0 && process.stdin.isTTY)
    throw new UsageError(`name the log files (mailflow logs ${action} /var/log/mail.log) or pipe a log in`);
  return { action: action as (typeof ACTIONS)[number], files: files.length > 0 ? files : ['-'] };
}

function baseScan(args: LogsArgs, ctx: RunContext) {
  const since = args.since !== undefined ? parseWhen(args.since) : undefined;
  const until = args.until !== undefined ? parseWhen(args.until) : undefined;
  return {
    format: args.formatIn ?? 'auto',
    maxOpen: args.maxOpen ?? DEFAULT_MAX_OPEN,
    ...(since !== undefined ? { since } : {}),
    ...(until !== undefined ? { until } : {}),
    ...(ctx.signal ? { signal: ctx.signal } : {}),
  };
}

function addressMatch(want: string, got: string | undefined): boolean {
  if (got === undefined) return false;
  const w = want.toLowerCase().replace(/^<|>$/g, '');
  const g = got.toLowerCase();
  return w.startsWith('@') ? g.endsWith(w) : g === w;
}

function familyMatches(args: LogsArgs, fam: Family): boolean {
  const ms = fam.members;
  if (args.id !== undefined) {
    const id = args.id.replace(/^<|>$/g, '');
    if (!ms.some((m) => m.qid === id || m.messageId === id)) return false;
  }
  if (args.from !== undefined && !ms.some((m) => addressMatch(args.from!, m.from))) return false;
  if (
    args.to !== undefined &&
    !ms.some(
      (m) =>
        m.attempts.some((a) => addressMatch(args.to!, a.to) || addressMatch(args.to!, a.origTo)) ||
        m.rejects.some((r) => addressMatch(args.to!, r.to)),
    )
  )
    return false;
  return true;
}

function rejectMatches(args: LogsArgs, r: Reject): boolean {
  if (args.id !== undefined) return false;
  if (args.from !== undefined && !addressMatch(args.from, r.from)) return false;
  if (args.to !== undefined && !addressMatch(args.to, r.to)) return false;
  return true;
}

const MAX_REJECTS = 1_000;

/**
 * A result built from a reading that Ctrl-C cut short says so in every finding: its counts cover
 * only the lines read, and "not found" means "not found so far" (main prints it, then exits 130).
 */
function cutShort(r: Result, stats: readonly ScanStats[]): Result {
  if (!stats.some((s) => s.interrupted)) return r;
  const lines = stats.at(-1)!.lines;
  return {
    ...r,
    partial: true,
    findings: r.findings.map((f) => ({
      ...f,
      title: `partial (interrupted): ${f.title}`,
      detail: `Ctrl-C stopped the reading after ${count(lines, 'line')}: only those are counted; run again without interrupting for the whole input.${f.detail ? `\n${f.detail}` : ''}`,
    })),
  };
}

function noteStats(stats: ScanStats, ctx: RunContext): void {
  if (stats.overlong > 0) ctx.warn(`${count(stats.overlong, 'line')} longer than 64 KiB skipped`);
  if (stats.damaged > 0)
    ctx.warn(
      `${count(stats.damaged, 'compressed file')} ended early or ${stats.damaged === 1 ? 'is' : 'are'} damaged; read up to the damage`,
    );
  if (stats.runaway > 0)
    ctx.warn(
      `${count(stats.runaway, 'input')} went on for more than 16 MiB without a line end (binary data, not a text log); stopped reading ${stats.runaway === 1 ? 'it' : 'them'} there`,
    );
  if (stats.evicted > 0)
    ctx.warn(
      `${count(stats.evicted, 'message')} handed over incomplete: more than --max-open messages were open at once`,
    );
}

async function* trace(args: LogsArgs, files: string[], ctx: RunContext): AsyncIterable<Result> {
  const opts = baseScan(args, ctx);
  // Pass 1 (regular files only: standard input or a pipe cannot be read twice) finds the matching messages'
  // Message-IDs and hand-over queue IDs, so that pass 2 also keeps the same message's records
  // from the other servers' logs, whichever order the files come in.
  const related = new Set<string>();
  const twice = files.every(rereadable);
  const passes: ScanStats[] = [];
  if (twice)
    passes[0] = await scan(files, {
      ...opts,
      keepEvents: false,
      onFamily: (fam) => {
        if (!familyMatches(args, fam)) return;
        for (const m of fam.members) {
          if (m.messageId) related.add(`m:${m.messageId}`);
          for (const a of m.attempts)
            if (a.queuedAs && !a.hop && a.status === 'sent') related.add(`q:${a.queuedAs}`);
        }
      },
    });
  const kept: Family[] = [];
  const limit = args.limit ?? 50;
  const maxKeep = limit * 4; // a message on several servers is several families
  let matched = 0;
  const rejects: Reject[] = [];
  let dropped = 0;
  const stats = await scan(files, {
    ...opts,
    keepEvents: true,
    onEvent: (ev, msg) => {
      if (ev.kind === 'reject' && msg === undefined && rejectMatches(args, ev)) {
        if (rejects.length < MAX_REJECTS) rejects.push(ev);
        else dropped++;
      }
    },
    onFamily: (fam) => {
      const keep =
        familyMatches(args, fam) ||
        fam.members.some(
          (m) => (m.messageId && related.has(`m:${m.messageId}`)) || related.has(`q:${m.qid}`),
        );
      // Memory stays bounded when a busy sender matches thousands: the first ones are kept.
      if (keep) {
        matched++;
        if (kept.length < maxKeep) kept.push(fam);
      }
    },
  });
  noteStats(stats, ctx);
  passes.push(stats);
  // One story per Message-ID: the same message on several servers is one timeline.
  const groups = new Map<string, Family[]>();
  for (const fam of kept) {
    const id = fam.members.find((m) => m.messageId)?.messageId;
    const key = id !== undefined ? `m:${id}` : `q:${fam.root.key}`;
    const g = groups.get(key);
    if (g) g.push(fam);
    else groups.set(key, [fam]);
  }
  if (matched > limit && groups.size >= limit)
    ctx.warn(`${matched} message records match; showing the first ${limit} messages (--limit)`);
  const used = new Set<Reject>();
  let shown = 0;
  for (const fams of groups.values()) {
    if (shown++ >= limit) break;
    const msgs = fams.flatMap((f) => f.members);
    const from = msgs.find((m) => m.from !== undefined)?.from;
    const rcpts = new Set(msgs.flatMap((m) => m.attempts.map((a) => (a.origTo ?? a.to).toLowerCase())));
    const firstT = Math.min(...msgs.map((m) => m.first));
    // Earlier temporary rejections of the same sender and recipient: greylisting before acceptance.
    const early = rejects.filter(
      (r) =>
        !used.has(r) &&
        r.temporary &&
        r.t <= firstT &&
        r.from === from &&
        r.to !== undefined &&
        rcpts.has(r.to.toLowerCase()),
    );
    for (const r of early) used.add(r);
    const data = buildTrace(fams, early);
    const target = data.messageId ? `<${data.messageId}>` : data.queueIds[0]!;
    yield cutShort(
      { command: 'logs trace', target, findings: judgeTrace(data), data, tables: traceTables(data) },
      passes,
    );
  }
  const rest = rejects.filter((r) => !used.has(r));
  if (rest.length > 0) {
    const finding = judgeRejects(rest);
    if (dropped > 0) finding.detail += `\n(${count(dropped, 'more rejection')} not listed)`;
    yield cutShort(
      {
        command: 'logs trace',
        target: 'rejected at SMTP time',
        findings: [finding],
        data: { rejects: rest },
        tables: [
          {
            id: 'logs.noqueue',
            title: 'Rejected before a queue ID was given (NOQUEUE)',
            columns: columns({
              time: 'Time (UTC)',
              host: 'Host',
              client: 'Client',
              from: 'From',
              to: 'To',
              reply: 'Reply',
              restriction: 'Restriction',
            }),
            rows: rest.map((r) => [
              new Date(r.t).toISOString().replace('T', ' ').slice(0, 19),
              r.host,
              r.client,
              r.from ?? '',
              r.to ?? '',
              [r.code, r.dsn, r.text].filter((x) => x !== undefined).join(' '),
              r.restriction,
            ]),
          },
        ],
      },
      passes,
    );
  }
  if (groups.size === 0 && rest.length === 0) {
    const what = [
      args.id && `--id ${args.id}`,
      args.from && `--from ${args.from}`,
      args.to && `--to ${args.to}`,
    ]
      .filter(Boolean)
      .join(' ');
    // No mail log line at all is the wrong file, not a message missing from the right one.
    const finding = stats.events === 0 ? noEvents(stats) : notFound(what);
    yield cutShort({ command: 'logs trace', target: what, findings: [finding], data: { stats } }, passes);
  }
}

/** One metric family: a sample per label value, all with the family's help text. */
function family(name: string, help: string, label: string, values: Iterable<[string, number]>): Metric[] {
  return [...values].map(([key, value]) => ({ name, value, labels: { [label]: key }, help }));
}

function summaryMetrics(s: SummaryData, stats: ScanStats): Metric[] {
  const byCat = new Map<string, number>();
  for (const r of s.rejections) byCat.set(r.category, (byCat.get(r.category) ?? 0) + r.count);
  return [
    ...family(
      'logs_messages',
      'Messages (recipients for deliveries) by outcome in the logs read.',
      'status',
      Object.entries(s.counts),
    ),
    ...family('logs_rejections', 'SMTP-time rejections by NDR category (top reasons).', 'category', byCat),
    ...family(
      'logs_tls_inbound_messages',
      'Messages received from SMTP clients, and those over TLS.',
      'tls',
      [
        ['any', s.tls.inbound.messages],
        ['yes', s.tls.inbound.tls],
      ],
    ),
    ...family('logs_tls_outbound_deliveries', 'Outbound SMTP deliveries, and those over TLS.', 'tls', [
      ['any', s.tls.outbound.deliveries],
      ['yes', s.tls.outbound.tls],
    ]),
    ...family('logs_lines', 'Log lines read, recognised as mail events, and skipped.', 'kind', [
      ['read', stats.lines],
      ['event', stats.events],
      ['unrecognised', stats.unrecognised],
    ]),
    ...family(
      'logs_postscreen_verdicts',
      'postscreen verdicts by kind.',
      'verdict',
      Object.entries(s.postscreen),
    ),
  ];
}

async function* summary(args: LogsArgs, files: string[], ctx: RunContext): AsyncIterable<Result> {
  const sum = new Summary();
  const stats = await scan(files, {
    ...baseScan(args, ctx),
    keepEvents: false,
    onEvent: sum.onEvent,
    onFamily: sum.onFamily,
  });
  noteStats(stats, ctx);
  const data = sum.result(args.top ?? 10);
  yield cutShort(
    {
      command: 'logs summary',
      target: files.map((f) => (isStdin(f) ? 'standard input' : f)).join(' '),
      findings: judgeSummary(data, stats),
      data: { ...data, stats },
      metrics: summaryMetrics(data, stats),
      tables: summaryTables(data),
    },
    [stats],
  );
}

export async function* run(args: LogsArgs, ctx: RunContext): AsyncIterable<Result> {
  const { action, files } = splitArgs(args);
  if (action === 'trace') yield* trace(args, files, ctx);
  else yield* summary(args, files, ctx);
}

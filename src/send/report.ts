// The JSON data and the human transcript table for a send outcome (shared by send and relay).
import { columns, type DataTable } from '../findings/model.js';
import type { TranscriptEntry } from '../smtp/transcript.js';
import type { SendOutcome } from './flow.js';

export interface TranscriptLine {
  dir: 'C' | 'S';
  line: string;
  /** Milliseconds since the session started. */
  t: number;
}

/** What each side said (our notes about connects and TLS stay in the human table only). */
export function transcriptLines(entries: TranscriptEntry[]): TranscriptLine[] {
  return entries.filter((e) => e.dir !== '*').map((e) => ({ dir: e.dir as 'C' | 'S', line: e.text, t: e.t }));
}

/** For people: one row per turn (a multi-line reply is one row), notes marked "*". */
export function transcriptTable(o: { transcript: TranscriptEntry[] }, title = 'Transcript'): DataTable {
  const rows: string[][] = [];
  for (const e of o.transcript) {
    const dir = e.dir === 'C' ? 'C:' : e.dir === 'S' ? 'S:' : '*';
    const last = rows[rows.length - 1];
    if (last && dir === 'S:' && last[1] === 'S:' && /^\d{3}-/.test(last[2]!.split('\n').pop()!)) {
      last[2] += `\n${e.text}`;
    } else rows.push([String(e.t), dir, e.text]);
  }
  return {
    id: 'send.transcript',
    title,
    columns: columns({ ms: 'ms', direction: '', line: 'line' }),
    rows,
    compact: true,
  };
}

export function sendData(o: SendOutcome, messageId: string) {
  return {
    server: o.server,
    stage: o.stage,
    ...(o.stoppedAfter ? { stoppedAfter: o.stoppedAfter } : {}),
    queueId: o.queueId ?? null,
    messageId: messageId || null,
    messageBytes: o.messageBytes,
    recipients: o.recipients,
    tls: o.tls
      ? {
          protocol: o.tls.protocol,
          cipher: o.tls.cipher,
          chainVerified: o.tls.chainVerified,
          validForHost: o.tls.validForHost,
          certificate: o.tls.certificate?.subject ?? null,
        }
      : null,
    authenticated: o.authenticated,
    // AUTH: the mechanism, and whether --auth named it or mailflow chose it from the server's list.
    ...(o.auth
      ? {
          auth: {
            mechanism: o.auth.mechanism ?? null,
            chosenBy: o.auth.chosenBy,
            ...(o.auth.order ? { order: o.auth.order } : {}),
          },
        }
      : {}),
    /** Extensions the transaction used: PIPELINING, CHUNKING (BDAT), SMTPUTF8. */
    extensionsUsed: [
      ...(o.pipelined ? ['PIPELINING'] : []),
      ...(o.chunked ? ['CHUNKING'] : []),
      ...(o.smtputf8 ? ['SMTPUTF8'] : []),
    ],
    ...(o.dropped ? { droppedAfter: o.dropped } : {}),
    dsn: o.dsn ?? null,
    failure: o.failure
      ? {
          kind: o.failure.kind,
          stage: o.failure.stage,
          message: o.failure.message,
          reply: o.failure.reply ? `${o.failure.reply.code} ${o.failure.reply.lines.join(' ')}` : null,
        }
      : null,
    notes: o.notes,
    transcript: transcriptLines(o.transcript),
  };
}

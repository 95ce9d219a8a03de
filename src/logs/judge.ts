// Facts → findings for `mailflow logs`. One finding per id per message (monitoring keys on ids,
// and a Prometheus series must be unique), listing the recipients it covers.

import { count } from '../findings/count.js';
import type { Finding } from '../findings/model.js';
import type { LogEvent } from './event.js';
import { explainFailure } from './explain.js';
import type { SummaryData } from './summary.js';
import type { RecipientOutcome, TraceData } from './trace.js';

const REF_TRACK =
  'Book ch. 7, Message Tracking Center and SMTP protocol logging; RFC 3463 (enhanced status codes)';
const REF_REJECT = 'RFC 5321 §4.2 (reply codes); Postfix SMTPD_ACCESS_README (restrictions)';

function secs(n: number | undefined): string {
  return n === undefined ? '?' : `${n.toFixed(n < 10 ? 2 : 0)} s`;
}

function explained(r: RecipientOutcome, sender: string | undefined): { detail: string; fix: string } {
  const a = r.last!;
  const e = explainFailure({
    text: a.text,
    ...(a.dsn ? { dsn: a.dsn } : {}),
    recipient: a.to,
    ...(sender ? { sender } : {}),
    remoteMta: a.relay,
    action: a.status === 'deferred' ? 'delayed' : 'failed',
  });
  const who = {
    sender: 'the sender',
    'sender-admin': "the sending server's admin",
    'recipient-admin': "the recipient's admin",
    unknown: 'unclear',
  }[e.whoActs];
  return {
    detail: `<${r.recipient}> via ${a.relay || 'none'}${a.dsn ? `, dsn ${a.dsn}` : ''} after ${count(r.attempts, 'attempt')}: ${a.text} — ${e.category}: ${e.meaning} Who acts: ${who}.`,
    fix: `${e.nextStep}${e.command ? ` Confirm with: ${e.command}` : ''}`,
  };
}

function group(
  id: string,
  severity: Finding['severity'],
  title: string,
  rs: RecipientOutcome[],
  sender: string | undefined,
): Finding {
  const parts = rs.map((r) => explained(r, sender));
  return {
    id,
    severity,
    title,
    detail: parts.map((p) => p.detail).join('\n'),
    fix: [...new Set(parts.map((p) => p.fix))].join('\n'),
    ref: REF_TRACK,
    data: { recipients: rs.map((r) => r.recipient) },
  };
}

export function judgeTrace(d: TraceData): Finding[] {
  const out: Finding[] = [];
  const by = (o: RecipientOutcome['outcome']) => d.recipients.filter((r) => r.outcome === o);
  const delivered = by('delivered');
  if (delivered.length > 0) {
    out.push({
      id: 'logs.delivered',
      severity: 'ok',
      title: `delivered to ${count(delivered.length, 'recipient')}`,
      detail: delivered
        .map(
          (r) =>
            `<${r.recipient}> via ${r.last!.relay} (${r.last!.dsn ?? 'no dsn'}) after ${count(r.attempts, 'attempt')}${r.last!.delay === undefined ? '' : `, ${secs(r.last!.delay)} after arrival`}`,
        )
        .join('\n'),
      fix: '',
      ref: REF_TRACK,
      data: { recipients: delivered.map((r) => r.recipient) },
    });
  }
  const deferred = by('deferred');
  if (deferred.length > 0)
    out.push(
      group(
        'logs.deferred',
        'warn',
        `still deferred for ${count(deferred.length, 'recipient')} when the log ends`,
        deferred,
        d.from,
      ),
    );
  const bounced = by('bounced');
  if (bounced.length > 0)
    out.push(
      group('logs.bounced', 'fail', `bounced for ${count(bounced.length, 'recipient')}`, bounced, d.from),
    );
  const expired = by('expired');
  if (expired.length > 0 || d.expired) {
    const f = group(
      'logs.expired',
      'fail',
      `expired after retries: ${expired.length ? count(expired.length, 'recipient') : 'all recipients'} returned to the sender`,
      expired.filter((r) => r.last),
      d.from,
    );
    // A reason of its own only: Postfix's usual "status=expired, returned to sender" has none,
    // and the title already says "expired".
    if (d.expired && (d.expired.text !== 'expired' || !f.detail))
      f.detail = `${d.expired.text}.${f.detail ? `\n${f.detail}` : ''}`;
    if (!f.fix)
      f.fix =
        'Find why the destination kept deferring (the last error above) and fix that; the sender must send again.';
    out.push(f);
  }
  if (d.rejects.length > 0) out.push(judgeRejects(d.rejects));
  if (out.length === 0)
    out.push({
      id: 'logs.accepted',
      severity: 'info',
      title: 'accepted; no delivery attempt in the logs read',
      detail: `The server took the message${d.client ? ` from ${d.client}` : ''}, but no line of these logs says where it went next.`,
      fix: 'Add the logs of the next step: later rotated files, the mailbox server, or (Exchange 2000/2003 protocol logs) the message tracking logs.',
      ref: REF_TRACK,
    });
  return out;
}

/** Rejections during the SMTP dialogue: which restriction, what it means. */
export function judgeRejects(rejects: Extract<LogEvent, { kind: 'reject' }>[]): Finding {
  const final = rejects.filter((r) => !r.temporary);
  const shown = (final.length > 0 ? final : rejects).slice(-5);
  const lines = shown.map((r) => {
    const e = explainFailure({
      text: r.text,
      ...(r.dsn ? { dsn: r.dsn } : {}),
      ...(r.code ? { code: r.code } : {}),
      ...(r.to ? { recipient: r.to } : {}),
    });
    return {
      detail: `${r.stage} from ${r.client}${r.from !== undefined ? ` <${r.from}>` : ''}${r.to ? ` → <${r.to}>` : ''}: ${[r.code, r.dsn, r.text].filter((x) => x !== undefined).join(' ')} — restriction ${r.restriction}; ${e.category}: ${e.meaning}`,
      fix: `${e.nextStep}${e.command ? ` Confirm with: ${e.command}` : ''}`,
    };
  });
  const restrictions = [...new Set(shown.map((r) => r.restriction))];
  return {
    id: 'logs.rejected',
    severity: final.length > 0 ? 'fail' : 'warn',
    title: `rejected at SMTP time ${count(rejects.length, 'time')} by ${restrictions.join(', ')}${final.length === 0 ? ' (temporary only)' : ''}`,
    detail: lines.map((l) => l.detail).join('\n'),
    fix: [...new Set(lines.map((l) => l.fix))].join('\n'),
    ref: REF_REJECT,
    data: { restrictions, count: rejects.length, final: final.length },
  };
}

export function notFound(what: string): Finding {
  return {
    id: 'logs.not-found',
    severity: 'unknown',
    title: `no message matching ${what} in the logs read`,
    detail: `No line of the logs matched ${what}. The message may be in an older rotated log, on another server, or the address may be spelled differently (aliases are logged as orig_to=).`,
    fix: 'Add the rotated logs (maillog.1, maillog.2.gz …) and the logs of the other servers on the path; search by Message-ID (--id) to follow it across servers.',
    ref: REF_TRACK,
  };
}

/** Nothing read was a mail log line: the wrong file, not a message missing from the right one. */
export function noEvents(stats: { lines: number }): Finding {
  return {
    id: 'logs.no-events',
    severity: 'unknown',
    title: 'no mail log lines recognised',
    detail: `${count(stats.lines, 'line')} read, none of them a mail server line this command reads.`,
    fix: 'Point it at the mail log (/var/log/mail.log, /var/log/maillog, `journalctl -u postfix -o short-iso`), or name the format with --format-in.',
    ref: REF_TRACK,
  };
}

export function judgeSummary(
  s: SummaryData,
  stats: { lines: number; events: number; evicted: number },
): Finding[] {
  const c = s.counts;
  const out: Finding[] = [];
  if (stats.events === 0) return [noEvents(stats)];
  out.push({
    id: 'logs.summary',
    severity: 'ok',
    title: `${c.received} received, ${c.delivered} delivered, ${c.deferred} deferred, ${c.bounced} bounced, ${c.expired} expired, ${c.rejected} rejected`,
    detail: `${stats.events} of ${stats.lines} lines read as mail events; ${c.filtered} content-filter hand-overs not counted as deliveries; ${c.tempRejected} temporary (4xx) rejections; ${count(c.arrivedBeforeLog, 'message')} arrived before the log began.${stats.evicted ? ` ${count(stats.evicted, 'message')} were still open when the cap on open messages was reached and were counted as incomplete.` : ''}`,
    fix: '',
    ref: REF_TRACK,
  });
  const outliers = [...s.senders, ...s.saslUsers].filter((v) => v.outlier);
  if (outliers.length > 0)
    out.push({
      id: 'logs.volume-outlier',
      severity: 'warn',
      title: `unusual sending volume: ${outliers.map((v) => v.name).join(', ')}`,
      detail: outliers
        .map(
          (v) => `${v.name}: ${v.messages} messages to ${v.recipients} recipients (10× the median or more)`,
        )
        .join('\n'),
      fix: 'Check that these senders are expected (a newsletter, a ticket system); a SASL user sending far more than usual is the classic sign of a stolen password: reset it and look at the client addresses it logged in from.',
      ref: 'Book ch. 6, open relays and authenticated relaying',
    });
  return out;
}

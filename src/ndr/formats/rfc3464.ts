// RFC 3464 message/delivery-status fields: one per-message group (Reporting-MTA, ...) then one
// group per recipient. Also reads the same fields when a mailer pastes them into a text part.
import { parseHeaders } from '../mime/headers.js';
import { has } from './text.js';
import type { BounceText, Format, RawRecipient } from './types.js';

/** `rfc822; a@b` → `a@b`; `dns; mx.example.com` → `mx.example.com`. */
export function typedValue(v: string | undefined): string | undefined {
  if (!v) return undefined;
  const semi = v.indexOf(';');
  const out = (semi >= 0 && semi < 20 ? v.slice(semi + 1) : v).trim().replace(/^<(.*)>$/, '$1');
  return out || undefined;
}

const FIELD_NAMES =
  /^(reporting-mta|final-recipient|original-recipient|action|status|remote-mta|diagnostic-code|last-attempt-date|x-actual-recipient|received-from-mta|arrival-date|will-retry-until|final-log-id|original-envelope-id|dsn-gateway|x-[\w-]+)\s*:/i;

/** A report is a few dozen lines; a longer one is a mangled message, and its tail is noise. */
const MAX_REPORT_LINES = 5000;

function isFinalRecipient(line: string): boolean {
  return (line[0] === 'F' || line[0] === 'f') && line.slice(0, 15).toLowerCase() === 'final-recipient';
}

/** Split a report into field groups; a new Final-Recipient also starts a group when blank lines are missing. */
function groups(report: string): string[][] {
  const out: string[][] = [];
  let cur: string[] = [];
  let hasRecipient = false;
  for (const line of report.split('\n', MAX_REPORT_LINES)) {
    const blank = line.trim() === '';
    const isFinal = !blank && isFinalRecipient(line);
    if (blank || (isFinal && hasRecipient)) {
      if (cur.length) out.push(cur);
      cur = [];
      hasRecipient = false;
      if (blank) continue;
    }
    if (isFinal) hasRecipient = true;
    cur.push(line);
  }
  if (cur.length) out.push(cur);
  return out;
}

function firstWord(v: string | undefined): string | undefined {
  return v?.trim().split(/[\s(]/)[0]?.toLowerCase() || undefined;
}

/** The report without the indentation some gateways put before every line (else all would read as continuations). */
function dedent(report: string): string {
  const first = /^[ \t]*(?=\S)/m.exec(report)?.[0];
  if (!first) return report;
  const lines = report.split('\n', MAX_REPORT_LINES);
  if (!lines.every((l) => l.trim() === '' || l.startsWith(first))) return report;
  return lines.map((l) => l.slice(first.length)).join('\n');
}

/** Recipients of a delivery-status report, in the order it lists them. */
export function parseReport(report: string): RawRecipient[] {
  let reportingMta: string | undefined;
  const out: RawRecipient[] = [];
  for (const g of groups(dedent(report))) {
    const h = parseHeaders(g.join('\n'));
    reportingMta = typedValue(h.get('reporting-mta')) ?? reportingMta;
    // Exim reports a local delivery's file or pipe as Final-Recipient: prefer a field holding an address.
    const named = [h.get('final-recipient'), h.get('x-actual-recipient'), h.get('original-recipient')]
      .map(typedValue)
      .filter((v) => v);
    const recipient = named.find((v) => v!.includes('@')) ?? named[0];
    if (!recipient) continue;
    const status = /^\s*([245]\.\d{1,3}\.\d{1,3})/.exec(h.get('status') ?? '')?.[1];
    out.push({
      recipient,
      action: firstWord(h.get('action')),
      status,
      diagnostic: typedValue(h.get('diagnostic-code')),
      remoteMta: typedValue(h.get('remote-mta')),
      reportingMta,
    });
  }
  return out;
}

/** DSN fields written into the human-readable part (some gateways do that instead of a report part). */
export const inlineDsn: Format = {
  name: 'rfc3464-inline',
  detect: (b: BounceText) =>
    has(b, 'final-recipient') &&
    /^final-recipient\s*:/im.test(b.text) &&
    /^(status|diagnostic-code)\s*:/im.test(b.text),
  parse(b: BounceText) {
    const lines = b.text.split('\n');
    const first = lines.findIndex((l) => FIELD_NAMES.test(l));
    const fields: string[] = [];
    for (let i = Math.max(0, first); i < lines.length; i++) {
      const l = lines[i]!;
      if (FIELD_NAMES.test(l) || /^[ \t]+\S/.test(l) || l.trim() === '') fields.push(l);
    }
    return parseReport(fields.join('\n'));
  },
};

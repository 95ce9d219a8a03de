// Turns a decoded bounce into the findings model: one info finding per recipient with its
// explanation, or one `ndr.unrecognised` finding (unknown → exit 3) when nothing was found.
import { columns, type Finding, finding, type Result } from '../findings/model.js';
import type { Decoded, DecodedRecipient } from './decode.js';
import { type Category, type Explanation, explain } from './explain.js';

export interface NdrRecipient extends DecodedRecipient {
  category: Category;
}

export interface NdrData {
  source: string;
  format: string | null;
  subject: string | null;
  recipients: NdrRecipient[];
  /** Messages in the input when it was an mbox of several bounces. */
  messages?: number;
}

/** The Result plus top-level `source` and `recipients`, so `jq .recipients` works like `.data.recipients`. */
export type NdrResult = Result<NdrData> & { source: string; recipients: NdrRecipient[] };

const BOOK = 'Book ch. 7, Understanding Non-Delivery Reports (Table 2)';
const WHO: Record<Explanation['whoActs'], string> = {
  sender: 'the sender',
  'sender-admin': "the sender's mail administrator",
  'recipient-admin': "the recipient's mail administrator",
  unknown: 'whoever runs the server named in the diagnostic',
};

/** The book's point: the server named before the code reported it; it may not be the one at fault. */
function whoReported(r: DecodedRecipient): string {
  const rep = r.reportingMta;
  const remote = r.remoteMta;
  if (rep && remote && rep.toLowerCase() !== remote.toLowerCase()) {
    return `Reported by ${rep}, which only passed on the answer of ${remote}: the problem is at ${remote} (or with what was sent to it), not at ${rep}.`;
  }
  if (remote) return `The code came from ${remote}, the server that refused the message.`;
  if (rep)
    return `Reported by ${rep}; no remote server is named, so ${rep} itself refused or gave up on the message.`;
  return 'The bounce does not name the server that reported the error.';
}

function codeLabel(r: DecodedRecipient): string {
  return [r.status, r.replyCode].filter((x) => x !== null).join(' / ') || 'no code';
}

function recipientFinding(r: DecodedRecipient, e: Explanation): Finding {
  const who = r.recipient ?? 'unnamed recipient';
  const lines = [
    `${e.summary}. ${e.meaning}`.trim(),
    `Action: ${r.action}${r.smtpCommand ? ` (answer to ${r.smtpCommand})` : ''}. Who acts: ${WHO[e.whoActs]}.`,
    whoReported(r),
  ];
  if (r.diagnostic) {
    lines.push(`Server said: ${r.diagnostic.length > 400 ? `${r.diagnostic.slice(0, 400)}…` : r.diagnostic}`);
  }
  const fix = e.command ? `${e.nextStep} Confirm with: ${e.command}` : e.nextStep;
  return finding(`ndr.${e.category}`, 'info', {
    title: `${who}: ${codeLabel(r)} ${e.category.replace(/-/g, ' ')}${e.transient ? ' (transient)' : ''}`,
    detail: lines.join('\n'),
    fix,
    ref: e.ref || BOOK,
    data: {
      recipient: r.recipient,
      status: r.status,
      replyCode: r.replyCode,
      transient: e.transient,
      whoActs: e.whoActs,
      confirmWith: e.command ?? null,
      sources: e.sources,
    },
  });
}

export function unrecognised(source: string, why: string): NdrResult {
  const f = finding('ndr.unrecognised', 'unknown', {
    title: `No delivery failure found in ${source}`,
    detail: `${why} Looked for a message/delivery-status report, the notice texts of common mail servers, and any line with an SMTP reply code (4xx/5xx) or enhanced status code (4.x.x/5.x.x).`,
    fix: 'Pass the whole bounce as saved from the mail client (.eml with headers), or paste the lines that carry the error code, e.g. mailflow ndr "550 5.1.1 <user@example.com>: Recipient address rejected".',
    ref: `RFC 3464 §2; ${BOOK}`,
  });
  const data: NdrData = { source, format: null, subject: null, recipients: [] };
  return { command: 'ndr', target: source, findings: [f], data, source, recipients: [] };
}

export function toResult(source: string, decoded: Decoded): NdrResult {
  if (decoded.recipients.length === 0) {
    return unrecognised(source, decoded.note ?? 'The input has no recognisable bounce or SMTP error.');
  }
  const findings: Finding[] = [];
  const recipients: NdrRecipient[] = decoded.recipients.map((r) => {
    const e = explain({
      status: r.status ?? undefined,
      replyCode: r.replyCode ?? undefined,
      diagnostic: r.diagnostic ?? undefined,
      remoteMta: r.remoteMta ?? undefined,
      recipient: r.recipient ?? undefined,
      // A 4.x.x code in a report whose action is "failed" means the retries ran out.
      action: r.action ?? undefined,
    });
    findings.push(recipientFinding(r, e));
    return { ...r, category: e.category };
  });
  const data: NdrData = { source, format: decoded.format, subject: decoded.subject, recipients };
  if (decoded.messages) data.messages = decoded.messages;
  return {
    command: 'ndr',
    target: source,
    findings,
    data,
    source,
    recipients,
    tables: [
      {
        id: 'ndr.recipients',
        title: decoded.messages
          ? `Bounces in an mbox of ${decoded.messages} messages (first: ${decoded.format ?? 'unknown format'})`
          : `Bounce (${decoded.format ?? 'unknown format'})`,
        columns: columns({
          recipient: 'Recipient',
          action: 'Action',
          status: 'Status',
          reply: 'Reply',
          category: 'Category',
          remoteMta: 'Remote MTA',
          reportedBy: 'Reported by',
        }),
        rows: recipients.map((r) => [
          r.recipient ?? '-',
          r.action,
          r.status ?? '-',
          r.replyCode ? String(r.replyCode) : '-',
          r.category,
          r.remoteMta ?? '-',
          r.reportingMta ?? '-',
        ]),
      },
    ],
  };
}

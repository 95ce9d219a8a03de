// The NDR explainer: turns an SMTP reply / enhanced status code / diagnostic text into plain advice.
// Pure functions, no I/O: the ndr, probe, ehlo, send and relay commands all call this.

export type Category =
  | 'unknown-user'
  | 'mailbox-full'
  | 'message-too-large'
  | 'blocked'
  | 'policy'
  | 'relay-denied'
  | 'host-not-found'
  | 'network'
  | 'expired'
  | 'spam-virus'
  | 'other';

export type WhoActs = 'sender' | 'sender-admin' | 'recipient-admin' | 'unknown';

export interface Explanation {
  status?: string;
  replyCode?: number;
  transient: boolean;
  summary: string;
  meaning: string;
  category: Category;
  whoActs: WhoActs;
  nextStep: string;
  command?: string;
  ref: string;
  sources: string[];
}

export interface ExplainInput {
  status?: string;
  replyCode?: number;
  diagnostic?: string;
  remoteMta?: string;
  /** Failed recipient address (or just its domain); used to fill in suggested commands. */
  recipient?: string;
}

export const CATEGORIES: readonly { id: Category; label: string; description: string }[] = [
  { id: 'unknown-user', label: 'unknown user', description: 'The recipient mailbox does not exist.' },
  { id: 'mailbox-full', label: 'mailbox full', description: 'The recipient mailbox is over quota.' },
  { id: 'message-too-large', label: 'message too large', description: 'The message exceeds a size limit.' },
  { id: 'blocked', label: 'blocked / reputation', description: 'The sending IP or domain is blocked.' },
  { id: 'policy', label: 'policy / authentication', description: 'SPF, DKIM, DMARC or another policy.' },
  { id: 'relay-denied', label: 'relay denied', description: 'The server refused to relay.' },
  { id: 'host-not-found', label: 'host not found', description: 'The recipient domain does not resolve.' },
  { id: 'network', label: 'network / timeout', description: 'Connection failed or timed out.' },
  { id: 'expired', label: 'expired in queue', description: 'Gave up retrying.' },
  { id: 'spam-virus', label: 'spam / virus', description: 'Content filter rejected the message.' },
  { id: 'other', label: 'other', description: 'Anything else.' },
];

const STATUS_RE = /\b([245])\.(\d{1,3})\.(\d{1,3})\b/;

export function explain(input: ExplainInput): Explanation {
  const status = input.status && STATUS_RE.test(input.status) ? input.status : undefined;
  const replyCode = input.replyCode;
  const cls = status ? status[0] : replyCode ? String(replyCode)[0] : undefined;
  const transient = cls === '4';
  return {
    status,
    replyCode,
    transient,
    summary: transient ? 'Temporary failure' : cls === '2' ? 'Success' : 'Permanent failure',
    meaning: input.diagnostic ?? '',
    category: 'other',
    whoActs: 'unknown',
    nextStep: 'Read the diagnostic text.',
    ref: 'RFC 3463 §2',
    sources: ['RFC 3463'],
  };
}

/** Parse one SMTP reply line like "550 5.1.1 <x@y>: Recipient address rejected" or "550-5.7.1 ..." into parts, then explain. */
export function explainReply(line: string): Explanation & { text: string } {
  const m = /^\s*(\d{3})[ -]?(?:([245]\.\d{1,3}\.\d{1,3})\s*)?(.*)$/.exec(line);
  if (!m) return { ...explain({ diagnostic: line }), text: line };
  const replyCode = Number(m[1]);
  return { ...explain({ replyCode, status: m[2], diagnostic: m[3] }), text: m[3] ?? '' };
}

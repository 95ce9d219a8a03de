// The NDR explainer: turns an SMTP reply / enhanced status code / diagnostic text into plain advice.
// Pure functions, no I/O: the ndr, probe, ehlo, send and relay commands all call this.
// Precedence: a provider's reading of its own code/text > the book's Table 2 > the IANA registry >
// the basic reply code; the category comes from the provider rule or from the bounce reasons (reasons/).

import { blocklistCommand } from './blocklist-hint.js';
import { type Advice, CATEGORY_ADVICE, CODE_ADVICE, TEXT_ADVICE } from './codes/advice.js';
import { BOOK_REF, type BookEntry, EXCHANGE2000 } from './codes/exchange2000.js';
import { CLASSES, registryDetail, SUBJECTS } from './codes/registry.js';
import { replyMeaning } from './codes/reply-codes.js';
import type { CommandKind, WhoActs } from './codes/types.js';
import { detectProvider, findVendorRule } from './codes/vendor.js';
import { findStatus, parseStatus } from './formats/codes.js';
import { CATEGORIES, type Category, categoryFromStatus, classify, MAX_TEXT } from './reasons/index.js';
import { findReplyCode, parseReplyLine } from './reply-line.js';

export type { Category, WhoActs };
export { CATEGORIES };

export interface Explanation {
  status?: string;
  replyCode?: number;
  /** True when the sending server will retry (4.x.x / 4xx), false when the failure is final. */
  transient: boolean;
  /** One line: class, code and what it is. */
  summary: string;
  /** What happened, in plain words (provider reading, registry meaning, class, book notes). */
  meaning: string;
  category: Category;
  whoActs: WhoActs;
  nextStep: string;
  /** The mailflow command that would confirm the diagnosis, with the domain/host filled in when known. */
  command?: string;
  /** Primary source of the reading. */
  ref: string;
  /** Every source used. */
  sources: string[];
  /** Provider whose reading was used (microsoft, outlook.com, gmail, yahoo, icloud). */
  provider?: string;
  /** The book's Exchange 2000 Table 2 row for this code, when it has one. */
  book?: BookEntry;
}

export interface ExplainInput {
  status?: string;
  replyCode?: number;
  diagnostic?: string;
  remoteMta?: string;
  /** Failed recipient address (or just its domain); fills in suggested commands. */
  recipient?: string;
  /** Envelope sender address or domain; fills in `mailflow check <sender-domain>`. */
  sender?: string;
  /** DSN Action ("failed", "delayed", ...): a 4.x.x that "failed" means the retries ran out. */
  action?: string;
}

const RETRY_NOTE =
  'Temporary: trying again later may work. A mail server that gets this answer keeps the message and retries on its own, usually for up to 5 days (the Postfix and Sendmail default; Exchange Online gives up after 1-2 days), before it returns a final bounce.';
const GAVE_UP_NOTE =
  'The cause was temporary (4.x.x), but the report says the message failed: the sending server has stopped retrying and returned it.';
const PERMANENT_NOTE =
  'Permanent: the same request will be refused again until something is changed, so a mail server that gets this answer returns the message to its sender instead of retrying.';

const ADDRESS =
  /<?([^\s<>@"';,()]{1,64})@([a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+)>?/i;
const DOMAIN_IN_TEXT =
  /\b(?:domain|lookup of|hosts? of|host)\s+\[?((?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,63})\]?/i;
const SAFE_ADDRESS = /^[a-z0-9._%+=-]{1,64}@[a-z0-9.-]{1,253}$/i;
const SENDER_CONTEXT = /sender|mail ?from|from domain|return[- ]path/i;

function normStatus(s: string | undefined, replyCode: number | undefined): string | undefined {
  return parseStatus(s) ?? findStatus(s, replyCode === undefined ? undefined : String(replyCode)[0]);
}

function normReply(n?: number): number | undefined {
  return n !== undefined && Number.isInteger(n) && n >= 200 && n <= 599 ? n : undefined;
}

const DOMAIN = /^[a-z0-9.-]+\.[a-z]{2,63}$/;

function domainOf(addrOrDomain?: string): string | undefined {
  if (!addrOrDomain) return undefined;
  const d = addrOrDomain.trim().replace(/^.*@/, '').toLowerCase();
  // Trailing '>', ']', '.' and blanks cut in a loop: `/[>\].\s]+$/` is quadratic on a long run of them.
  let end = d.length;
  while (end > 0 && /[>\].\s]/.test(d[end - 1]!)) end--;
  return DOMAIN.test(d.slice(0, end)) ? d.slice(0, end) : undefined;
}

/** "dns; mx1.example.com", "mx1.example.com [192.0.2.1]" → "mx1.example.com". */
function hostOf(mta?: string): string | undefined {
  if (!mta) return undefined;
  const h = mta
    .replace(/^\s*[\w-]+\s*;\s*/, '')
    .trim()
    .split(/[\s[(]/)[0]
    ?.replace(/\.$/, '');
  return h && /^[a-z0-9.:-]+$/i.test(h) ? h.toLowerCase() : undefined;
}

function buildCommand(
  kind: CommandKind,
  ctx: { rcpt?: string; sender?: string; host?: string; rcptAddr?: string },
) {
  const rcpt = ctx.rcpt ?? '<recipient-domain>';
  const server = ctx.host ?? ctx.rcpt ?? '<server>';
  switch (kind) {
    case 'mx':
      return `mailflow mx ${rcpt}`;
    case 'probe':
      return `mailflow probe ${ctx.rcpt ?? ctx.host ?? '<recipient-domain>'}`;
    case 'ehlo':
      return `mailflow ehlo ${server}`;
    case 'starttls':
      return `mailflow ehlo --starttls ${server}`;
    case 'relay':
      return `mailflow relay ${server}`;
    case 'auth':
      return `mailflow send --server ${ctx.host ?? '<server>'} --auth login --user <user> --from <sender> --to ${ctx.rcptAddr ?? '<recipient>'}`;
    case 'oauth':
      return `mailflow send --server ${ctx.host ?? 'smtp.office365.com:587'} --auth xoauth2 --user <mailbox> --from <mailbox> --to ${ctx.rcptAddr ?? '<recipient>'}`;
    case 'check-sender':
      return `mailflow check ${ctx.sender ?? '<sender-domain>'}`;
    case 'check-recipient':
      return `mailflow check ${rcpt}`;
  }
}

const CONTINUATION = new Map<number, RegExp>();

/** Remove the "550-5.7.1 " prefixes of continuation lines that were joined into one text. */
function stripContinuations(text: string, replyCode: number): string {
  if (!text.includes(String(replyCode))) return text;
  let re = CONTINUATION.get(replyCode);
  if (!re) {
    re = new RegExp(`(?:^|\\s)${replyCode}[ -](?:#?[245]\\.\\d{1,3}\\.\\d{1,3}(?=\\s|$))?`, 'g');
    CONTINUATION.set(replyCode, re);
  }
  return text.replace(re, ' ').replace(/\s+/g, ' ').trim();
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function lowerFirst(s: string): string {
  return /^[A-Z][a-z]/.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s;
}

/** The reply code says what the server did in that session (retry or not), so it decides over the status. */
function classOf(status?: string, replyCode?: number): string | undefined {
  return replyCode !== undefined ? String(replyCode)[0] : status?.[0];
}

function pickAdvice(category: Category, status: string | undefined, text: string): Advice {
  if (status) {
    const [c, s, d] = status.split('.');
    const specific = CODE_ADVICE.get(status) ?? CODE_ADVICE.get(`X.${s}.${d}`);
    // Code advice only when the text did not point the category elsewhere.
    if (specific && c !== '2' && categoryFromStatus(status)?.category === category) return specific;
  }
  for (const [when, re, advice] of TEXT_ADVICE) if (when.includes(category) && re.test(text)) return advice;
  return CATEGORY_ADVICE[category];
}

export function explain(input: ExplainInput): Explanation {
  let text = (input.diagnostic ?? '').slice(0, MAX_TEXT).replace(/\s+/g, ' ').trim();
  let replyCode = normReply(input.replyCode);
  let status = normStatus(input.status, replyCode);
  if (text && (status === undefined || replyCode === undefined)) {
    // A diagnostic like "550 5.1.1 <x@y>: ..." carries its own codes.
    const parts = parseReplyLine(text);
    if (parts.replyCode !== undefined || parts.status !== undefined) text = parts.text || text;
    replyCode ??= parts.replyCode ?? findReplyCode(text);
    // The decoder's finder: the status that matches the reply's class ("550 … 4.4.7 then 5.1.1 …"
    // is a 5.1.1, as the decoder reads it).
    status ??= parts.status ?? findStatus(text, replyCode === undefined ? undefined : String(replyCode)[0]);
  }

  // A catch-all X.0.0 yields to a specific code of the same class quoted in the text.
  if (status?.endsWith('.0.0') && text) {
    const inText = findStatus(text, status[0]);
    if (inText?.[0] === status[0] && !inText.endsWith('.0.0')) status = inText;
  }
  if (replyCode !== undefined) text = stripContinuations(text, replyCode);

  const host = hostOf(input.remoteMta);
  const addr = ADDRESS.exec(text);
  const senderHint = addr && SENDER_CONTEXT.test(text) ? addr[2]?.toLowerCase() : undefined;
  const rcptDomain =
    domainOf(input.recipient) ??
    (addr && !senderHint ? addr[2]?.toLowerCase() : undefined) ??
    domainOf(DOMAIN_IN_TEXT.exec(text)?.[1]);
  const senderDomain = domainOf(input.sender) ?? senderHint;

  const provider = detectProvider(host, text, rcptDomain);
  const cls = classOf(status, replyCode);
  // 2xx/3xx are not failures: no vendor reading or category applies.
  const positive = cls === '2' || cls === '3';
  const rule = positive ? undefined : findVendorRule(status, text, provider);
  let category = positive ? 'other' : (rule?.category ?? classify({ status, replyCode, diagnostic: text }));
  // A temporary cause in a report whose action is "failed" means the retries ran out.
  const failed = /^(?:failed|expired)$/i.test(input.action?.trim() ?? '');
  const gaveUp = failed && (cls === '4' || (cls === undefined && category === 'network'));
  const isLoop = status !== undefined && /^4\.4\.6$/.test(status);
  if (
    gaveUp &&
    !isLoop &&
    (category === 'network' || category === 'other' || (category === 'host-not-found' && !text))
  ) {
    category = 'expired';
  }
  const transient = cls === '4' && !gaveUp;
  const reg = status ? registryDetail(status) : undefined;
  const useBook = status !== undefined && (!rule || rule.provider === 'microsoft');
  const book = useBook && status ? EXCHANGE2000.get(status) : undefined;
  const reply = replyCode !== undefined ? replyMeaning(replyCode) : undefined;
  const catInfo = CATEGORIES.find((c) => c.id === category);

  const advice: Advice = positive
    ? {
        whoActs: 'unknown',
        nextStep:
          cls === '2'
            ? 'Nothing to do: the server accepted the request.'
            : 'Nothing to do: the server is waiting for the next part of the transaction.',
      }
    : rule
      ? { whoActs: rule.whoActs, nextStep: rule.fix, cmd: rule.cmd }
      : pickAdvice(category, status, text);

  // A vague code (X.7.0, X.7.1, none) says less than the category the text gave.
  const byStatus = status ? categoryFromStatus(status) : undefined;
  const vague = !byStatus || byStatus.weak || byStatus.category !== category;
  const catTitle = catInfo && category !== 'other' && vague ? capitalise(catInfo.label) : undefined;
  const title =
    rule?.title ??
    advice.title ??
    catTitle ??
    (positive && status?.endsWith('.0.0') ? undefined : reg?.title) ??
    (reply ? reply.meaning.replace(/\.$/, '') : capitalise(catInfo?.label ?? 'unknown'));
  const classLabel =
    cls === '2'
      ? 'Success'
      : cls === '4'
        ? 'Temporary failure'
        : cls === '5'
          ? 'Permanent failure'
          : cls === '3'
            ? 'Intermediate'
            : 'Failure';
  const codeLabel = [replyCode, status].filter((x) => x !== undefined).join(' ');
  const summary = `${classLabel}${codeLabel ? ` (${codeLabel})` : ''}: ${title}`;

  const meaning: string[] = [];
  if (rule) meaning.push(rule.meaning);
  else if (reg) meaning.push(reg.meaning);
  else if (status) {
    const subject = SUBJECTS.get(String(Number(status.split('.')[1])));
    meaning.push(
      `${status} is not in the IANA registry (a vendor-specific code). ${subject ? subject.meaning : ''}`.trim(),
    );
  } else if (reply) meaning.push(`No enhanced status code was given. Reply ${replyCode}: ${reply.meaning}`);
  else
    meaning.push(
      `No status code was given; judging from the text, this looks like: ${catInfo?.description ?? 'an unclassified failure.'}`,
    );
  if (rule && reg && status)
    meaning.push(`(The IANA registry's meaning of X.${status.slice(2)} is "${reg.title}".)`);
  if (gaveUp) meaning.push(GAVE_UP_NOTE);
  else if (cls === '4') meaning.push(RETRY_NOTE);
  else if (cls === '5') meaning.push(PERMANENT_NOTE);
  else if (cls === '2') meaning.push(CLASSES.get('2')?.meaning ?? '');
  else if (cls === '3') meaning.push('Intermediate reply: the server expects the client to continue.');
  if (book) meaning.push(`If the reporting server is Exchange 2000 (book ch. 7, Table 2): ${book.cause}`);

  let nextStep = advice.nextStep;
  if (transient && category !== 'other')
    nextStep = `Wait: the sending server retries automatically. If it keeps failing: ${lowerFirst(nextStep)}`;
  if (book) nextStep += ` Exchange 2000 admins (book ch. 7, Table 2): ${book.troubleshooting}`;

  const sources: string[] = [];
  if (rule) sources.push(rule.ref);
  if (book) sources.push(`${BOOK_REF} (${status})`);
  if (reg && status) sources.push(`${reg.rfc} (X.${status.slice(2)}), IANA SMTP Enhanced Status Codes`);
  else if (status) sources.push('RFC 3463 §3 (class and subject)');
  if (reply && replyCode !== undefined) sources.push(`${reply.rfc} (${replyCode})`);
  if (sources.length === 0) sources.push("mailflow's bounce wording tables (no status code was given)");

  const out: Explanation = {
    transient,
    summary,
    meaning: meaning.filter(Boolean).join(' '),
    category,
    whoActs: advice.whoActs,
    nextStep,
    ref: sources[0]!,
    sources,
  };
  if (status !== undefined) out.status = status;
  if (replyCode !== undefined) out.replyCode = replyCode;
  if (rule) out.provider = rule.provider;
  if (book) out.book = book;
  if (advice.cmd) {
    // Only a plain address goes into a suggested command line (bounces are untrusted input).
    const rcptAddr =
      input.recipient && SAFE_ADDRESS.test(input.recipient.trim()) ? input.recipient.trim() : undefined;
    out.command = buildCommand(advice.cmd, { rcpt: rcptDomain, sender: senderDomain, host, rcptAddr });
  }
  const listed = category === 'blocked' ? blocklistCommand(status, text) : undefined;
  if (listed) out.command = listed;
  return out;
}

/** Parse one SMTP reply line like "550 5.1.1 <x@y>: Recipient address rejected" or "550-5.7.1 ..." into parts, then explain. */
export function explainReply(
  line: string,
  context: { remoteMta?: string; recipient?: string; sender?: string } = {},
): Explanation & { text: string } {
  const parts = parseReplyLine(line);
  return { ...explain({ ...context, ...parts, diagnostic: parts.text }), text: parts.text };
}

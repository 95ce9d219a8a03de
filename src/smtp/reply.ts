// Pure, incremental SMTP reply parser (RFC 5321 §4.2): bytes in, complete replies out.
// It enforces the limits a hostile server must not get past; sockets live elsewhere.
import { SmtpError } from './errors.js';

export interface Reply {
  /** Three-digit reply code, e.g. 250. */
  code: number;
  /** RFC 3463 enhanced status code from the first line (e.g. "2.1.0"), if the server sent one. */
  enhanced?: string;
  /** Text of each line after the code and separator (control characters replaced by '?'). */
  lines: string[];
}

export interface ReplyLimits {
  /** Longest accepted line in bytes, CRLF excluded (RFC 5321 §4.5.3.1.5 says 512 with CRLF; be lenient). */
  maxLineLength: number;
  /** Largest accepted reply in bytes, all lines together. */
  maxReplyBytes: number;
  /** Most lines accepted in one reply. */
  maxLines: number;
}

export const DEFAULT_REPLY_LIMITS: ReplyLimits = { maxLineLength: 4096, maxReplyBytes: 65536, maxLines: 200 };

// reply-code = %x32-35 %x30-35 %x30-39; then '-' (more lines follow), ' ' or nothing (last line).
const LINE = /^([2-5][0-5][0-9])(?:([ -])(.*))?$/s;
const ENHANCED = /^([245])\.(\d{1,3})\.(\d{1,3})(?=\s|$)/;

/**
 * Terminal-safe text: a hostile banner must not carry escape sequences to the user's screen, nor
 * bidirectional overrides and invisible marks that make the text read differently from what it is.
 */
export function sanitize(text: string): string {
  return text.replace(/[\x00-\x08\x0a-\x1f\x7f\x80-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, '?');
}

export class ReplyParser {
  private pending: Buffer = Buffer.alloc(0);
  private code = 0;
  private lines: string[] = [];
  private bytes = 0;

  constructor(private readonly limits: ReplyLimits = DEFAULT_REPLY_LIMITS) {}

  /** Bytes received but not yet part of a complete reply (must be 0 right after STARTTLS's 220). */
  get buffered(): number {
    return this.pending.length + this.bytes;
  }

  /** What has arrived of the reply in progress, for error messages and transcripts. */
  partial(): string {
    const tail = this.pending.subarray(0, 200).toString('utf8');
    return sanitize([...this.lines.map((l) => `${this.code}-${l}`), tail].filter(Boolean).join(' | '));
  }

  /** Drop all state (after a TLS upgrade the old byte stream is gone). */
  reset(): void {
    this.pending = Buffer.alloc(0);
    this.code = 0;
    this.lines = [];
    this.bytes = 0;
  }

  /** Feed bytes; returns every reply completed by them. Throws SmtpError on a breach. */
  push(chunk: Buffer): Reply[] {
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    const out: Reply[] = [];
    for (;;) {
      const nl = this.pending.indexOf(0x0a);
      if (nl < 0) break;
      let end = nl;
      if (end > 0 && this.pending[end - 1] === 0x0d) end--;
      const line = this.pending.subarray(0, end);
      this.pending = this.pending.subarray(nl + 1);
      const reply = this.takeLine(line);
      if (reply) out.push(reply);
    }
    // A line with no end yet: refuse it as soon as it is too long, not after 1 MB arrives.
    if (this.pending.length > this.limits.maxLineLength) {
      throw new SmtpError(
        'line-too-long',
        `reply line longer than ${this.limits.maxLineLength} bytes`,
        this.partial(),
      );
    }
    if (this.bytes + this.pending.length > this.limits.maxReplyBytes) {
      throw new SmtpError(
        'reply-too-large',
        `reply larger than ${this.limits.maxReplyBytes} bytes`,
        this.partial(),
      );
    }
    return out;
  }

  private takeLine(raw: Buffer): Reply | undefined {
    if (raw.length > this.limits.maxLineLength) {
      throw new SmtpError(
        'line-too-long',
        `reply line longer than ${this.limits.maxLineLength} bytes`,
        this.partial(),
      );
    }
    this.bytes += raw.length + 2;
    if (this.bytes > this.limits.maxReplyBytes) {
      throw new SmtpError(
        'reply-too-large',
        `reply larger than ${this.limits.maxReplyBytes} bytes`,
        this.partial(),
      );
    }
    const text = raw.toString('utf8');
    const m = LINE.exec(text);
    if (!m) {
      throw new SmtpError(
        'malformed-reply',
        `malformed reply line (expected a 3-digit code): "${sanitize(text.slice(0, 80))}"`,
        this.partial(),
      );
    }
    const code = Number(m[1]);
    if (this.lines.length > 0 && code !== this.code) {
      throw new SmtpError(
        'code-mismatch',
        `reply code changed from ${this.code} to ${code} inside one multi-line reply`,
        this.partial(),
      );
    }
    this.code = code;
    this.lines.push(sanitize(m[3] ?? ''));
    if (this.lines.length > this.limits.maxLines) {
      throw new SmtpError(
        'too-many-lines',
        `reply has more than ${this.limits.maxLines} lines`,
        this.partial(),
      );
    }
    if (m[2] === '-') return undefined;
    const reply: Reply = { code, lines: this.lines };
    const enh = ENHANCED.exec(this.lines[0] ?? '');
    if (enh && enh[1] === String(code)[0]) reply.enhanced = `${enh[1]}.${enh[2]}.${enh[3]}`;
    this.code = 0;
    this.lines = [];
    this.bytes = 0;
    return reply;
  }
}

/** Parse a complete reply given as text (tests, and explaining pasted replies). */
export function parseReply(text: string, limits: ReplyLimits = DEFAULT_REPLY_LIMITS): Reply {
  const p = new ReplyParser(limits);
  const body = text.endsWith('\n') ? text : `${text}\r\n`;
  const replies = p.push(Buffer.from(body, 'utf8'));
  if (replies.length !== 1 || p.buffered > 0) {
    throw new SmtpError('malformed-reply', `expected exactly one complete reply, got ${replies.length}`);
  }
  return replies[0]!;
}

/** The reply as the server sent it, one `ddd-text` / `ddd text` line per line. */
export function formatReply(reply: Reply): string[] {
  return reply.lines.map((l, i) => `${reply.code}${i === reply.lines.length - 1 ? ' ' : '-'}${l}`);
}

/** One line for messages: "554 5.7.1 No thanks" (multi-line replies joined with a space). */
export function replyText(reply: Reply): string {
  return `${reply.code} ${reply.lines.join(' ')}`.trim();
}

/**
 * A positive completion reply (2yz, RFC 5321 §4.2.1): the command was accepted. Not 3yz, which
 * only asks for more (354 after DATA) and never completes MAIL or RCPT.
 */
export const isPositive = (r: Reply): boolean => r.code >= 200 && r.code < 300;

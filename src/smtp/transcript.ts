// A timestamped record of an SMTP conversation. Client lines pass through redaction
// before they are stored, so secrets never reach any output.

export type Direction = 'C' | 'S' | '*';

export interface TranscriptEntry {
  /** Milliseconds since the session started. */
  t: number;
  /** Wall-clock time (ISO 8601). */
  at: string;
  /** C = sent by us, S = sent by the server, * = a note (connect, TLS, error). */
  dir: Direction;
  text: string;
}

/** What the redactor knows: the code of the last reply (334 means "send the next secret"). */
export interface RedactContext {
  lastReplyCode?: number;
}
export type Redactor = (line: string, ctx: RedactContext) => string;

export const REDACTED = '<redacted>';

/**
 * Always applied: hides SASL credentials. Initial responses (`AUTH PLAIN <b64>`) and every
 * line answering a 334 challenge carry user names or passwords in base64.
 */
export const redactAuth: Redactor = (line, ctx) => {
  if (ctx.lastReplyCode === 334) return REDACTED;
  const m = /^(AUTH\s+\S+)\s+\S.*$/i.exec(line);
  return m ? `${m[1]} ${REDACTED}` : line;
};

const MAX_ENTRIES = 2000;
const MAX_TEXT = 1000;

export class Transcript {
  readonly entries: TranscriptEntry[] = [];
  private readonly start = Date.now();
  private dropped = 0;

  constructor(private readonly redact?: Redactor) {}

  private add(dir: Direction, text: string): void {
    if (this.entries.length >= MAX_ENTRIES) {
      this.dropped++;
      return;
    }
    const now = Date.now();
    const clipped = text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}… (${text.length} chars)` : text;
    this.entries.push({ t: now - this.start, at: new Date(now).toISOString(), dir, text: clipped });
  }

  client(line: string, ctx: RedactContext, secret = false): void {
    let shown = secret ? REDACTED : redactAuth(line, ctx);
    if (this.redact && !secret) shown = this.redact(shown, ctx);
    this.add('C', shown);
  }

  server(lines: string[]): void {
    for (const l of lines) this.add('S', l);
  }

  note(text: string): void {
    this.add('*', text);
  }

  /** Lines for people: "+  12ms C: EHLO example.com". */
  format(): string[] {
    const out = this.entries.map((e) => `+${String(e.t).padStart(6)}ms ${e.dir}: ${e.text}`);
    if (this.dropped) out.push(`(${this.dropped} more lines not recorded)`);
    return out;
  }
}

// SMTP AUTH (RFC 4954) with LOGIN (the book's Chapter 7 test) and PLAIN (RFC 4616), plus
// the redaction that keeps the password out of every output. A thin layer over SmtpSession:
// the session hides every SASL line as "<redacted>"; we then show each one decoded, with the
// password as ********, the way the book's telnet session reads.
import type { Reply } from '../smtp/reply.js';
import type { SmtpSession } from '../smtp/session.js';
import { REDACTED, type TranscriptEntry } from '../smtp/transcript.js';

export const MASK = '********';
export type AuthMechanism = 'LOGIN' | 'PLAIN';

export interface AuthResult {
  ok: boolean;
  /** The last reply: 235 on success, the refusal otherwise. */
  reply: Reply;
}

export interface AuthLog {
  /** Transcript index where the exchange began. */
  from: number;
  /** What each line we sent means, in order (decoded; password masked). */
  shown: string[];
}

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

/** Replaces every form in which the password could leak: raw, base64, and inside a PLAIN blob. */
export class Secrets {
  private readonly forms: string[];

  constructor(
    readonly password: string,
    user = '',
  ) {
    const forms = [b64(password), b64(`\0${user}\0${password}`), b64(`${user}\0${user}\0${password}`)];
    // A password of one to three characters would turn every such substring of the output into
    // asterisks while hiding nothing; its encoded forms are still replaced.
    if (password.length >= 4) forms.push(password);
    // Longest first, so a base64 form is replaced whole before a shorter form inside it.
    this.forms = [...new Set(forms.filter((f) => f.length > 0))].sort((a, b) => b.length - a.length);
  }

  scrub(text: string): string {
    let out = text;
    for (const f of this.forms) out = out.split(f).join(MASK);
    return out;
  }

  /** Deep scrub of a JSON-able value (every string in it, so JSON escaping cannot hide a match). */
  scrubValue<T>(value: T, depth = 0): T {
    if (typeof value === 'string') return this.scrub(value) as T;
    if (depth > 50 || value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) return value.map((v) => this.scrubValue(v, depth + 1)) as T;
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [this.scrub(k), this.scrubValue(v, depth + 1)]),
    ) as T;
  }
}

/** "VXNlcm5hbWU6" → "Username:" when the challenge is printable base64 text, else undefined. */
export function decodeChallenge(text: string): string | undefined {
  const t = text.trim();
  if (!t || !/^[A-Za-z0-9+/]+={0,2}$/.test(t) || t.length % 4 !== 0) return undefined;
  const d = Buffer.from(t, 'base64').toString('utf8');
  return /^[\x20-\x7e]*$/.test(d) ? d : undefined;
}

/**
 * Run the exchange. Each line we send is recorded in `shown` (decoded, password masked) so the
 * transcript can be decorated afterwards; the wire lines themselves are sent as secrets.
 */
export async function authenticate(
  session: SmtpSession,
  mech: AuthMechanism,
  user: string,
  password: string,
  /** Filled in as we go, so the transcript can be decorated even when the exchange throws. */
  log: AuthLog,
): Promise<AuthResult> {
  const { shown } = log;
  log.from = session.transcript.entries.length;
  const send = async (line: string, display: string, secret: boolean) => {
    shown.push(display);
    return session.command(line, { secret });
  };
  let reply: Reply;
  if (mech === 'PLAIN') {
    const blob = b64(`\0${user}\0${password}`);
    reply = await send(`AUTH PLAIN ${blob}`, `AUTH PLAIN ${MASK}  (decoded: [NUL]${user}[NUL]${MASK})`, true);
    // A server that wants the credentials after an empty challenge (RFC 4954 §4).
    if (reply.code === 334) reply = await send(blob, `${MASK}  (decoded: [NUL]${user}[NUL]${MASK})`, true);
  } else {
    reply = await send('AUTH LOGIN', 'AUTH LOGIN', false);
    // Up to two challenges (user name, password); a bounded loop guards against endless 334s.
    for (let step = 0; reply.code === 334 && step < 3; step++) {
      const prompt = (decodeChallenge(reply.lines[0] ?? '') ?? '').toLowerCase();
      if (step >= 2) {
        reply = await send('*', '*  (cancel: unexpected extra challenge)', false);
        break;
      }
      const wantsPassword = prompt.startsWith('pass') || (step === 1 && !prompt.startsWith('user'));
      reply = wantsPassword
        ? await send(b64(password), `${MASK}  (decoded: ${MASK})`, true)
        : await send(b64(user), `${b64(user)}  (decoded: ${user})`, true);
    }
  }
  return { ok: reply.code === 235, reply };
}

/**
 * The transcript as people should read it: our SASL lines replaced (in order) by their decoded
 * form, and the server's 334 challenges shown decoded too. Entries before `from` are untouched.
 */
export function decorateAuth(entries: TranscriptEntry[], log: AuthLog): TranscriptEntry[] {
  const { from, shown } = log;
  let i = 0;
  return entries.map((e, idx) => {
    if (idx < from) return e;
    // Only the lines the session hid (or AUTH itself): later commands are left alone.
    const isSasl =
      e.text === REDACTED || e.text.startsWith(`AUTH PLAIN ${REDACTED}`) || /^AUTH /i.test(e.text);
    if (e.dir === 'C' && i < shown.length && isSasl) return { ...e, text: shown[i++]! };
    if (e.dir === 'S') {
      const m = /^334[ -](.*)$/.exec(e.text);
      const d = m ? decodeChallenge(m[1]!) : undefined;
      if (d !== undefined) return { ...e, text: `${e.text}  (decoded: ${d})` };
    }
    return e;
  });
}

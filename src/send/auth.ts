// SMTP AUTH (RFC 4954) with LOGIN (the book's Chapter 7 test), PLAIN (RFC 4616), CRAM-MD5
// (RFC 2195), XOAUTH2 (Google/Microsoft) and OAUTHBEARER (RFC 7628), plus the redaction that
// keeps the password or token out of every output. A thin layer over SmtpSession:
// the session hides every SASL line as "<redacted>"; we then show each one decoded, with the
// password as ********, the way the book's telnet session reads.
import { createHmac } from 'node:crypto';
import type { Reply } from '../smtp/reply.js';
import type { SmtpSession } from '../smtp/session.js';
import { REDACTED, type TranscriptEntry } from '../smtp/transcript.js';

export const MASK = '********';
export const AUTH_MECHANISMS = ['LOGIN', 'PLAIN', 'CRAM-MD5', 'XOAUTH2', 'OAUTHBEARER'] as const;
export type AuthMechanism = (typeof AUTH_MECHANISMS)[number];

/** XOAUTH2 and OAUTHBEARER take a bearer token where the others take a password. */
export const usesToken = (mech: AuthMechanism): boolean => mech === 'XOAUTH2' || mech === 'OAUTHBEARER';

/** The error a server sends as a 334 challenge when it refuses a token (RFC 7628 §3.2.2). */
export interface OAuthError {
  status?: string;
  scope?: string;
  schemes?: string;
}

export interface AuthResult {
  ok: boolean;
  /** The last reply: 235 on success, the refusal otherwise. */
  reply: Reply;
  /** XOAUTH2/OAUTHBEARER: the server's decoded JSON error, when it sent one. */
  oauthError?: OAuthError;
}

export interface AuthLog {
  /** Transcript index where the exchange began. */
  from: number;
  /** What each line we sent means, in order (decoded; password masked). */
  shown: string[];
}

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

/** The XOAUTH2 initial response (before base64): user, then the bearer token, ^A separated. */
export const xoauth2Response = (user: string, token: string) =>
  `user=${user}\x01auth=Bearer ${token}\x01\x01`;
/** The OAUTHBEARER initial response (RFC 7628 §3.1): a GS2 header naming the user, then the token. */
export const oauthBearerResponse = (user: string, token: string) =>
  `n,a=${user.replace(/=/g, '=3D').replace(/,/g, '=2C')},\x01auth=Bearer ${token}\x01\x01`;

/** Replaces every form in which the password could leak: raw, base64, and inside a PLAIN blob. */
export class Secrets {
  private readonly forms: string[];

  constructor(
    readonly password: string,
    user = '',
  ) {
    const forms = [
      b64(password),
      b64(`\0${user}\0${password}`),
      b64(`${user}\0${user}\0${password}`),
      // A token's whole initial responses: the token's own base64 does not appear inside them.
      b64(xoauth2Response(user, password)),
      b64(oauthBearerResponse(user, password)),
    ];
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
  let oauthError: OAuthError | undefined;
  if (mech === 'PLAIN') {
    const blob = b64(`\0${user}\0${password}`);
    reply = await send(`AUTH PLAIN ${blob}`, `AUTH PLAIN ${MASK}  (decoded: [NUL]${user}[NUL]${MASK})`, true);
    // A server that wants the credentials after an empty challenge (RFC 4954 §4).
    if (reply.code === 334) reply = await send(blob, `${MASK}  (decoded: [NUL]${user}[NUL]${MASK})`, true);
  } else if (mech === 'CRAM-MD5') {
    reply = await send('AUTH CRAM-MD5', 'AUTH CRAM-MD5', false);
    if (reply.code === 334) {
      const challenge = Buffer.from((reply.lines[0] ?? '').trim(), 'base64').toString('latin1');
      const digest = createHmac('md5', password).update(challenge, 'latin1').digest('hex');
      // The digest is not the password, but it would allow guessing it offline: never shown.
      reply = await send(b64(`${user} ${digest}`), `${MASK}  (decoded: ${user} <HMAC-MD5 digest>)`, true);
    }
  } else if (usesToken(mech)) {
    const initial =
      mech === 'XOAUTH2' ? xoauth2Response(user, password) : oauthBearerResponse(user, password);
    const decoded =
      mech === 'XOAUTH2' ? `user=${user}^Aauth=Bearer ${MASK}^A^A` : `n,a=${user},^Aauth=Bearer ${MASK}^A^A`;
    reply = await send(`AUTH ${mech} ${b64(initial)}`, `AUTH ${mech} ${MASK}  (decoded: ${decoded})`, true);
    if (reply.code === 334) {
      // The refusal comes as a challenge carrying a JSON error; the client answers it with an
      // empty response (XOAUTH2) or ^A (RFC 7628 §3.2.3) and the server then sends its 5xx.
      oauthError = parseOAuthError(reply.lines[0] ?? '');
      reply =
        mech === 'XOAUTH2'
          ? await send('', '(empty response: acknowledges the error)', false)
          : await send(b64('\x01'), `${b64('\x01')}  (decoded: ^A, acknowledges the error)`, false);
    }
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
  return { ok: reply.code === 235, reply, ...(oauthError ? { oauthError } : {}) };
}

/** The server's base64 JSON error challenge ({"status":"401","schemes":"bearer","scope":"…"}). */
export function parseOAuthError(challenge: string): OAuthError | undefined {
  const text = decodeChallenge(challenge);
  if (!text) return undefined;
  try {
    const v = JSON.parse(text) as Record<string, unknown>;
    if (!v || typeof v !== 'object') return undefined;
    const pick = (k: string) =>
      typeof v[k] === 'string' || typeof v[k] === 'number' ? String(v[k]).slice(0, 300) : undefined;
    const out: OAuthError = {};
    for (const k of ['status', 'scope', 'schemes'] as const) {
      const x = pick(k);
      if (x !== undefined) out[k] = x;
    }
    return Object.keys(out).length ? out : undefined;
  } catch {
    return undefined;
  }
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

// What a line typed in `mailflow session` means: a helper command (starttls, auth, capa, data,
// show, help) or an SMTP command sent as typed. Pure, so it is tested with literal lines.

export const HELPERS = ['starttls', 'auth', 'capa', 'data', 'show', 'help'] as const;
export type Helper = (typeof HELPERS)[number];
export const SESSION_AUTH = ['login', 'plain', 'cram-md5', 'xoauth2'] as const;
export type SessionAuth = (typeof SESSION_AUTH)[number];

/** SMTP verbs offered by tab completion (RFC 5321 §4.1, RFC 3207, RFC 4954). */
export const SMTP_VERBS = [
  'EHLO ',
  'HELO ',
  'MAIL FROM:<',
  'RCPT TO:<',
  'RSET',
  'NOOP',
  'QUIT',
  'VRFY ',
  'EXPN ',
  'HELP',
  'STARTTLS',
  'AUTH ',
  'BDAT ',
];

export type Input =
  | { kind: 'empty' }
  | { kind: 'helper'; helper: Helper; args: string[] }
  | { kind: 'smtp'; line: string }
  | { kind: 'invalid'; message: string };

/**
 * Helpers are lower-case words (so an SMTP verb typed in capitals is always sent as typed: `DATA`
 * is the raw verb, `data` the helper that does the dot-stuffing). CR, LF and NUL are refused:
 * one typed line is one SMTP line.
 */
export function parseInput(raw: string): Input {
  if (/[\r\n\0]/.test(raw)) return { kind: 'invalid', message: 'a line may not contain CR, LF or NUL' };
  const line = raw.replace(/^\s+/, '');
  if (line.trim() === '') return { kind: 'empty' };
  const [word = '', ...args] = line.trim().split(/\s+/);
  if ((HELPERS as readonly string[]).includes(word)) {
    if (word === 'auth') {
      const mech = args[0];
      if (!mech || !(SESSION_AUTH as readonly string[]).includes(mech) || !args[1]) {
        return { kind: 'invalid', message: `usage: auth ${SESSION_AUTH.join('|')} <user>` };
      }
    }
    return { kind: 'helper', helper: word as Helper, args };
  }
  if (line.length > 998)
    return { kind: 'invalid', message: 'a line may not exceed 998 characters (RFC 5321 §4.5.3.1.6)' };
  return { kind: 'smtp', line };
}

/** Tab completion: helpers and SMTP verbs for the first word, mechanisms after `auth `. */
export function complete(line: string): [string[], string] {
  if (/^auth\s+\S*$/.test(line)) {
    const part = line.replace(/^auth\s+/, '');
    return [SESSION_AUTH.filter((m) => m.startsWith(part)).map((m) => `auth ${m} `), line];
  }
  if (/\s/.test(line)) return [[], line];
  // Lower case completes the helpers, capitals the SMTP verbs (so `st` is starttls, `ST` STARTTLS);
  // a lower-case start no helper has completes the verbs ("ma" → MAIL FROM:<).
  const helpers = HELPERS.map((h) => (h === 'auth' || h === 'data' ? `${h} ` : h));
  const up = line.toUpperCase();
  const verbs = SMTP_VERBS.filter((v) => v.startsWith(up));
  if (/[A-Z]/.test(line)) return [verbs, line];
  const hits = helpers.filter((h) => h.startsWith(line));
  return [hits.length ? hits : verbs, line];
}

/** Lines of message text as sent after DATA's 354: dot-stuffed (RFC 5321 §4.5.2), CRLF. */
export function dotStuffLines(lines: string[]): string {
  return lines.map((l) => `${l.startsWith('.') ? '.' : ''}${l}\r\n`).join('');
}

// Every line fits an 80-column terminal (test/session/unit.test.ts holds it to that).
export const HELP = `Type SMTP commands as you would in telnet; each line is sent with CRLF.
Helpers (lower case):
  starttls      upgrade to TLS in place, show the certificate and whether it
                verifies, EHLO again
  auth login|plain|cram-md5|xoauth2 <user>
                authenticate; the password or token is asked without echo and
                never shown
  capa          read the last EHLO reply against the server profiles (like
                mailflow ehlo)
  data [file]   DATA, then type the message (end with a line holding only "."),
                or send a file; lines are dot-stuffed for you
  show          the session state: server, TLS, EHLO name, extensions,
                authenticated
  help          this text
Ctrl-C stops waiting for a reply; a second Ctrl-C (or Ctrl-C at the prompt, or
Ctrl-D) sends QUIT and exits.`;

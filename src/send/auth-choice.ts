// Which AUTH mechanism `--user` without `--auth` uses: the first of mailflow's order of
// preference that the server lists in its EHLO reply (RFC 4954 §3). The orders are data, and
// only mechanisms the server lists are chosen: like swaks, curl and Python's smtplib, mailflow
// does not guess at unlisted ones (`--auth login` still tries LOGIN on a server that hides it).
// Pure; no I/O.
import type { AuthMechanism } from './auth.js';

export type Credential = 'password' | 'token';

/**
 * - token (`--token-file`): OAUTHBEARER, the standard one (RFC 7628), then XOAUTH2 (Microsoft 365
 *   and Gmail). A token is never offered to a password mechanism, nor a password to these.
 * - password under TLS: the channel already protects it, so PLAIN (RFC 4616; works whatever the
 *   server's password store) then LOGIN; CRAM-MD5 last, since it needs the password kept in
 *   clear on the server and adds nothing inside TLS.
 * - password without TLS (only with --allow-plaintext-auth): CRAM-MD5 first, the one mechanism
 *   that does not put the password on the wire (RFC 2195), then PLAIN and LOGIN.
 */
export const AUTO_ORDER = {
  token: ['OAUTHBEARER', 'XOAUTH2'],
  tls: ['PLAIN', 'LOGIN', 'CRAM-MD5'],
  clear: ['CRAM-MD5', 'PLAIN', 'LOGIN'],
} as const satisfies Record<string, readonly AuthMechanism[]>;

export interface AutoChoice {
  /** The first mechanism of `order` that the server offers; undefined when it offers none of them. */
  mechanism?: AuthMechanism;
  /** The order tried, and its name (token, tls or clear). */
  order: readonly AuthMechanism[];
  orderName: keyof typeof AUTO_ORDER;
}

export function chooseMechanism(
  offered: readonly string[],
  credential: Credential,
  tls: boolean,
): AutoChoice {
  const orderName = credential === 'token' ? 'token' : tls ? 'tls' : 'clear';
  const order = AUTO_ORDER[orderName];
  const listed = new Set(offered.map((m) => m.toUpperCase()));
  return { mechanism: order.find((m) => listed.has(m)), order, orderName };
}

/** For the transcript: "AUTH PLAIN chosen: the first of PLAIN, LOGIN, CRAM-MD5 (…) the server offers (it offers …)". */
export function describeChoice(choice: AutoChoice, offered: readonly string[]): string {
  const why =
    choice.orderName === 'token'
      ? 'for a token'
      : choice.orderName === 'tls'
        ? 'for a password under TLS'
        : 'for a password without TLS';
  const list = `${choice.order.join(', ')} (mailflow's order ${why})`;
  const theirs = offered.length ? `it offers ${offered.join(' ')}` : 'its EHLO reply lists no AUTH';
  return choice.mechanism
    ? `AUTH ${choice.mechanism} chosen: the first of ${list} that the server offers (${theirs})`
    : `no AUTH mechanism chosen: the server offers none of ${list}; ${theirs}`;
}

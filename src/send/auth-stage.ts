// The AUTH stage of a test send: the mechanism (asked for with --auth, or chosen from what the
// server offers: auth-choice.ts), the exchange (auth.ts), and what its outcome means. The flow
// (flow.ts) turns a refusal into a failure of the right kind.
import type { Reply } from '../smtp/reply.js';
import type { SmtpSession } from '../smtp/session.js';
import { type AuthLog, type AuthMechanism, authenticate, type OAuthError, usesToken } from './auth.js';
import { type Credential, chooseMechanism, describeChoice } from './auth-choice.js';

/** What the plan asks: a mechanism (--auth), or 'auto' (--user alone) for the best one offered. */
export interface AuthRequest {
  user: string;
  mechanism: AuthMechanism | 'auto';
  credential: Credential;
}

/** How the mechanism came about (JSON data.auth). */
export interface AuthUsed {
  mechanism?: AuthMechanism;
  /** option: --auth; server: the first of mailflow's order the server lists; fallback: LOGIN, none listed. */
  chosenBy: 'option' | 'server' | 'fallback';
  credential: Credential;
  /** chosenBy server: mailflow's order of preference, first offered wins. */
  order?: readonly AuthMechanism[];
}

export interface AuthOutcome {
  used: AuthUsed;
  /** XOAUTH2/OAUTHBEARER: the server's decoded JSON error, when it refused a token with one. */
  oauthError?: OAuthError;
  /** Set when authenticated: a remark for the notes (an unlisted mechanism that worked). */
  ok?: { note?: string };
  /** The mechanism is not offered: stopped before the secret was sent, or refused after it. */
  notOffered?: { message: string; reply?: Reply };
  /** The server refused the exchange. */
  refused?: { reply: Reply; message: string };
}

export async function authStage(
  session: SmtpSession,
  req: AuthRequest,
  secret: string,
  log: AuthLog,
): Promise<AuthOutcome> {
  const offered = session.capabilities?.auth ?? [];
  let used: AuthUsed;
  if (req.mechanism === 'auto') {
    const choice = chooseMechanism(offered, req.credential, session.isTls);
    session.transcript.note(describeChoice(choice, offered));
    used = { chosenBy: 'server', credential: req.credential, order: choice.order };
    if (!choice.mechanism && req.credential === 'password') {
      // A password and nothing listed to use it with: LOGIN, as before this choice existed and as
      // the book's test does — servers take it unlisted (Exchange 2000 lists AUTH GSSAPI NTLM and
      // says LOGIN only in its X-EXPS=LOGIN verb). A refusal still names what the server offers.
      session.transcript.note('trying AUTH LOGIN, which servers often accept without listing it');
      used = { mechanism: 'LOGIN', chosenBy: 'fallback', credential: req.credential, order: choice.order };
    } else if (!choice.mechanism) {
      const theirs = offered.length
        ? `it offers ${offered.join(', ')}`
        : 'its EHLO reply lists no AUTH at all';
      return {
        used,
        notOffered: {
          message: `the server offers none of the mechanisms mailflow chooses from (${choice.order.join(', ')}); ${theirs}`,
        },
      };
    } else used.mechanism = choice.mechanism;
  } else used = { mechanism: req.mechanism, chosenBy: 'option', credential: req.credential };
  const mech = used.mechanism!;
  // A server that lists AUTH mechanisms may still take an unlisted LOGIN or PLAIN (the book's
  // Exchange 2000 lists GSSAPI NTLM and takes LOGIN), so those are tried; a token is never
  // sent to a server that does not list its mechanism. A refusal names what it offers.
  const notOffered = offered.length > 0 && !offered.includes(mech);
  const notOfferedMessage = `the server does not offer AUTH ${mech}; it offers ${offered.join(', ')}`;
  if (notOffered && usesToken(mech)) return { used, notOffered: { message: notOfferedMessage } };
  const res = await authenticate(session, mech, req.user, secret, log);
  const out: AuthOutcome = { used, ...(res.oauthError ? { oauthError: res.oauthError } : {}) };
  if (!res.ok && notOffered) return { ...out, notOffered: { message: notOfferedMessage, reply: res.reply } };
  if (!res.ok) return { ...out, refused: { reply: res.reply, message: refusal(mech, res.oauthError) } };
  return {
    ...out,
    ok: notOffered
      ? {
          note: `the server accepted AUTH ${mech} although it does not list it (it lists ${offered.join(', ')})`,
        }
      : {},
  };
}

function refusal(mech: AuthMechanism, e: OAuthError | undefined): string {
  if (!usesToken(mech)) return 'the server did not accept the credentials';
  const said = e
    ? ` (its error: ${[
        e.status && `status ${e.status}`,
        e.scope && `scope ${e.scope}`,
        e.schemes && `schemes ${e.schemes}`,
      ]
        .filter(Boolean)
        .join(', ')})`
    : '';
  return `the server did not accept the OAuth token${said}`;
}

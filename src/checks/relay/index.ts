// Verdict of the open-relay test from the replies to each attempt. Pure: replies in, findings out.
import { type Finding, finding } from '../../findings/model.js';
import { explainReply } from '../../ndr/explain.js';
import type { RelayVariant } from './variants.js';

export type { RelayAddresses, RelayVariant } from './variants.js';
export {
  canaryVariant,
  DEFAULT_OUTSIDE_RECIPIENT,
  DEFAULT_OUTSIDE_SENDER,
  relayVariants,
} from './variants.js';

export interface AttemptResult {
  variant: RelayVariant;
  /** MAIL FROM reply ("250 2.1.0 Ok"), when it was sent. */
  mail?: string;
  /** RCPT TO reply, when MAIL was accepted. */
  rcpt?: string;
  /** A network error instead of a reply. */
  error?: string;
}

export type AttemptVerdict = 'accepted' | 'refused' | 'deferred' | 'error';

const REF = 'Book ch. 6, Disabling Open Relaying on All SMTP Virtual Servers; RFC 5321 §3.6, §7.1';

function code(reply: string | undefined): number | undefined {
  const m = /^(\d{3})/.exec(reply ?? '');
  return m ? Number(m[1]) : undefined;
}

export function verdictOf(a: AttemptResult): AttemptVerdict {
  if (a.error) return 'error';
  const m = code(a.mail);
  if (m === undefined) return 'error';
  if (m >= 500) return 'refused';
  if (m >= 400) return 'deferred';
  const r = code(a.rcpt);
  if (r === undefined) return 'error';
  if (r === 250 || r === 251) return 'accepted';
  return r >= 500 ? 'refused' : r >= 400 ? 'deferred' : 'error';
}

function describe(a: AttemptResult): string {
  const reply = a.error ?? (code(a.mail)! >= 400 ? `MAIL: ${a.mail}` : `RCPT: ${a.rcpt}`);
  return `${a.variant.label} (<${a.variant.from}> → <${a.variant.to}>): ${reply}`;
}

/** What the canary (a recipient at a domain that cannot exist) showed, for the open-relay detail. */
function canaryNote(canary: AttemptResult | undefined): string {
  if (!canary) return '';
  const v = verdictOf(canary);
  if (v === 'accepted')
    return ` It also accepted a recipient at a domain that cannot exist (<${canary.variant.to}>): it may be queueing everything and bouncing later, which makes it a backscatter source; either way it will be listed.`;
  if (v === 'refused')
    return ` It refused a recipient at a domain that cannot exist (<${canary.variant.to}>: ${canary.rcpt ?? canary.mail}), so it looks at recipients: it relays.`;
  return ` The attempt with a recipient at a domain that cannot exist got no final answer (${canary.error ?? canary.rcpt ?? canary.mail}); it does not change this verdict.`;
}

/**
 * `canary` is the attempt to a recipient at a domain that cannot exist, when it was made.
 * An accepted RCPT for an outside domain is an open relay whatever the canary says (a server
 * that accepts everything and bounces later is blocklisted just the same). An attempt that got
 * no answer (an error, a timeout, a deadline) is never evidence either way: with nothing
 * accepted it makes the result inconclusive, never open, never closed.
 */
export function relayFindings(server: string, attempts: AttemptResult[], canary?: AttemptResult): Finding[] {
  const accepted = attempts.filter((a) => verdictOf(a) === 'accepted');
  const unsure = attempts.filter((a) => ['deferred', 'error'].includes(verdictOf(a)));
  const verdicts = Object.fromEntries(attempts.map((a) => [a.variant.id, verdictOf(a)]));
  const data = {
    server,
    verdicts,
    ...(canary ? { canary: verdictOf(canary) } : {}),
  };

  if (accepted.length) {
    const unanswered = unsure.length
      ? ` ${unsure.length} other attempt(s) got no final answer: ${unsure.map(describe).join('; ')}.`
      : '';
    return [
      finding('relay.open', 'fail', {
        title: `Open relay: ${accepted.map((a) => a.variant.id).join(', ')} accepted without authentication`,
        detail: `Without authenticating, ${server} accepted mail for a domain that is not its own: ${accepted.map(describe).join('; ')}.${canaryNote(canary)}${unanswered} Spammers find such servers within hours; the server's address then lands on blocklists and its legitimate mail is refused everywhere.`,
        fix: 'Allow relaying only for authenticated users and your own networks, and reject unknown recipients and foreign domains at RCPT time instead of bouncing later (Exchange: keep the default relay restrictions on every SMTP virtual server; Postfix: smtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination with a tight mynetworks, and recipient validation).',
        ref: REF,
        data,
      }),
    ];
  }
  if (unsure.length) {
    const first = unsure.map((a) => a.rcpt ?? a.mail).find((r) => r && code(r)! >= 400);
    const reading = first ? ` The NDR explainer reads "${first}" as: ${explainReply(first).summary}.` : '';
    return [
      finding('relay.inconclusive', 'warn', {
        title: `${unsure.length} of ${attempts.length} relay attempts got no final answer`,
        detail: `${server} accepted none and refused none of these for good: ${unsure.map(describe).join('; ')}. ${
          unsure.some((a) => verdictOf(a) === 'error')
            ? 'An attempt without an answer proves nothing either way. '
            : ''
        }A temporary refusal (greylisting, rate limits) may turn into acceptance on retry.${reading}`,
        fix: 'Run the test again after a few minutes (greylisting lets retries through); if it keeps deferring, test from an address the server does not throttle; if attempts went unanswered, give a longer --timeout.',
        ref: REF,
        data,
      }),
    ];
  }
  return [
    finding('relay.closed', 'ok', {
      title: `Not an open relay: all ${attempts.length} relay attempts were refused`,
      detail: `${server} refused every attempt (${attempts.map((a) => a.variant.id).join(', ')}) without authentication, e.g. "${
        attempts[0]?.rcpt ?? attempts[0]?.mail ?? ''
      }". Nothing was sent: each attempt stopped after RCPT.`,
      fix: '',
      ref: REF,
      data,
    }),
  ];
}

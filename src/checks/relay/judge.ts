// The open-relay test's judgement (book ch. 6): what session.ts gathered → findings, data and
// tables for `mailflow relay` and the relay group of `check`. Pure: replies in, findings out.
import { count } from '../../findings/count.js';
import { columns, type DataTable, type Finding, finding } from '../../findings/model.js';
import { explainReply } from '../../ndr/explain.js';
import { transcriptLines, transcriptTable } from '../../send/report.js';
import type { ProxyError } from '../../smtp/socks5-connect.js';
import type { TranscriptEntry } from '../../smtp/transcript.js';
import { PROXY_REF, proxyFix } from '../shared/proxy-advice.js';
import type { AttemptResult, RelayFacts } from './session.js';

export interface RelayJudgement {
  findings: Finding[];
  data: Record<string, unknown>;
  tables: DataTable[];
}

/** The verdict on what was gathered; `showTranscript` adds the transcript table even when nothing failed. */
export function judge(f: RelayFacts, showTranscript: boolean): RelayJudgement {
  switch (f.kind) {
    case 'tested':
      return report(f, showTranscript);
    case 'unreachable':
      return unreachable(f.tried, f.transcript);
    case 'proxy-error':
      return proxyUnusable(f.error, f.tried, f.transcript);
    case 'no-server':
      return noServer(f.target, f.why);
    case 'null-mx':
      return nullMx(f.target, f.server);
  }
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
function attemptFindings(server: string, attempts: AttemptResult[], canary?: AttemptResult): Finding[] {
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
      ? ` ${count(unsure.length, 'other attempt')} got no final answer: ${unsure.map(describe).join('; ')}.`
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

function report(run: Extract<RelayFacts, { kind: 'tested' }>, showTranscript: boolean): RelayJudgement {
  const { endpoint: ep, transcript } = run;
  const server = `${ep.host}:${ep.port}`;
  const findings = attemptFindings(server, run.results, run.canary);
  const all = run.canary ? [...run.results, run.canary] : run.results;
  // The transcript explains errors; an open or closed verdict stands on the table above.
  const failed = all.some((a) => a.error !== undefined);
  return {
    findings,
    data: {
      server,
      address: ep.address,
      ownDomain: run.ownDomain ?? null,
      ...(run.proxy ? { proxy: run.proxy } : {}),
      attempts: all.map((a) => ({
        variant: a.variant.id,
        from: a.variant.from,
        to: a.variant.to,
        mail: a.mail ?? null,
        rcpt: a.rcpt ?? null,
        error: a.error ?? null,
      })),
      transcript: transcriptLines(transcript),
    },
    tables: [
      {
        id: 'relay.attempts',
        title: 'Relay attempts (stopped after RCPT; no DATA sent)',
        // Envelope on two lines keeps the table narrow; at 80 columns the reply folds under it.
        columns: columns({ variant: 'Variant', envelope: 'MAIL FROM / RCPT TO', reply: 'Reply' }).map((c) =>
          c.key === 'reply' ? { ...c, foldable: true } : c,
        ),
        rows: all.map((a) => [
          a.variant.id,
          `<${a.variant.from}>\n<${a.variant.to}>`,
          a.error ?? a.rcpt ?? a.mail ?? '',
        ]),
      },
      ...(showTranscript || failed ? [transcriptTable({ transcript })] : []),
    ],
  };
}

function untested(f: Finding, transcript: TranscriptEntry[] = []): RelayJudgement {
  return {
    findings: [f],
    data: { server: null, attempts: [], transcript: transcriptLines(transcript) },
    tables: transcript.length ? [transcriptTable({ transcript })] : [],
  };
}

function unreachable(why: string, transcript: TranscriptEntry[]): RelayJudgement {
  const f = finding('relay.connect-failed', 'unknown', {
    title: 'Could not run the relay test: no server answered',
    detail: `No SMTP session could be started: ${why}.`,
    fix: 'Check the name, port and firewall (try: mailflow probe <host>), then run the test again.',
    ref: 'Book ch. 5, Using Telnet to Ensure Internet Accessibility',
  });
  return untested(f, transcript);
}

/** The SOCKS proxy, not a mail server, stopped the test: say so, never "no server answered". */
function proxyUnusable(e: ProxyError, why: string, transcript: TranscriptEntry[]): RelayJudgement {
  const f = finding('relay.proxy-error', 'unknown', {
    title: `Could not run the relay test: the SOCKS proxy ${e.proxy} failed`,
    detail: `${why}. The proxy failed, not the mail server: nothing is known about relaying.`,
    fix: proxyFix(e.stage, e.reply),
    ref: PROXY_REF,
    data: { proxy: e.proxy, proxyStage: e.stage, ...(e.reply !== undefined ? { socksReply: e.reply } : {}) },
  });
  return untested(f, transcript);
}

/** DNS named no server at all: nothing was connected to. */
function noServer(target: string, why: string): RelayJudgement {
  const f = finding('relay.connect-failed', 'unknown', {
    title: 'Could not run the relay test: no server to connect to',
    detail: `${why}. Nothing was connected to.`,
    fix: `Check the name (try: mailflow mx ${target}), then run the test again.`,
    ref: 'Book ch. 5, Using Nslookup to Verify DNS Configuration',
  });
  return untested(f);
}

function nullMx(target: string, server: string): RelayJudgement {
  const f = finding('relay.null-mx', 'info', {
    title: `${target} publishes a null MX: it accepts no mail, so there is nothing to relay-test`,
    detail: `The MX record "0 ." (RFC 7505, DNS server ${server}) says the domain receives no mail; no server was connected to.`,
    fix: 'Nothing to fix if the domain is not meant to receive mail. To test a server anyway, name it: mailflow relay <host>[:port].',
    ref: 'RFC 7505; Book ch. 6, Disabling Open Relaying on All SMTP Virtual Servers',
  });
  return untested(f);
}

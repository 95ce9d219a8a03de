// One test send, stage by stage, like the book's telnet session (Chapter 7, "Using Telnet"):
// connect, greeting, EHLO, STARTTLS, AUTH, MAIL, RCPT, DATA. Returns what happened; the
// findings are made elsewhere (findings.ts) from this outcome.
import type { ConnectionOptions } from 'node:tls';
import { trustingCa } from '../smtp/ca-file.js';
import { type CertFault, certFaults } from '../smtp/cert-faults.js';
import { isSmtpError } from '../smtp/errors.js';
import type { Capabilities } from '../smtp/extensions.js';
import type { SocksProxy } from '../smtp/proxy-url.js';
import { parseReply, type Reply, replyText } from '../smtp/reply.js';
import { SmtpSession, type SmtpTimeouts } from '../smtp/session.js';
import { isProxyError, type ProxyStage } from '../smtp/socks5-connect.js';
import type { TlsInfo } from '../smtp/tls-info.js';
import type { TranscriptEntry } from '../smtp/transcript.js';
import { type AuthLog, type AuthMechanism, decorateAuth, type OAuthError, type Secrets } from './auth.js';
import { type AuthRequest, type AuthUsed, authStage } from './auth-stage.js';
import { type ChunkRefusal, sendChunked, transferMs } from './chunking.js';
import { type DsnRequest, dsnMailParams, dsnRcptParams } from './dsn.js';
import type { BuiltMessage } from './message.js';
import { parseQueueId } from './queue-id.js';
import { type WireMessage, wireMessage } from './wire.js';

export const STAGES = ['connect', 'greeting', 'ehlo', 'tls', 'auth', 'mail', 'rcpt', 'data', 'done'] as const;
export type Stage = (typeof STAGES)[number];
/** Where --quit-after/--drop-after stop; 'data' is after DATA's 354, 'dot' after the message was accepted. */
export const STOP_POINTS = ['connect', 'ehlo', 'tls', 'auth', 'mail', 'rcpt', 'data', 'dot'] as const;
export type StopPoint = (typeof STOP_POINTS)[number];
export const QUIT_AFTER = ['connect', 'ehlo', 'tls', 'auth', 'mail', 'rcpt', 'data'] as const;
export type QuitAfter = (typeof QUIT_AFTER)[number];
/** auto: STARTTLS when offered; starttls: required; implicit: TLS on connect (465); none: never. */
export type TlsMode = 'auto' | 'starttls' | 'implicit' | 'none';

export type FailureKind =
  | 'connect-failed'
  | 'tls-required'
  | 'tls-failed'
  | 'auth-failed'
  | 'auth-not-offered'
  | 'sender-rejected'
  | 'recipient-rejected'
  | 'data-rejected'
  | 'smtputf8-not-offered'
  | 'unsolicited-reply'
  | 'proxy-failed';

export interface SendPlan {
  host: string;
  port: number;
  /** Name the certificate must carry (default: host). */
  servername?: string;
  family?: 4 | 6;
  /** --local-address: the address to connect from. */
  localAddress?: string;
  /** --proxy: connect through this SOCKS5 proxy. */
  proxy?: SocksProxy;
  tlsMode: TlsMode;
  ca?: string;
  /** --tls-cert/--tls-key, --tls-min/--tls-max (src/smtp/tls-client.ts). */
  tlsClient?: ConnectionOptions;
  insecure: boolean;
  /** --auth/--user: a mechanism, or 'auto' for the best one the server offers (auth-choice.ts). */
  auth?: AuthRequest;
  secrets?: Secrets;
  allowPlaintextAuth: boolean;
  /** Default: this machine's FQDN or an address literal (RFC 5321 §4.1.4). */
  heloName?: string;
  from: string;
  to: string[];
  message: BuiltMessage;
  quitAfter?: QuitAfter;
  /** --drop-after: close the TCP connection without QUIT after this point (server behaviour tests). */
  dropAfter?: StopPoint;
  /** Send with BDAT when the server offers CHUNKING (RFC 3030); false: always DATA (--no-chunking). */
  chunking?: boolean;
  /** Group MAIL, RCPT and DATA when the server offers PIPELINING (RFC 2920); false: one at a time (--no-pipelining). */
  pipelining?: boolean;
  /** Delivery status notifications asked for (--dsn-notify/--dsn-ret). */
  dsn?: DsnRequest;
  timeouts: SmtpTimeouts;
  onStage?: (stage: Stage) => void;
}

export interface RecipientResult {
  address: string;
  accepted: boolean;
  reply: string;
}

export interface SendFailure {
  kind: FailureKind;
  stage: Stage;
  /** The server's refusal, when there was one. */
  reply?: Reply;
  /** What went wrong, in words (for failures without a reply: timeouts, resets, bad certificates). */
  message: string;
  /** Where the SOCKS proxy failed, and its reply code (kind proxy-failed). */
  proxy?: { stage: ProxyStage; reply?: number };
}

export interface SendOutcome {
  server: string;
  /** Where the session ended: the failing stage, the --quit-after stage, or 'done'. */
  stage: Stage;
  failure?: SendFailure;
  stoppedAfter?: StopPoint;
  /** --drop-after: where the connection was closed without QUIT. */
  dropped?: StopPoint;
  /** The message is larger than the SIZE the server advertised (RFC 1870); it was sent anyway. */
  sizeOverLimit?: { bytes: number; limit: number };
  /** The message went with BDAT (CHUNKING, RFC 3030) rather than DATA. */
  chunked?: boolean;
  /** MAIL, RCPT (and DATA) went as one group (PIPELINING, RFC 2920). */
  pipelined?: boolean;
  /** The server refused a BDAT chunk: which one, and how much of the message it had taken. */
  chunkRefused?: ChunkRefusal;
  /** DATA's 354 reply (--quit-after data: the server would take a message). */
  dataReply?: string;
  /** MAIL FROM carried SMTPUTF8 (RFC 6531): UTF-8 in the envelope or the headers. */
  smtputf8?: boolean;
  queueId?: string;
  finalReply?: Reply;
  recipients: RecipientResult[];
  tls?: TlsInfo;
  authenticated: boolean;
  capabilities?: Capabilities;
  messageBytes: number;
  /** Opportunistic TLS went ahead with a certificate that does not verify. */
  tlsProblem?: string;
  /** What is wrong with the server's certificate, one entry per fault (unless --insecure). */
  certFaults?: CertFault[];
  /** The DSN request, and whether the server offered DSN (without it the request was left out). */
  dsn?: DsnRequest & { offered: boolean };
  /** STARTTLS was offered, then refused (e.g. "454 4.7.0 TLS not available"); the session went on in clear. */
  tlsRefused?: string;
  /** The AUTH mechanism used, and the server's decoded OAuth error when it refused a token. */
  authMechanism?: AuthMechanism;
  /** How the mechanism was chosen: --auth, or from what the server offers (--user alone). */
  auth?: AuthUsed;
  oauthError?: OAuthError;
  /** 8-bit message data went to a server that does not offer 8BITMIME (RFC 6152). */
  eightBitWithout8BitMime?: boolean;
  notes: string[];
  transcript: TranscriptEntry[];
}

class Stop extends Error {
  constructor(readonly failure: SendFailure) {
    super(failure.message);
  }
}

/** The kind of failure an error at each stage means when there is no refusal to classify. */
const KIND_AT: Record<Stage, FailureKind> = {
  connect: 'connect-failed',
  greeting: 'connect-failed',
  ehlo: 'connect-failed',
  tls: 'tls-failed',
  auth: 'auth-failed',
  mail: 'sender-rejected',
  rcpt: 'recipient-rejected',
  data: 'data-rejected',
  done: 'data-rejected',
};

const nonAscii = (s: string) => /[^\x00-\x7f]/.test(s);

/** The kind of failure a session error means at a stage. */
function errorKind(code: string, stage: Stage): FailureKind {
  if (code === 'tls-error') return 'tls-failed';
  if (code === 'unsolicited-reply') return 'unsolicited-reply';
  if (code === 'proxy') return 'proxy-failed';
  return KIND_AT[stage];
}

/** A refusal's kind: "530 5.7.0 Must issue a STARTTLS command first" means TLS, whatever the stage. */
function kindOf(stage: Stage, reply: Reply): FailureKind {
  const text = replyText(reply);
  if (reply.code === 530 && /STARTTLS|\bTLS\b|encrypt/i.test(text)) return 'tls-required';
  if ((reply.code === 552 || reply.enhanced === '5.3.4') && stage === 'mail') return 'data-rejected';
  return KIND_AT[stage];
}

/** `wire` builds the message's DATA or BDAT form on demand (tests watch which one). */
export async function sendTest(
  plan: SendPlan,
  wire: WireMessage = wireMessage(plan.message),
): Promise<SendOutcome> {
  const server = plan.host.includes(':') ? `[${plan.host}]:${plan.port}` : `${plan.host}:${plan.port}`;
  const redact = plan.secrets ? (line: string) => plan.secrets!.scrub(line) : undefined;
  const session = new SmtpSession({
    host: plan.host,
    port: plan.port,
    servername: plan.servername,
    family: plan.family,
    localAddress: plan.localAddress,
    proxy: plan.proxy,
    implicitTls: plan.tlsMode === 'implicit',
    tls: { ...trustingCa(plan.ca), ...plan.tlsClient },
    // A big --size or --attach message takes its time on a slow uplink: one more second of
    // session per 100 kB (800 kbit/s), on top of the deadline for the conversation itself.
    timeouts: {
      ...plan.timeouts,
      deadline: plan.timeouts.deadline + transferMs(wire.dataBytes),
    },
    redact,
  });
  const out: SendOutcome = {
    server,
    stage: 'connect',
    recipients: [],
    authenticated: false,
    messageBytes: wire.dataBytes,
    notes: [],
    transcript: [],
  };
  const authLog: AuthLog = { from: 0, shown: [] };
  const enter = (s: Stage) => {
    out.stage = s;
    plan.onStage?.(s);
  };
  const stopHere = (q: StopPoint) => plan.quitAfter === q || plan.dropAfter === q;
  /** Set while the server reads message text (after 354): leaving then means closing. */
  let abandon = false;
  const refuse = (reply: Reply, message: string): never => {
    const kind = kindOf(out.stage, reply);
    const why =
      kind === 'tls-required'
        ? `the server wants STARTTLS before ${out.stage.toUpperCase()}`
        : kind === 'data-rejected' && out.stage === 'mail'
          ? `the server refused the message size declared in MAIL FROM (SIZE=${out.messageBytes})`
          : message;
    throw new Stop({ kind, stage: out.stage, reply, message: why });
  };

  try {
    enter('connect');
    await session.connect();
    if (session.tls) checkCertificate(session.tls, plan, out);
    enter('greeting');
    const greeting = await session.greeting();
    if (greeting.code !== 220) refuse(greeting, 'the server refused the connection in its greeting');
    if (stopHere('connect')) return await finish('connect');

    enter('ehlo');
    const heloName = plan.heloName ?? (await session.localName());
    const hello = await session.hello(heloName);
    const helloReply = hello.helo ?? hello.ehlo;
    if (helloReply.code !== 250) refuse(helloReply, 'the server refused EHLO and HELO');
    out.capabilities = session.capabilities;
    if (stopHere('ehlo')) return await finish('ehlo');

    if (plan.tlsMode === 'starttls' || (plan.tlsMode === 'auto' && session.capabilities?.starttls)) {
      enter('tls');
      if (!session.capabilities?.starttls) {
        throw new Stop({ kind: 'tls-failed', stage: 'tls', message: 'the server does not offer STARTTLS' });
      }
      const r = await session.starttls();
      // Opportunistic TLS refused (RFC 3207 §4: the client decides): carry on in clear, as MTAs
      // do; a password still never goes out unencrypted (the AUTH stage checks).
      // 421 is the server closing the session, not a refusal of TLS alone.
      if (r.code !== 220 && r.code !== 421 && plan.tlsMode === 'auto') out.tlsRefused = replyText(r);
      else {
        if (r.code !== 220) refuse(r, 'the server refused STARTTLS');
        checkCertificate(session.tls!, plan, out);
        const again = await session.ehlo(heloName);
        if (again.code !== 250) refuse(again, 'the server refused EHLO after STARTTLS');
        out.capabilities = session.capabilities;
      }
    }
    out.tls = session.tls;
    if (stopHere('tls')) return await finish('tls');

    if (plan.auth && plan.secrets) {
      enter('auth');
      if (!session.isTls && !plan.allowPlaintextAuth) {
        throw new Stop({
          kind: 'tls-failed',
          stage: 'auth',
          message: `the connection is not encrypted${
            out.tlsRefused ? ` (the server answered STARTTLS with "${out.tlsRefused}")` : ''
          }, so AUTH would send the ${plan.auth.credential} readable to anyone on the path`,
        });
      }
      const res = await authStage(session, plan.auth, plan.secrets.password, authLog);
      out.auth = res.used;
      if (res.used.mechanism) out.authMechanism = res.used.mechanism;
      if (res.oauthError) out.oauthError = res.oauthError;
      if (res.notOffered) {
        throw new Stop({
          kind: 'auth-not-offered',
          stage: 'auth',
          ...(res.notOffered.reply ? { reply: res.notOffered.reply } : {}),
          message: res.notOffered.message,
        });
      }
      if (res.refused) refuse(res.refused.reply, res.refused.message);
      if (res.ok?.note) out.notes.push(res.ok.note);
      out.authenticated = true;
    }
    if (stopHere('auth')) return await finish('auth');

    enter('mail');
    const caps = session.capabilities;
    // BDAT sends the message as it is (no dot-stuffing); --quit-after/--drop-after data need DATA's 354.
    const chunked =
      !!caps?.chunking && plan.chunking !== false && plan.quitAfter !== 'data' && plan.dropAfter !== 'data';
    // Only the form this transaction sends is built: never both copies of a big message.
    const body = chunked ? wire.bdat() : wire.data();
    out.messageBytes = body.length;
    const utf8 = nonAscii([plan.from, ...plan.to].join('')) || plan.message.utf8Headers;
    if (utf8 && !caps?.smtputf8) {
      throw new Stop({
        kind: 'smtputf8-not-offered',
        stage: 'mail',
        message: `the ${
          nonAscii([plan.from, ...plan.to].join(''))
            ? 'envelope has a UTF-8 address'
            : 'message has UTF-8 headers'
        }, which needs SMTPUTF8, and the server does not offer SMTPUTF8 in its EHLO reply; nothing was sent`,
      });
    }
    const params: string[] = [];
    if (caps?.size !== undefined) {
      params.push(`SIZE=${body.length}`);
      if (caps.size > 0 && body.length > caps.size)
        out.sizeOverLimit = { bytes: body.length, limit: caps.size };
    }
    if (plan.message.eightBit && caps?.eightBitMime) params.push('BODY=8BITMIME');
    if (utf8) {
      params.push('SMTPUTF8');
      out.smtputf8 = true;
    }
    // DSN parameters only where offered: a server without the extension refuses them (555).
    const dsn = plan.dsn && caps?.dsn ? plan.dsn : undefined;
    if (plan.dsn) out.dsn = { ...plan.dsn, offered: !!caps?.dsn };
    if (dsn) params.push(...dsnMailParams(dsn));
    const mailLine = `MAIL FROM:<${plan.from}>${params.map((p) => ` ${p}`).join('')}`;
    const rcptLines = plan.to.map(
      (address) =>
        `RCPT TO:<${address}>${
          dsn
            ? dsnRcptParams(dsn, address)
                .map((p) => ` ${p}`)
                .join('')
            : ''
        }`,
    );
    // PIPELINING (RFC 2920): MAIL, every RCPT and DATA as one group, replies read in order and
    // paired with their commands; without it, one command at a time.
    const group = [
      mailLine,
      ...(stopHere('mail') ? [] : rcptLines),
      ...(stopHere('mail') || stopHere('rcpt') || chunked ? [] : ['DATA']),
    ];
    out.pipelined = !!caps?.pipelining && plan.pipelining !== false && group.length > 1;
    if (caps?.pipelining && plan.pipelining === false && group.length > 1)
      session.transcript.note(
        'PIPELINING offered but not used (--no-pipelining): one command, then its reply',
      );
    if (out.pipelined)
      session.transcript.note(`PIPELINING: ${group.length} commands in one write; replies read in order`);
    const readNext = out.pipelined ? session.writeGroup(group) : undefined;
    const next = async (line: string) => {
      const r = await (readNext ? readNext() : session.command(line));
      // DATA's 354 puts the server in message mode: leaving now means closing, not QUIT.
      if (line === 'DATA' && r.code === 354) abandon = true;
      return r;
    };

    const mail = await next(mailLine);
    if (mail.code !== 250) refuse(mail, 'the server refused the sender');
    if (stopHere('mail')) return await finish('mail');

    enter('rcpt');
    for (const [i, address] of plan.to.entries()) {
      const r = await next(rcptLines[i]!);
      out.recipients.push({ address, accepted: r.code === 250 || r.code === 251, reply: replyText(r) });
    }
    const firstRefusal = out.recipients.find((r) => !r.accepted);
    if (!out.recipients.some((r) => r.accepted)) {
      throw new Stop({
        kind: 'recipient-rejected',
        stage: 'rcpt',
        message: 'the server refused every recipient',
        reply: storedReply(firstRefusal?.reply),
      });
    }
    if (stopHere('rcpt')) return await finish('rcpt');

    enter('data');
    let final: Reply;
    if (chunked) {
      out.chunked = true;
      const sent = await sendChunked(
        session,
        body,
        Math.max(plan.timeouts.reply, 30_000),
        plan.timeouts.reply,
      );
      final = sent.reply;
      if (sent.refused) {
        out.chunkRefused = sent.refused;
        out.finalReply = final;
        refuse(final, chunkRefusalMessage(sent.refused));
      }
    } else {
      const data = await next('DATA');
      if (data.code !== 354)
        refuse(
          data,
          data.code < 400
            ? `the server answered DATA with ${data.code} where 354 (send the message) was expected (RFC 5321 §4.3.2), so no message text was sent`
            : 'the server refused DATA',
        );
      // After 354 everything is message text, RSET and QUIT included: the only way out without a
      // message is to close the connection, and the server discards what it has (RFC 5321 §3.8).
      out.dataReply = replyText(data);
      if (stopHere('data')) return await finish('data');
      // The body bypasses the one-line command check (it is CRLF text by nature); the closing "."
      // is an ordinary command so it shows in the transcript, as in the book's session.
      session.writeRaw(body);
      final = await session.command('.', { timeout: Math.max(plan.timeouts.reply, 30_000) });
      abandon = false;
    }
    if (plan.message.eightBit && !session.capabilities?.eightBitMime) out.eightBitWithout8BitMime = true;
    out.finalReply = final;
    if (final.code !== 250) refuse(final, 'the server refused the message after DATA');
    out.queueId = parseQueueId(replyText(final));
    return await finish('done');
  } catch (e) {
    if (e instanceof Stop) out.failure = e.failure;
    else if (isSmtpError(e)) {
      const kind = errorKind(e.code, out.stage);
      out.failure = { kind, stage: out.stage, message: e.message };
      if (isProxyError(e))
        out.failure.proxy = { stage: e.stage, ...(e.reply !== undefined ? { reply: e.reply } : {}) };
    } else throw e;
    await leave();
    return done();
  }

  async function finish(stage: StopPoint | 'done'): Promise<SendOutcome> {
    if (stage !== 'done') out.stoppedAfter = stage;
    else out.stage = 'done';
    const at = stage === 'done' ? 'dot' : stage;
    if (plan.dropAfter === at) {
      out.dropped = at;
      session.transcript.note(`closing the connection without QUIT (--drop-after ${at})`);
      session.close();
    } else await leave();
    return done();
  }

  /** QUIT, unless a 354 put the server in message mode: then QUIT would be message text, so close. */
  async function leave(): Promise<void> {
    if (!abandon) return session.quit();
    session.transcript.note('closing the connection: after 354 a QUIT would be taken as message text');
    session.close();
  }

  function done(): SendOutcome {
    out.tls = out.tls ?? session.tls;
    out.transcript = decorateAuth(session.transcript.entries, authLog);
    return out;
  }
}

/** "the server refused BDAT chunk 2 of 3 …": where in the message, and what it means for the rest. */
function chunkRefusalMessage(r: ChunkRefusal): string {
  if (r.chunks === 1) return `the server refused the message, sent whole with BDAT ${r.chunkBytes} LAST`;
  const before =
    r.chunk === 1
      ? 'before it took any of the message'
      : `after accepting ${r.bytesAccepted} bytes in ${r.chunk - 1} chunk${r.chunk === 2 ? '' : 's'}`;
  return `the server refused BDAT chunk ${r.chunk} of ${r.chunks} (${r.chunkBytes} bytes; ${r.bytesSent} of the message's ${r.totalBytes} bytes sent by then) ${before}. A refused chunk fails the whole transaction: the server discards what it took, and mailflow sent no further chunks (RFC 3030 §4.2)`;
}

/** The reply text we stored per recipient, back as a Reply (for the NDR explainer). */
export function storedReply(text: string | undefined): Reply | undefined {
  if (!text) return undefined;
  try {
    return parseReply(text);
  } catch {
    return undefined;
  }
}

/**
 * Host name and chain must verify unless --insecure (a private CA comes in with --ca). Opportunistic
 * STARTTLS without AUTH carries on, as MTAs do (RFC 7435), and reports it; a password never goes out.
 */
function checkCertificate(tls: TlsInfo, plan: SendPlan, out: SendOutcome): void {
  if (plan.insecure) return;
  const faults = certFaults(tls);
  if (!faults.length) return;
  out.certFaults = faults;
  const message = `the server's certificate is not trusted: ${faults.map((f) => f.message).join('; ')}`;
  if (plan.tlsMode === 'auto' && !plan.auth) {
    out.tlsProblem = message;
    return;
  }
  throw new Stop({ kind: 'tls-failed', stage: 'tls', message });
}

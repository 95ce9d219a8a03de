// The open-relay test's I/O against one target: find the best server that greets us, then try
// each variant without authenticating — MAIL, RCPT, RSET — and never DATA, so nothing is ever
// sent. Returns what happened (RelayFacts); judge.ts gives the verdict.

import { randomBytes } from 'node:crypto';
import type { ConnectionOptions } from 'node:tls';
import { ipLiteralOf, type Resolver, resolveTarget } from '../../dns/index.js';
import { canonicalName } from '../../dns/wire-name.js';
import { isSmtpError, type SmtpError } from '../../smtp/errors.js';
import type { SocksProxy } from '../../smtp/proxy-url.js';
import { isPositive, replyText } from '../../smtp/reply.js';
import { SmtpSession, type SmtpTimeouts } from '../../smtp/session.js';
import { isProxyError, type ProxyError } from '../../smtp/socks5-connect.js';
import type { TranscriptEntry } from '../../smtp/transcript.js';
import { canaryVariant, type RelayAddresses, type RelayVariant, relayVariants } from './variants.js';

export interface RelayOptions {
  resolver: Resolver;
  family?: 4 | 6;
  /** Port when the target names none. */
  port: number;
  /** EHLO name; default: this machine's FQDN or an address literal. */
  helo?: string;
  /** Use STARTTLS when offered, so the policy behind TLS is what gets tested. */
  tls: boolean;
  /** --tls-cert/--tls-key, --tls-min/--tls-max (relay rights may come with a client certificate). */
  tlsClient?: ConnectionOptions;
  timeouts: SmtpTimeouts;
  addresses: RelayAddresses;
  /** Connect through this SOCKS5 proxy (--proxy). */
  proxy?: SocksProxy;
  progress(text: string): void;
}

export interface RelayTarget {
  /** As the user gave it. */
  raw: string;
  host: string;
  port?: number;
}

export interface Endpoint {
  host: string;
  address: string;
  port: number;
}

export interface AttemptResult {
  variant: RelayVariant;
  /** MAIL FROM reply ("250 2.1.0 Ok"), when it was sent. */
  mail?: string;
  /** RCPT TO reply, when MAIL was accepted. */
  rcpt?: string;
  /** A network error instead of a reply. */
  error?: string;
}

/** What the test found out, unjudged. */
export type RelayFacts =
  | {
      kind: 'tested';
      endpoint: Endpoint;
      results: AttemptResult[];
      /** The attempt to a recipient at a domain that cannot exist, when one was made. */
      canary?: AttemptResult;
      ownDomain?: string;
      /** The SOCKS proxy the sessions went through (--proxy), as shown. */
      proxy?: string;
      transcript: TranscriptEntry[];
    }
  /** No server answered: why, per server tried. */
  | { kind: 'unreachable'; tried: string; transcript: TranscriptEntry[] }
  /** The SOCKS proxy, not a mail server, failed. */
  | { kind: 'proxy-error'; error: ProxyError; tried: string; transcript: TranscriptEntry[] }
  /** DNS named no server at all: nothing was connected to. */
  | { kind: 'no-server'; target: string; why: string }
  /** The domain publishes a null MX (RFC 7505). */
  | { kind: 'null-mx'; target: string; server: string };

type Attempts = { results: AttemptResult[]; canary?: AttemptResult; ownDomain?: string };

/** Sessions we open at most per server: one, plus reconnects when the server hangs up on us. */
const MAX_SESSIONS = 3;
/** Servers (MX addresses) tried in turn for one target. */
const MAX_ENDPOINTS = 10;

export async function relayTest(target: RelayTarget, opts: RelayOptions): Promise<RelayFacts> {
  const port = target.port ?? opts.port;
  const literal = ipLiteralOf(target.host);
  let endpoints: Endpoint[];
  let ownDomain = opts.addresses.ownDomain;
  if (literal) {
    endpoints = [{ host: target.host, address: literal, port }];
  } else if (target.port !== undefined) {
    // host:port names one server: its own addresses, through mailflow's resolver (--dns), never the system's.
    const found = await opts.resolver.addresses(target.host, opts.family);
    endpoints = found.addresses.map((a) => ({ host: target.host, address: a, port }));
    if (!endpoints.length)
      return {
        kind: 'no-server',
        target: target.raw,
        why: `${target.host} has no address (${found.v4?.error ?? found.v6?.error ?? found.outcome})`,
      };
  } else {
    const resolved = await resolveTarget(opts.resolver, target.host, { family: opts.family });
    endpoints = resolved.servers.flatMap((s) => s.addresses.map((a) => ({ host: s.host, address: a, port })));
    if (resolved.kind === 'domain') ownDomain ??= canonicalName(target.host);
    if (resolved.nullMx && !endpoints.length)
      return { kind: 'null-mx', target: target.raw, server: resolved.server };
    if (!endpoints.length)
      return {
        kind: 'no-server',
        target: target.raw,
        why: resolved.error ?? `${target.host} has no address`,
      };
  }
  const transcript: TranscriptEntry[] = [];
  const tried: string[] = [];
  let proxyFailed: ProxyError | undefined;
  let serverFailed = false; // a server was reached (through the proxy) and failed on its own
  // The best reachable server: MX order, first one that greets us.
  for (const ep of endpoints.slice(0, MAX_ENDPOINTS)) {
    opts.progress(`relay: ${ep.host} [${ep.address}]:${ep.port}`);
    const run = await attempts(ep, ownDomain, opts, transcript);
    if ('failed' in run) {
      tried.push(`${ep.host === ep.address ? '' : `${ep.host} `}[${ep.address}]:${ep.port}: ${run.failed}`);
      if (!run.proxy) {
        serverFailed = true;
        continue;
      }
      proxyFailed = run.proxy;
      // A proxy that cannot be reached, or refuses us, fails every address alike (as in send and session).
      if (run.proxy.stage !== 'target') break;
      continue;
    }
    return {
      kind: 'tested',
      endpoint: ep,
      ...run,
      ...(opts.proxy ? { proxy: opts.proxy.label } : {}),
      transcript,
    };
  }
  // The proxy is blamed only when no server got as far as answering: otherwise it is the servers'.
  if (proxyFailed && !serverFailed)
    return { kind: 'proxy-error', error: proxyFailed, tried: tried.join('; '), transcript };
  return { kind: 'unreachable', tried: tried.join('; '), transcript };
}

/** Connect, EHLO, opportunistic STARTTLS (so the policy behind TLS is what gets tested). */
async function open(ep: Endpoint, opts: RelayOptions, keep: (s: SmtpSession) => void) {
  const s = new SmtpSession({
    host: ep.address,
    port: ep.port,
    servername: ep.host,
    family: opts.family,
    timeouts: opts.timeouts,
    ...(opts.tlsClient ? { tls: opts.tlsClient } : {}),
    ...(opts.proxy ? { proxy: opts.proxy } : {}),
  });
  keep(s);
  await s.connect();
  const greeting = await s.greeting();
  if (greeting.code !== 220) throw new Error(`greeting ${replyText(greeting)}`);
  const name = opts.helo ?? (await s.localName());
  const hello = await s.hello(name);
  if ((hello.helo ?? hello.ehlo).code !== 250)
    throw new Error(`EHLO/HELO refused: ${replyText(hello.helo ?? hello.ehlo)}`);
  if (opts.tls && s.capabilities?.starttls && (await s.starttls()).code === 220) await s.ehlo(name);
  return s;
}

async function attempts(
  ep: Endpoint,
  ownDomainIn: string | undefined,
  opts: RelayOptions,
  transcript: TranscriptEntry[],
): Promise<Attempts | { failed: string; proxy?: ProxyError }> {
  let session: SmtpSession | undefined;
  let sessions = 0;
  let ownDomain = ownDomainIn;
  const opened: SmtpSession[] = [];
  // Why the last session ended early: the server hanging up, or one of mailflow's own limits.
  let lost: SmtpError | undefined;
  const connect = async (): Promise<string | undefined> => {
    session?.close();
    session = undefined;
    if (sessions++ >= MAX_SESSIONS) return gaveUp(lost, MAX_SESSIONS, opts.timeouts);
    try {
      session = await open(ep, opts, (s) => opened.push(s));
      // A host name in the greeting tells us the server's own domain (mx.example.com → example.com).
      ownDomain ??= domainFromGreeting(session.capabilities?.greetingName ?? session.greetingReply?.lines[0]);
      return undefined;
    } catch (e) {
      opened[opened.length - 1]?.close();
      session = undefined;
      if (isSmtpError(e)) {
        lost = e;
        return lostReason(e, opts.timeouts);
      }
      return e instanceof Error ? e.message : String(e);
    }
  };
  // Every session's lines, in order, whatever happens below.
  const collect = () => transcript.push(...opened.flatMap((s) => s.transcript.entries));
  const first = await connect();
  if (first) {
    collect();
    return { failed: first, ...(isProxyError(lost) ? { proxy: lost } : {}) };
  }

  const one = async (variant: RelayVariant): Promise<AttemptResult> => {
    for (let tries = 0; tries < 2; tries++) {
      if (!session) {
        const err = await connect();
        if (err) return { variant, error: err };
      }
      const s = session!;
      try {
        const mailReply = await s.command(`MAIL FROM:<${variant.from}>`);
        const mail = replyText(mailReply);
        let rcpt: string | undefined;
        if (isPositive(mailReply)) rcpt = replyText(await s.command(`RCPT TO:<${variant.to}>`));
        await s.command('RSET');
        return { variant, mail, rcpt };
      } catch (e) {
        if (!isSmtpError(e)) throw e;
        session = undefined;
        lost = e;
        if (tries === 1) return { variant, error: lostReason(e, opts.timeouts) };
      }
    }
    return { variant, error: 'not tried' };
  };
  const base = opts.addresses;
  const results: AttemptResult[] = [];
  for (const v of relayVariants({ ...base, ownDomain })) results.push(await one(v));
  const canary = results.some((r) => r.rcpt?.startsWith('25'))
    ? await one(canaryVariant(base, randomBytes(4).toString('hex')))
    : undefined;
  await session?.quit();
  collect();
  return { results, canary, ownDomain };
}

/** A lost session in words that blame the right side: mailflow's own deadline is not the server's doing. */
export function lostReason(e: SmtpError, t: SmtpTimeouts): string {
  if (e.code === 'deadline')
    return `mailflow's own ${t.deadline / 1000} s session deadline ran out (the server answers slowly; it did not close the connection)`;
  if (e.code === 'reply-timeout') return `no reply within ${t.reply / 1000} s (mailflow's --timeout)`;
  return e.message;
}

export function gaveUp(lost: SmtpError | undefined, sessions: number, t: SmtpTimeouts): string {
  if (!lost || lost.code === 'closed') return `the server closed the connection ${sessions} times`;
  return `gave up after ${sessions} sessions: ${lostReason(lost, t)}`;
}

function domainFromGreeting(text: string | undefined): string | undefined {
  const name = text?.trim().split(/\s+/)[0]?.toLowerCase();
  if (!name || !/^[a-z0-9-]+(\.[a-z0-9-]+){2,}$/.test(name)) return undefined;
  return name.slice(name.indexOf('.') + 1);
}

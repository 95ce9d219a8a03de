// Probe one address on one port, the way the book's telnet test does: connect, read
// the greeting, say QUIT. The outcome names what happened in the words a person needs.
import type { ConnectionOptions } from 'node:tls';
import { isSmtpError, type SmtpError, type SmtpErrorCode } from '../../smtp/errors.js';
import type { SocksProxy } from '../../smtp/proxy-url.js';
import { formatReply } from '../../smtp/reply.js';
import { SmtpSession, type SmtpTimeouts } from '../../smtp/session.js';
import { isProxyError, type ProxyStage } from '../../smtp/socks5-connect.js';
import type { TlsInfo } from '../../smtp/tls-info.js';
import type { PortSpec } from './ports.js';

export const OUTCOMES = [
  'open', // 220 greeting (or, for non-SMTP ports, the TCP/TLS handshake succeeded)
  'refused', // RST: nothing listening, or a firewall that rejects
  'timeout', // no answer to the connection: packets dropped
  'banner-timeout', // connected, no complete greeting: tarpit or overloaded server
  'rejected', // 4xx/5xx greeting (421, 554): the server refuses us
  'tls-error', // the TLS handshake (implicit TLS ports) failed
  'closed', // the server hung up without (completing) a greeting
  'unreachable', // no route from this machine
  'bad-greeting', // a greeting that breaks the protocol (garbage, mismatched codes, huge lines)
  'proxy-error', // the SOCKS proxy (--proxy) failed or refused: nothing is known about the server
  'error', // anything else
] as const;
export type Outcome = (typeof OUTCOMES)[number];

export interface ProbeRecord {
  /** Exchanger (or host) name; the address itself for IP targets. */
  host: string;
  address: string;
  port: number;
  service: string;
  outcome: Outcome;
  connectMs?: number;
  tlsMs?: number;
  greetingMs?: number;
  /** The greeting as sent, one string per line ("220 mx.example.com ESMTP"). */
  greeting?: string[];
  code?: number;
  /** The host name the greeting announces (first word after the code). */
  bannerName?: string;
  error?: {
    code: SmtpErrorCode | string;
    message: string;
    partial?: string;
    /** Where the SOCKS proxy failed, and its reply code (outcome proxy-error). */
    proxyStage?: ProxyStage;
    socksReply?: number;
  };
  /** The SOCKS proxy the connection went through (`socks5://host:port`, no credentials). */
  proxy?: string;
  tls?: TlsInfo;
  transcript?: string[];
}

export interface ProbeAddressOptions {
  timeouts: SmtpTimeouts;
  /** TLS options for implicit-TLS ports (e.g. a private CA in tests). */
  tls?: ConnectionOptions;
  /** Keep the transcript in the record. */
  transcript?: boolean;
  /** Connect through this SOCKS5 proxy. */
  proxy?: SocksProxy;
}

const GARBLED: SmtpErrorCode[] = [
  'line-too-long',
  'reply-too-large',
  'too-many-lines',
  'code-mismatch',
  'malformed-reply',
  'unsolicited-reply',
];

export function outcomeFor(code: SmtpErrorCode | undefined, connected: boolean): Outcome {
  switch (code) {
    case 'connect-timeout':
      return 'timeout';
    case 'refused':
      return 'refused';
    case 'unreachable':
      return 'unreachable';
    case 'greeting-timeout':
      return 'banner-timeout';
    case 'deadline':
      return connected ? 'banner-timeout' : 'timeout';
    case 'tls-error':
      return 'tls-error';
    case 'proxy':
      return 'proxy-error';
    case 'closed':
    case 'reset':
      return connected ? 'closed' : 'refused';
    default:
      return code && GARBLED.includes(code) ? 'bad-greeting' : 'error';
  }
}

/** What a greeting's code means for reachability: 220 open, 4xx/5xx a refusal, anything else broken. */
export function greetingOutcome(code: number): Outcome {
  return code === 220 ? 'open' : code >= 400 ? 'rejected' : 'bad-greeting';
}

export async function probeAddress(
  target: { host: string; address: string; port: PortSpec },
  opts: ProbeAddressOptions,
): Promise<ProbeRecord> {
  const { host, address, port } = target;
  const rec: ProbeRecord = { host, address, port: port.port, service: port.name, outcome: 'error' };
  if (opts.proxy) rec.proxy = opts.proxy.label;
  const session = new SmtpSession({
    host: address,
    port: port.port,
    servername: host,
    implicitTls: port.kind === 'smtps' || port.kind === 'tls',
    timeouts: opts.timeouts,
    ...(opts.tls ? { tls: opts.tls } : {}),
    ...(opts.proxy ? { proxy: opts.proxy } : {}),
  });
  let connected = false;
  try {
    await session.connect();
    connected = true;
    if (session.tls) rec.tls = session.tls;
    if (port.kind === 'tcp' || port.kind === 'tls') {
      rec.outcome = 'open';
      return rec;
    }
    const greeting = await session.greeting();
    rec.greeting = formatReply(greeting);
    rec.code = greeting.code;
    const name = greeting.lines[0]?.trim().split(/\s+/)[0];
    if (name) rec.bannerName = name;
    rec.outcome = greetingOutcome(greeting.code);
    await session.quit();
    // Replies sent after the greeting before any command (outside PIPELINING) would be paired
    // with a real client's next commands: the greeting breaks SMTP even though it said 220.
    const stale = session.unsolicitedReply;
    if (stale) {
      rec.outcome = 'bad-greeting';
      rec.error = { code: stale.code, message: stale.message };
    }
  } catch (e) {
    if (!isSmtpError(e)) throw e;
    rec.outcome = outcomeFor(e.code, connected);
    rec.error = errorOf(e);
  } finally {
    session.close();
    Object.assign(rec, pickTimings(session));
    if (opts.transcript) rec.transcript = session.transcript.format();
  }
  return rec;
}

/** A session error as a record keeps it, with the proxy's stage and reply when the proxy failed. */
export function errorOf(e: SmtpError): NonNullable<ProbeRecord['error']> {
  return {
    code: e.code,
    message: e.message,
    ...(e.partial ? { partial: e.partial } : {}),
    ...(isProxyError(e)
      ? { proxyStage: e.stage, ...(e.reply !== undefined ? { socksReply: e.reply } : {}) }
      : {}),
  };
}

export function pickTimings(s: SmtpSession): Partial<ProbeRecord> {
  const t: Partial<ProbeRecord> = {};
  if (s.timings.connectMs !== undefined) t.connectMs = s.timings.connectMs;
  if (s.timings.tlsMs !== undefined) t.tlsMs = s.timings.tlsMs;
  if (s.timings.greetingMs !== undefined) t.greetingMs = s.timings.greetingMs;
  return t;
}

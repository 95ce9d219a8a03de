// Session settings: timeouts, TLS, limits, redaction. Plain data, shared by every caller.
import type { ConnectionOptions } from 'node:tls';
import type { SocksProxy } from './proxy-url.js';
import type { ReplyLimits } from './reply.js';
import type { Redactor, Transcript } from './transcript.js';

export interface SmtpTimeouts {
  /** TCP connect (and, for implicit TLS, the handshake), ms. */
  connect: number;
  /** From connected to the complete 220 greeting, ms. */
  greeting: number;
  /** For each complete reply after a command, ms. */
  reply: number;
  /** For the whole session, ms. */
  deadline: number;
}

/** `--timeout <s>` sets each step; the deadline leaves room for a full session of them. */
export function timeoutsFromSeconds(seconds: number): SmtpTimeouts {
  const ms = Math.round(seconds * 1000);
  return { connect: ms, greeting: ms, reply: ms, deadline: ms * 6 };
}

export interface SessionOptions {
  /** Address (or name) to connect to. */
  host: string;
  port: number;
  /** The host name we mean to reach: SNI and certificate name checks (default: host). */
  servername?: string;
  family?: 4 | 6;
  /** The address to connect from (relay rights often depend on it). */
  localAddress?: string;
  /** Connect through this SOCKS5 proxy (--proxy); `host` is then sent to the proxy. */
  proxy?: SocksProxy;
  /** TLS on connect (SMTPS, port 465, RFC 8314). */
  implicitTls?: boolean;
  /** Extra TLS options (e.g. `ca` for a private CA, `minVersion`). */
  tls?: ConnectionOptions;
  timeouts?: Partial<SmtpTimeouts>;
  limits?: Partial<ReplyLimits>;
  /** Applied to every line we send before it is recorded (AUTH secrets are always hidden). */
  redact?: Redactor;
  transcript?: Transcript;
}

/** Addresses of one host tried in turn before giving up: each silent one costs a whole timeout. */
export const MAX_ADDRESSES_PER_HOST = 4;

export interface SessionTimings {
  connectMs?: number;
  tlsMs?: number;
  greetingMs?: number;
}

export const DEFAULT_TIMEOUTS: SmtpTimeouts = {
  connect: 10_000,
  greeting: 10_000,
  reply: 10_000,
  deadline: 60_000,
};

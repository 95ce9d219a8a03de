// Fetches an MTA-STS policy the way RFC 8461 §3.3 says a sender must: HTTPS to
// mta-sts.<domain>, a certificate valid for that name, HTTP 200 only (no redirects),
// a size limit and a time limit. Names resolve through mailflow's own resolver.
import type { LookupAddress } from 'node:dns';
import { Agent, request } from 'undici';
import { trustingCa } from '../../smtp/ca-file.js';
import { POLICY_MAX_BYTES } from './parse.js';

export interface FetchOptions {
  /** HTTPS port (443; tests use a loopback port). */
  port?: number;
  /** Extra trusted CA certificates (PEM), added to the system's roots. */
  ca?: string;
  timeoutMs: number;
  /** Resolve a host name to addresses (mailflow's DNS client); default: the system's. */
  resolve?: (host: string) => Promise<{ address: string; family: 4 | 6 }[]>;
}

export type FetchProblem = 'dns' | 'connect' | 'tls' | 'status' | 'redirect' | 'size' | 'timeout' | 'http';

export interface FetchResult {
  url: string;
  ok: boolean;
  status?: number;
  contentType?: string;
  body?: string;
  problem?: FetchProblem;
  error?: string;
  ms: number;
}

type LookupCallback = (
  err: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

function lookupVia(resolve: NonNullable<FetchOptions['resolve']>) {
  return (host: string, opts: { all?: boolean }, cb: LookupCallback) => {
    resolve(host).then(
      (addrs) => {
        if (addrs.length === 0) {
          const err: NodeJS.ErrnoException = new Error(`${host} has no address`);
          err.code = 'ENOTFOUND';
          return cb(err, '');
        }
        if (opts.all) return cb(null, addrs);
        cb(null, addrs[0]!.address, addrs[0]!.family);
      },
      (err) => cb(err, ''),
    );
  };
}

const TLS_CODES = /CERT|SELF_SIGNED|ALTNAME|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|ERR_SSL|EPROTO|HOSTNAME/;

function classify(err: unknown): { problem: FetchProblem; error: string } {
  const e = err as { code?: string; message?: string; cause?: { code?: string; message?: string } };
  const code = e.code ?? e.cause?.code ?? '';
  const message = e.cause?.message ?? e.message ?? String(err);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return { problem: 'dns', error: message };
  if (TLS_CODES.test(code) || /certificate|SSL|TLS/i.test(message))
    return { problem: 'tls', error: `${code} ${message}`.trim() };
  if (/TIMEOUT|AbortError|TimeoutError/i.test(`${code} ${(err as Error)?.name}`))
    return { problem: 'timeout', error: message };
  if (code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === 'EHOSTUNREACH')
    return { problem: 'connect', error: `${code} ${message}` };
  return { problem: 'http', error: `${code} ${message}`.trim() };
}

export function policyUrl(domain: string, port?: number): string {
  return `https://mta-sts.${domain}${port && port !== 443 ? `:${port}` : ''}/.well-known/mta-sts.txt`;
}

export async function fetchPolicy(domain: string, opts: FetchOptions): Promise<FetchResult> {
  const url = policyUrl(domain, opts.port);
  const started = performance.now();
  const connect: Record<string, unknown> = { timeout: opts.timeoutMs };
  if (opts.ca) Object.assign(connect, trustingCa(opts.ca));
  if (opts.resolve) connect.lookup = lookupVia(opts.resolve);
  const agent = new Agent({
    connect,
    headersTimeout: opts.timeoutMs,
    bodyTimeout: opts.timeoutMs,
    connections: 1,
  });
  const signal = AbortSignal.timeout(opts.timeoutMs);
  const done = (r: Omit<FetchResult, 'url' | 'ms'>): FetchResult => ({
    url,
    ms: Math.round(performance.now() - started),
    ...r,
  });
  try {
    const res = await request(url, { dispatcher: agent, signal, headers: { accept: 'text/plain' } });
    const contentType = String(res.headers['content-type'] ?? '');
    if (res.statusCode !== 200) {
      await res.body.dump().catch(() => {});
      const location = res.headers.location;
      if (res.statusCode >= 300 && res.statusCode < 400) {
        return done({
          ok: false,
          status: res.statusCode,
          problem: 'redirect',
          error: `HTTP ${res.statusCode} redirect to ${location ?? '(no Location)'}`,
        });
      }
      return done({ ok: false, status: res.statusCode, problem: 'status', error: `HTTP ${res.statusCode}` });
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of res.body) {
      size += (chunk as Buffer).length;
      if (size > POLICY_MAX_BYTES) {
        res.body.destroy();
        return done({
          ok: false,
          status: 200,
          contentType,
          problem: 'size',
          error: `policy is larger than ${POLICY_MAX_BYTES} bytes`,
        });
      }
      chunks.push(chunk as Buffer);
    }
    return done({ ok: true, status: 200, contentType, body: Buffer.concat(chunks).toString('utf8') });
  } catch (err) {
    if (signal.aborted)
      return done({ ok: false, problem: 'timeout', error: `no complete answer within ${opts.timeoutMs} ms` });
    return done({ ok: false, ...classify(err) });
  } finally {
    await agent.destroy().catch(() => {});
  }
}

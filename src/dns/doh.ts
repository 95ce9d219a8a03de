// DNS-over-HTTPS (RFC 8484): the wire-format query POSTed as application/dns-message, or sent
// with GET (?dns=<base64url>) when a server refuses POST. undici is loaded only when DoH is used.
import type { Raw } from './transport.js';
import type { RRType } from './types.js';
import { decodeReply, encodeQuery } from './wire.js';

/** Largest DNS message there is (a 16-bit length); a bigger body is not DNS. */
const MAX_MESSAGE = 65535;

type Request = typeof import('undici').request;
let requestFn: Promise<Request> | undefined;

/** undici is CommonJS: bundlers may hand its exports over as `default` only. */
function loadRequest(): Promise<Request> {
  requestFn ??= import('undici').then((m) => {
    const mod = m as unknown as { request?: Request; default?: { request?: Request } };
    const fn = mod.request ?? mod.default?.request;
    if (!fn) throw new Error('undici.request is missing');
    return fn;
  });
  return requestFn;
}

interface HttpReply {
  status: number;
  contentType: string;
  body: Buffer | undefined;
}

async function exchange(
  url: URL,
  method: 'POST' | 'GET',
  query: Buffer,
  signal: AbortSignal,
  timeoutMs: number,
): Promise<HttpReply> {
  const request = await loadRequest();
  const target = new URL(url);
  if (method === 'GET') target.searchParams.set('dns', query.toString('base64url'));
  const res = await request(target, {
    method,
    headers:
      method === 'POST'
        ? { 'content-type': 'application/dns-message', accept: 'application/dns-message' }
        : { accept: 'application/dns-message' },
    ...(method === 'POST' ? { body: query } : {}),
    signal,
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
  });
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res.body) {
    size += chunk.length;
    if (size > MAX_MESSAGE) {
      res.body.destroy();
      return { status: res.statusCode, contentType: '', body: undefined };
    }
    chunks.push(chunk as Buffer);
  }
  return {
    status: res.statusCode,
    contentType: String(res.headers['content-type'] ?? ''),
    body: Buffer.concat(chunks),
  };
}

/** ID 0, as RFC 8484 recommends: HTTPS already ties the reply to the request (and caches share it). */
export async function dohQuery(url: URL, name: string, type: RRType, timeoutMs: number): Promise<Raw> {
  const query = encodeQuery(name, type, 0);
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    let reply = await exchange(url, 'POST', query, signal, timeoutMs);
    // 405 Method Not Allowed / 415 Unsupported Media Type: a GET-only endpoint.
    if (reply.status === 405 || reply.status === 415)
      reply = await exchange(url, 'GET', query, signal, timeoutMs);
    if (reply.body === undefined) {
      return { kind: 'malformed', reason: 'DoH reply is larger than any DNS message', transport: 'doh' };
    }
    if (reply.status !== 200)
      return { kind: 'error', reason: `DoH server answered HTTP ${reply.status}`, transport: 'doh' };
    if (!reply.contentType.startsWith('application/dns-message')) {
      return {
        kind: 'malformed',
        reason: `DoH reply has content-type '${reply.contentType}'`,
        transport: 'doh',
      };
    }
    const d = decodeReply(reply.body, null, name, type);
    if (d.kind === 'reply') return { ...d, transport: 'doh' };
    return { kind: 'malformed', reason: d.reason, transport: 'doh' };
  } catch (err) {
    if (signal.aborted)
      return { kind: 'timeout', reason: `no DoH reply in ${timeoutMs} ms`, transport: 'doh' };
    const e = err as Error & { cause?: Error };
    return { kind: 'error', reason: `DoH: ${e.cause?.message ?? e.message}`, transport: 'doh' };
  }
}

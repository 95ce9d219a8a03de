// Sending one question over TCP or DNS-over-HTTPS (UDP: udp.ts), and getting back
// either a reply that matches it or a reason why not. Stray and spoofed packets are dropped here.
import { Socket } from 'node:net';
import type * as packet from 'dns-packet';
import type { RRType, Transport } from './types.js';
import { decodeReply, encodeQuery, randomId } from './wire.js';

export type Raw =
  | { kind: 'reply'; msg: packet.DecodedPacket & { rcode?: string }; transport: Transport }
  | { kind: 'timeout' | 'error' | 'malformed'; reason: string; transport: Transport };

/** Largest DoH/TCP message DNS allows (a 16-bit length). */
const MAX_MESSAGE = 65535;

export function tcpQuery(
  host: string,
  port: number,
  name: string,
  type: RRType,
  timeoutMs: number,
): Promise<Raw> {
  const id = randomId();
  const query = encodeQuery(name, type, id);
  return new Promise((resolve) => {
    const sock = new Socket();
    let buf = Buffer.alloc(0);
    let done = false;
    const finish = (r: Raw) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      sock.destroy();
      resolve(r);
    };
    const timer = setTimeout(
      () => finish({ kind: 'timeout', reason: `no TCP reply in ${timeoutMs} ms`, transport: 'tcp' }),
      timeoutMs,
    );
    sock.on('error', (err) => finish({ kind: 'error', reason: `TCP: ${err.message}`, transport: 'tcp' }));
    sock.on('close', () =>
      finish({ kind: 'error', reason: 'TCP connection closed before a reply', transport: 'tcp' }),
    );
    sock.on('data', (chunk) => {
      buf = Buffer.concat([buf, chunk]);
      // Bounded: each pass consumes one whole message; a stray one is skipped, not waited on forever.
      while (buf.length >= 2) {
        const len = buf.readUInt16BE(0);
        if (buf.length < 2 + len) return;
        const d = decodeReply(buf.subarray(2, 2 + len), id, name, type);
        buf = buf.subarray(2 + len);
        if (d.kind === 'reply') return finish({ ...d, transport: 'tcp' });
        if (d.kind === 'malformed') return finish({ kind: 'malformed', reason: d.reason, transport: 'tcp' });
      }
    });
    sock.connect({ host, port }, () => {
      const framed = Buffer.alloc(2 + query.length);
      framed.writeUInt16BE(query.length, 0);
      query.copy(framed, 2);
      sock.write(framed);
    });
  });
}

/** RFC 8484: POST the wire-format query; ID 0 as the RFC recommends (HTTPS already binds reply to request). */
export async function dohQuery(url: URL, name: string, type: RRType, timeoutMs: number): Promise<Raw> {
  const query = encodeQuery(name, type, 0);
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    // Loaded only for DoH: undici is large and plain DNS never needs it.
    const { request } = await import('undici');
    const res = await request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/dns-message', accept: 'application/dns-message' },
      body: query,
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
        return { kind: 'malformed', reason: 'DoH reply is larger than any DNS message', transport: 'doh' };
      }
      chunks.push(chunk as Buffer);
    }
    if (res.statusCode !== 200) {
      return { kind: 'error', reason: `DoH server answered HTTP ${res.statusCode}`, transport: 'doh' };
    }
    const ctype = String(res.headers['content-type'] ?? '');
    if (!ctype.startsWith('application/dns-message')) {
      return { kind: 'malformed', reason: `DoH reply has content-type '${ctype}'`, transport: 'doh' };
    }
    const d = decodeReply(Buffer.concat(chunks), null, name, type);
    if (d.kind === 'reply') return { ...d, transport: 'doh' };
    return { kind: 'malformed', reason: d.reason, transport: 'doh' };
  } catch (err) {
    if (signal.aborted)
      return { kind: 'timeout', reason: `no DoH reply in ${timeoutMs} ms`, transport: 'doh' };
    const e = err as Error & { cause?: Error; code?: string };
    return { kind: 'error', reason: `DoH: ${e.cause?.message ?? e.message}`, transport: 'doh' };
  }
}

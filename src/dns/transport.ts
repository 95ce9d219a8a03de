// Sending one question over UDP (with retransmits), TCP, or DNS-over-HTTPS, and getting back
// either a reply that matches it or a reason why not. Stray and spoofed packets are dropped here.
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { isIP, Socket } from 'node:net';
import type * as packet from 'dns-packet';
import { request } from 'undici';
import type { RRType, Transport } from './types.js';
import { decodeReply, encodeQuery, randomId } from './wire.js';

export type Raw =
  | { kind: 'reply'; msg: packet.DecodedPacket & { rcode?: string }; transport: Transport }
  | { kind: 'timeout' | 'error' | 'malformed'; reason: string; transport: Transport };

/** Largest DoH/TCP message DNS allows (a 16-bit length). */
const MAX_MESSAGE = 65535;

/** First retransmit after at most this long; later ones back off (doubling) within the budget. */
const FIRST_RETRANSMIT_MS = 1000;

export function udpQuery(
  host: string,
  port: number,
  name: string,
  type: RRType,
  timeoutMs: number,
): Promise<Raw> {
  const id = randomId();
  const query = encodeQuery(name, type, id);
  return new Promise((resolve) => {
    // A fresh socket per query: the kernel picks a random source port for each one.
    const sock: UdpSocket = createSocket(isIP(host.split('%')[0]!) === 6 ? 'udp6' : 'udp4');
    let malformed: string | undefined;
    let done = false;
    const timers: NodeJS.Timeout[] = [];
    const finish = (r: Raw) => {
      if (done) return;
      done = true;
      for (const t of timers) clearTimeout(t);
      sock.close();
      resolve(r);
    };
    const send = () => {
      sock.send(query, (err) => {
        if (err)
          finish({ kind: 'error', reason: `cannot send to ${host}: ${err.message}`, transport: 'udp' });
      });
    };
    sock.on('error', (err) => finish({ kind: 'error', reason: err.message, transport: 'udp' }));
    // connect() makes the kernel drop datagrams from anyone but the server, and turns an ICMP
    // "port unreachable" into an immediate ECONNREFUSED instead of a silent timeout.
    sock.on('message', (buf) => {
      const d = decodeReply(buf, id, name, type);
      if (d.kind === 'reply') finish({ ...d, transport: 'udp' });
      // Keep listening: the real reply may still come. Remember garbage so silence is explained.
      else if (d.kind === 'malformed') malformed = d.reason;
    });
    timers.push(
      setTimeout(
        () =>
          finish(
            malformed
              ? {
                  kind: 'malformed',
                  reason: `${malformed}; no valid reply in ${timeoutMs} ms`,
                  transport: 'udp',
                }
              : { kind: 'timeout', reason: `no reply in ${timeoutMs} ms`, transport: 'udp' },
          ),
        timeoutMs,
      ),
    );
    let at = Math.min(FIRST_RETRANSMIT_MS, timeoutMs / 3);
    for (let i = 0, step = at; i < 3 && at < timeoutMs; i++, step *= 2, at += step) {
      timers.push(setTimeout(send, at));
    }
    sock.connect(port, host, () => {
      if (!done) send();
    });
  });
}

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

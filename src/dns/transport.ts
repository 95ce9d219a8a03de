// Sending one question over TCP (UDP: udp.ts; DoH: doh.ts), and getting back
// either a reply that matches it or a reason why not. Stray and spoofed packets are dropped here.
import { Socket } from 'node:net';
import type { Message } from './codec.js';
import type { RRType, Transport } from './types.js';
import { decodeReply, encodeQuery, randomId } from './wire.js';

export type Raw =
  | { kind: 'reply'; msg: Message; transport: Transport }
  | { kind: 'timeout' | 'error' | 'malformed'; reason: string; transport: Transport };

/** Largest DoH/TCP message DNS allows (a 16-bit length). */
const _MAX_MESSAGE = 65535;

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

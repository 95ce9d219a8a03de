// In-process DNS fakes for what a real server will not do on demand: truncate, send wrong IDs
// or garbage, stay silent, answer SERVFAIL. Plus a loopback DoH endpoint that forwards
// wire-format queries to a real server (NSD) over UDP.
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer, type Server, type Socket } from 'node:net';
import * as packet from 'dns-packet';
import { udpExchange } from './udp.js';

export interface FakeQuery {
  id: number;
  name: string;
  type: string;
  raw: Buffer;
  via: 'udp' | 'tcp';
}

/** Replies to send for one query (in order); an empty list means silence. */
export type Behaviour = (q: FakeQuery) => Buffer[];

export interface FakeDns {
  port: number;
  server: string;
  queries: FakeQuery[];
  stop(): Promise<void>;
}

/** A reply to `q` (override id/question/rcode/flags to misbehave). */
export function reply(
  q: FakeQuery,
  opts: {
    rcode?: number;
    answers?: packet.Answer[];
    additionals?: packet.Answer[];
    flags?: number;
    id?: number;
    name?: string;
    type?: string;
  } = {},
): Buffer {
  return packet.encode({
    type: 'response',
    id: opts.id ?? q.id,
    flags: (opts.flags ?? 0) | packet.RECURSION_DESIRED | packet.RECURSION_AVAILABLE | (opts.rcode ?? 0),
    questions: [{ name: opts.name ?? q.name, type: (opts.type ?? q.type) as packet.RecordType, class: 'IN' }],
    answers: opts.answers ?? [],
    additionals: opts.additionals ?? [],
  });
}

function parse(raw: Buffer, via: 'udp' | 'tcp'): FakeQuery | undefined {
  try {
    const m = packet.decode(raw);
    const q = m.questions?.[0];
    return q ? { id: m.id ?? 0, name: q.name, type: q.type, raw, via } : undefined;
  } catch {
    return undefined;
  }
}

async function bindBoth(): Promise<{ udp: UdpSocket; tcp: Server; port: number }> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const udp = createSocket('udp4');
    const port = await new Promise<number>((resolve, reject) => {
      udp.once('error', reject);
      udp.bind(0, '127.0.0.1', () => resolve(udp.address().port));
    });
    const tcp = createServer();
    const ok = await new Promise<boolean>((resolve) => {
      tcp.once('error', () => resolve(false));
      tcp.listen(port, '127.0.0.1', () => resolve(true));
    });
    if (ok) return { udp, tcp, port };
    udp.close();
  }
  throw new Error('no free UDP+TCP port for the fake DNS server');
}

export async function startFakeDns(behaviour: Behaviour): Promise<FakeDns> {
  const { udp, tcp, port } = await bindBoth();
  const queries: FakeQuery[] = [];
  const sockets = new Set<Socket>();
  udp.on('message', (raw, rinfo) => {
    const q = parse(raw, 'udp');
    if (!q) return;
    queries.push(q);
    for (const out of behaviour(q)) udp.send(out, rinfo.port, rinfo.address);
  });
  tcp.on('connection', (sock) => {
    sockets.add(sock);
    sock.on('close', () => sockets.delete(sock));
    sock.on('error', () => {});
    let buf = Buffer.alloc(0);
    sock.on('data', (chunk) => {
      buf = Buffer.concat([buf, chunk]);
      while (buf.length >= 2 && buf.length >= 2 + buf.readUInt16BE(0)) {
        const len = buf.readUInt16BE(0);
        const q = parse(buf.subarray(2, 2 + len), 'tcp');
        buf = buf.subarray(2 + len);
        if (!q) continue;
        queries.push(q);
        for (const out of behaviour(q)) {
          const framed = Buffer.alloc(2 + out.length);
          framed.writeUInt16BE(out.length, 0);
          out.copy(framed, 2);
          sock.write(framed);
        }
      }
    });
  });
  return {
    port,
    server: `127.0.0.1:${port}`,
    queries,
    stop: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => tcp.close(() => resolve()));
      await new Promise<void>((resolve) => udp.close(() => resolve()));
    },
  };
}

export interface DohEndpoint {
  url: string;
  requests: number;
  stop(): Promise<void>;
}

/**
 * An RFC 8484 endpoint on loopback: POST (or GET ?dns=) application/dns-message to /dns-query, answered by
 * the upstream UDP server. With `tls`, it is HTTPS with that certificate.
 */
export async function startDohProxy(
  upstream: { host: string; port: number },
  tls?: { certFile: string; keyFile: string },
  opts: { /** Refuse POST with 415, like an endpoint that only takes GET. */ getOnly?: boolean } = {},
): Promise<DohEndpoint> {
  const state = { requests: 0 };
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', async () => {
      state.requests++;
      const url = new URL(req.url ?? '/', 'http://x');
      let query: Buffer | undefined;
      if (
        req.method === 'POST' &&
        !opts.getOnly &&
        req.headers['content-type'] === 'application/dns-message'
      ) {
        query = Buffer.concat(chunks);
      } else if (req.method === 'GET' && url.searchParams.get('dns')) {
        query = Buffer.from(url.searchParams.get('dns')!, 'base64url');
      }
      if (url.pathname !== '/dns-query' || !query) {
        res.writeHead(req.method === 'POST' ? 415 : 400).end();
        return;
      }
      const answer = await udpExchange(query, upstream.host, upstream.port, 2000);
      if (!answer) {
        res.writeHead(502).end();
        return;
      }
      res
        .writeHead(200, { 'content-type': 'application/dns-message', 'content-length': answer.length })
        .end(answer);
    });
  };
  const server = tls
    ? createHttpsServer({ cert: readFileSync(tls.certFile), key: readFileSync(tls.keyFile) }, handler)
    : createHttpServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    url: `${tls ? 'https' : 'http'}://127.0.0.1:${port}/dns-query`,
    get requests() {
      return state.requests;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

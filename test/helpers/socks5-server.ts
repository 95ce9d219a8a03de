// A small SOCKS5 server (RFC 1928, RFC 1929) in the test process on 127.0.0.1, relaying CONNECTs
// to loopback servers (the real Postfix the tests start). It can require a user and password,
// refuse every CONNECT with a given reply code, or accept and then stall at a chosen step.
// Destinations outside 127.0.0.0/8 and ::1 are refused (0x02): tests never leave the machine.
// Every socket it creates is released by close().
import { createServer, isIP, type Server, type Socket, connect as tcpConnect } from 'node:net';

export interface Socks5Options {
  /** Require username/password authentication with these credentials. */
  auth?: { user: string; pass: string };
  /** Answer every CONNECT with this failure code (0x01..0x08) instead of connecting. */
  refuse?: number;
  /** Accept the TCP connection and then never answer: before the method choice, or after it. */
  stall?: 'greeting' | 'connect';
  /** Resolve names (socks5h) to this address instead of refusing them. */
  names?: Record<string, string>;
}

export interface Socks5Server {
  host: string;
  port: number;
  /** `host:port` of each CONNECT asked for, in order (names as sent). */
  requests: string[];
  /** Authentication attempts: the user names given (never the passwords). */
  logins: { user: string; ok: boolean }[];
  url(credentials?: string): string;
  close(): Promise<void>;
}

const LOOPBACK = (a: string) =>
  a === '::1' || a === '0:0:0:0:0:0:0:1' || (isIP(a) === 4 && a.startsWith('127.'));

export async function startSocks5(opts: Socks5Options = {}): Promise<Socks5Server> {
  const sockets = new Set<Socket>();
  const requests: string[] = [];
  const logins: { user: string; ok: boolean }[] = [];
  const track = (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => {});
  };

  const server: Server = createServer((client) => {
    track(client);
    if (opts.stall === 'greeting') return;
    let buf = Buffer.alloc(0);
    let step: 'method' | 'auth' | 'connect' | 'relay' = 'method';
    const reply = (code: number) => client.end(Buffer.from([5, code, 0, 1, 0, 0, 0, 0, 0, 0]));
    client.on('data', function onData(chunk: Buffer) {
      buf = Buffer.concat([buf, chunk]);
      if (buf.length > 600) return client.destroy(); // no SOCKS request is this long
      if (step === 'method') {
        if (buf.length < 2 || buf.length < 2 + buf[1]!) return;
        const methods = [...buf.subarray(2, 2 + buf[1]!)];
        buf = buf.subarray(2 + buf[1]!);
        const want = opts.auth ? 2 : 0;
        if (!methods.includes(want)) return void client.end(Buffer.from([5, 0xff]));
        client.write(Buffer.from([5, want]));
        step = opts.auth ? 'auth' : 'connect';
        if (opts.stall === 'connect') client.off('data', onData);
        return;
      }
      if (step === 'auth') {
        if (buf.length < 2) return;
        const ulen = buf[1]!;
        if (buf.length < 3 + ulen) return;
        const plen = buf[2 + ulen]!;
        if (buf.length < 3 + ulen + plen) return;
        const user = buf.subarray(2, 2 + ulen).toString('utf8');
        const pass = buf.subarray(3 + ulen, 3 + ulen + plen).toString('utf8');
        buf = buf.subarray(3 + ulen + plen);
        const ok = user === opts.auth?.user && pass === opts.auth?.pass;
        logins.push({ user, ok });
        if (!ok) return void client.end(Buffer.from([1, 1]));
        client.write(Buffer.from([1, 0]));
        step = 'connect';
        return;
      }
      if (step !== 'connect') return;
      if (buf.length < 5) return;
      const atyp = buf[3];
      const alen = atyp === 1 ? 4 : atyp === 4 ? 16 : atyp === 3 ? 1 + buf[4]! : -1;
      if (alen < 0) return reply(8);
      if (buf.length < 4 + alen + 2) return;
      const a = buf.subarray(4, 4 + alen);
      const host =
        atyp === 1
          ? [...a].join('.')
          : atyp === 4
            ? (a.toString('hex').match(/.{4}/g) ?? []).map((g) => g.replace(/^0+(?=.)/, '')).join(':')
            : a.subarray(1).toString('utf8');
      const port = buf.readUInt16BE(4 + alen);
      const rest = buf.subarray(4 + alen + 2);
      requests.push(`${host}:${port}`);
      step = 'relay';
      client.off('data', onData);
      if (opts.refuse !== undefined) return reply(opts.refuse);
      const address = atyp === 3 ? opts.names?.[host] : host;
      if (!address) return reply(4);
      if (!LOOPBACK(address)) return reply(2);
      const upstream = tcpConnect({ host: address, port });
      track(upstream);
      upstream.once('error', () => reply(5));
      upstream.once('connect', () => {
        upstream.removeAllListeners('error');
        upstream.on('error', () => client.destroy());
        client.on('error', () => upstream.destroy());
        const bound = Buffer.alloc(10);
        bound.set([5, 0, 0, 1, 127, 0, 0, 1]);
        bound.writeUInt16BE(upstream.localPort ?? 0, 8);
        client.write(bound);
        if (rest.length) upstream.write(rest);
        client.pipe(upstream);
        upstream.pipe(client);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    host: '127.0.0.1',
    port,
    requests,
    logins,
    url: (credentials) => `socks5://${credentials ? `${credentials}@` : ''}127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

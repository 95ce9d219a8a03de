// A scripted in-process SMTP server on loopback, for what a real server will not do on
// demand: replay the book's Exchange 2000 transcripts and misbehave (silence, one byte a
// second, endless replies, 1 MB lines, resets, 554 greetings, mismatched codes).
// Every timer and socket it creates is released by close().
import { createServer, type Server, type Socket } from 'node:net';
import { type SecureContextOptions, TLSSocket } from 'node:tls';

export interface FakeConn {
  socket: Socket;
  /** Write raw text (no CRLF added). */
  write(text: string): void;
  /** Write lines, each ended with CRLF. */
  send(...lines: string[]): void;
  /** Write text one byte every `ms` milliseconds (bounded by close()). */
  trickle(text: string, ms: number): void;
  /** Next command line from the client, or null when it hung up. */
  readLine(): Promise<string | null>;
  /** Upgrade this connection to TLS (server side) after a STARTTLS 220. */
  startTls(opts: SecureContextOptions): void;
  /** Send a TCP RST. */
  reset(): void;
  end(): void;
  /** Lines the client sent, in order. */
  received: string[];
}

export type Script = (conn: FakeConn) => void | Promise<void>;

export interface FakeServer {
  port: number;
  host: string;
  /** How many connections were accepted. */
  connections: number;
  close(): Promise<void>;
}

export async function startFakeSmtp(script: Script, host = '127.0.0.1'): Promise<FakeServer> {
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let connections = 0;
  const server: Server = createServer((raw) => {
    connections++;
    sockets.add(raw);
    raw.on('close', () => sockets.delete(raw));
    raw.on('error', () => {});
    let sock: Socket = raw;
    let buf = '';
    const lines: string[] = [];
    let waiting: ((l: string | null) => void) | undefined;
    let ended = false;
    const onData = (d: Buffer) => {
      buf += d.toString('latin1');
      for (let i = buf.indexOf('\n'); i >= 0; i = buf.indexOf('\n')) {
        const line = buf.slice(0, i).replace(/\r$/, '');
        buf = buf.slice(i + 1);
        conn.received.push(line);
        if (waiting) {
          const w = waiting;
          waiting = undefined;
          w(line);
        } else lines.push(line);
      }
    };
    const onEnd = () => {
      ended = true;
      waiting?.(null);
      waiting = undefined;
    };
    const listen = (s: Socket) => {
      s.on('data', onData);
      s.on('end', onEnd);
      s.on('close', onEnd);
    };
    listen(raw);
    const conn: FakeConn = {
      socket: raw,
      received: [],
      write: (t) => {
        if (!sock.destroyed) sock.write(t);
      },
      send: (...ls) => conn.write(ls.map((l) => `${l}\r\n`).join('')),
      trickle(text, ms) {
        let i = 0;
        const tick = () => {
          if (sock.destroyed || i >= text.length) return;
          sock.write(text[i++]!);
          const t = setTimeout(tick, ms);
          timers.add(t);
        };
        tick();
      },
      readLine: () =>
        new Promise((resolve) => {
          const next = lines.shift();
          if (next !== undefined) resolve(next);
          else if (ended) resolve(null);
          else waiting = resolve;
        }),
      startTls(opts) {
        raw.off('data', onData);
        raw.off('end', onEnd);
        raw.off('close', onEnd);
        const t = new TLSSocket(raw, { isServer: true, ...opts });
        t.on('error', () => {});
        sock = t;
        listen(t);
      },
      reset: () => raw.resetAndDestroy(),
      end: () => sock.end(),
    };
    Promise.resolve(script(conn)).catch(() => raw.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    port,
    host,
    get connections() {
      return connections;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Scripted servers a test file starts, all closed by one `after(servers.closeAll)`. */
export function scriptedServers(): {
  start(script: Script, host?: string): Promise<FakeServer>;
  closeAll(): Promise<void>;
} {
  const started: FakeServer[] = [];
  return {
    async start(script, host) {
      const srv = await startFakeSmtp(script, host);
      started.push(srv);
      return srv;
    },
    async closeAll() {
      await Promise.all(started.map((s) => s.close()));
    },
  };
}

// --- The book's transcripts (Chapter 5 Examples 1 and 2, Chapter 7 Example 7) ---

/** Windows 2000 SMTP greeting in the form the book's Example 5 shows. */
export const W2K_GREETING =
  '220 mail1.example.com Microsoft ESMTP MAIL Service, Version: 5.0.2195.1600 ready at Tue, 5 Sep 2002 11:52:36 -0400';

const COMMON = [
  'TURN',
  'ATRN',
  'SIZE 5242880',
  'ETRN',
  'PIPELINING',
  'DSN',
  'ENHANCEDSTATUSCODES',
  '8bitmime',
  'BINARYMIME',
  'CHUNKING',
  'VRFY',
];

/**
 * Example 1 (Exchange's sinks loaded). The book prints "240-X-EXPS=LOGIN", a misprint
 * for 250 (a 240 would break the multi-line reply); the replay uses 250.
 */
export const EXAMPLE_1 = [
  'mail1.example.com Hello [172.16.0.0]',
  ...COMMON,
  'X-EXPS GSSAPI NTLM',
  'AUTH GSSAPI NTLM',
  'X-EXPS=LOGIN',
  'X-LINK2STATE',
  'XEXCH50',
  'OK',
];

/** Example 2: Windows 2000 SMTP without Exchange's sinks: every X verb is missing. */
export const EXAMPLE_2 = ['mail1.example.com Hello [172.16.0.0]', ...COMMON, 'AUTH GSSAPI NTLM', 'OK'];

/** Example 7's EHLO reply (a working Exchange 2000 server without Basic auth). */
export const EXAMPLE_7 = [
  'maill.example.com Hello [172.16.0.0]',
  ...COMMON,
  'X-EXPS GSSAPI NTLM',
  'AUTH GSSAPI NTLM',
  'X-LINK2STATE',
  'XEXCH50',
  'OK',
];

/** Example 7's final reply after the message (one line; the book wraps it). */
export const EXAMPLE_7_QUEUED = '<INET-IMC-01UWr81nn9000fbad8@mail1.example.com> Queued mail for delivery';

export function multiline(code: number, lines: string[]): string[] {
  return lines.map((l, i) => `${code}${i === lines.length - 1 ? ' ' : '-'}${l}`);
}

export interface ReplayOptions {
  greeting?: string;
  ehlo?: string[];
  /** Refuse EHLO with 502 (HELO-only servers). */
  heloOnly?: boolean;
  /** Certificate and key for STARTTLS; without them STARTTLS is not advertised. */
  tls?: SecureContextOptions;
  /** EHLO lines after STARTTLS (default: the same list). */
  ehloAfterTls?: string[];
}

/** A well-behaved scripted server: greeting, EHLO/HELO, STARTTLS, the Example 7 send, QUIT. */
export function replay(opts: ReplayOptions = {}): Script {
  return async (c) => {
    c.send(opts.greeting ?? W2K_GREETING);
    let tls = false;
    let authStep = 0;
    const ehloLines = () => {
      const base = tls ? (opts.ehloAfterTls ?? opts.ehlo ?? EXAMPLE_1) : (opts.ehlo ?? EXAMPLE_1);
      if (!opts.tls || tls) return base;
      return [...base.slice(0, -1), 'STARTTLS', base[base.length - 1]!];
    };
    for (let n = 0; n < 50; n++) {
      const line = await c.readLine();
      if (line === null) return;
      const verb = line.split(' ')[0]!.toUpperCase();
      if (verb === 'EHLO') {
        if (opts.heloOnly) c.send('502 5.5.2 Command not recognized');
        else c.send(...multiline(250, ehloLines()));
      } else if (verb === 'HELO') c.send('250 mail1.example.com Hello [172.16.0.0]');
      else if (verb === 'STARTTLS' && opts.tls && !tls) {
        c.send('220 2.0.0 SMTP server ready');
        c.startTls(opts.tls);
        tls = true;
      } else if (authStep === 1) {
        authStep = 2;
        c.send('334 UGFzc3dvcmQ6');
      } else if (authStep === 2) {
        authStep = 0;
        c.send('235 2.7.0 Authentication successful.');
      } else if (verb === 'AUTH' && line.split(' ').length > 2)
        c.send('235 2.7.0 Authentication successful.');
      else if (verb === 'AUTH') {
        authStep = 1;
        c.send('334 VXNlcm5hbWU6');
      } else if (verb === 'MAIL') c.send(`250 2.1.0 ${line.slice(10)}....Sender OK`);
      else if (verb === 'RCPT') c.send(`250 2.1.5 ${line.slice(8)}`);
      else if (verb === 'DATA') {
        c.send('354 Start mail input; end with <CRLF>.<CRLF>');
        // Bounded: a body longer than this is cut off with a 552.
        let ended = false;
        for (let i = 0; i < 10_000 && !ended; i++) {
          const body = await c.readLine();
          if (body === null) return;
          ended = body === '.';
        }
        c.send(ended ? `250 2.6.0 ${EXAMPLE_7_QUEUED}` : '552 5.3.4 Message too long');
      } else if (verb === 'NOOP' || verb === 'RSET') c.send('250 2.0.0 OK');
      else if (verb === 'QUIT') {
        c.send('221 2.0.0 mail1.example.com Service closing transmission channel');
        c.end();
        return;
      } else c.send('500 5.3.3 Unrecognized command');
    }
  };
}

// --- Faults ---

export const faults = {
  /** Accept the connection and say nothing. */
  noGreeting: (): Script => () => {},
  /** Send a greeting one byte per `ms`. */
  slowGreeting:
    (ms = 1000): Script =>
    (c) =>
      c.trickle(`${W2K_GREETING}\r\n`, ms),
  /** A multi-line greeting that never ends (bounded by the server's close()). */
  endlessReply:
    (ms = 5): Script =>
    (c) => {
      let i = 0;
      const t = setInterval(() => {
        if (c.socket.destroyed || i++ > 100_000) return clearInterval(t);
        c.write('220-still talking\r\n');
      }, ms);
      c.socket.on('close', () => clearInterval(t));
    },
  /** A 1 MB greeting line. */
  hugeLine: (): Script => (c) => c.write(`220 ${'x'.repeat(1024 * 1024)}\r\n`),
  /** Half a multi-line reply, then a TCP reset. */
  resetMidReply: (): Script => (c) => {
    c.write('220-mail1.example.com ESMTP\r\n220-please wait');
    setTimeout(() => c.reset(), 50);
  },
  /** Refuse service in the greeting, as a blocklisting server does. */
  rejectGreeting:
    (line = '554 5.7.1 Service unavailable; client host [127.0.0.1] blocked'): Script =>
    async (c) => {
      c.send(line);
      await c.readLine();
      c.send('503 5.5.1 Bad sequence of commands');
      c.end();
    },
  /** A multi-line reply whose lines carry different codes. */
  mismatchedCodes: (): Script => (c) => c.send('220-mail1.example.com ESMTP', '250-surprise', '220 ready'),
  /** Accept and close at once. */
  closeImmediately: (): Script => (c) => c.end(),
};

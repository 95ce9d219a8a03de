// One SMTP conversation over TCP or TLS, with limits a hostile server cannot get past:
// connect, greeting and per-reply timeouts (for the WHOLE reply), an overall deadline,
// and the parser's line/size/line-count caps. Every breach is a specific SmtpError.
import { isIP, connect as netConnect, type Socket } from 'node:net';
import { type TLSSocket, connect as tlsConnect } from 'node:tls';
import { assertNoControlChars } from '../findings/errors.js';
import { anchorsOf } from './chain-trust.js';
import { fromSocketError, SmtpError } from './errors.js';
import { type Capabilities, parseEhlo } from './extensions.js';
import { heloNameFor } from './helo-name.js';
import { DEFAULT_TIMEOUTS, type SessionOptions, type SessionTimings, type SmtpTimeouts } from './options.js';
import type { SocksProxy } from './proxy-url.js';
import { DEFAULT_REPLY_LIMITS, formatReply, type Reply, ReplyParser } from './reply.js';
import { proxyUnreachable, socksConnect } from './socks5-connect.js';
import { describeHandshakeError } from './tls-client.js';
import { derChain, type TlsInfo, tlsInfo } from './tls-info.js';
import { Transcript } from './transcript.js';

export {
  DEFAULT_TIMEOUTS,
  type SessionOptions,
  type SessionTimings,
  type SmtpTimeouts,
  timeoutsFromSeconds,
} from './options.js';

type Waiter = { resolve: (r: Reply) => void; reject: (e: SmtpError) => void };

/** Replies may arrive before they are read (pipelining); a flood of unasked-for ones is hostile. */
const MAX_UNREAD_REPLIES = 100;

// Keeps a late socket error (after we stopped listening) from crashing the process.
const ignore = () => {};

export class SmtpSession {
  readonly transcript: Transcript;
  readonly timings: SessionTimings = {};
  readonly timeouts: SmtpTimeouts;
  greetingReply?: Reply;
  capabilities?: Capabilities;
  tls?: TlsInfo;
  /** The name used in the last successful EHLO or HELO. */
  heloName?: string;
  /** True when EHLO was refused and HELO accepted. */
  heloOnly = false;

  private socket?: Socket | TLSSocket;
  private parser: ReplyParser;
  private queue: Reply[] = [];
  private waiter?: Waiter;
  private failure?: SmtpError;
  private deadlineTimer?: NodeJS.Timeout;
  private lastCode?: number;
  /** Replies owed to us: the greeting, then one per command line (message data and its final "." get one). */
  private owed = 0;
  private readonly onData = (chunk: Buffer) => this.feed(chunk);
  private readonly onError = (err: NodeJS.ErrnoException) =>
    this.fail(fromSocketError(err, 'during the session'));
  private readonly onClose = () =>
    this.fail(
      new SmtpError('closed', 'the server closed the connection', this.parser.partial() || undefined),
    );

  constructor(readonly options: SessionOptions) {
    this.timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
    this.parser = new ReplyParser({ ...DEFAULT_REPLY_LIMITS, ...options.limits });
    this.transcript = options.transcript ?? new Transcript(options.redact);
  }

  get servername(): string {
    return this.options.servername ?? this.options.host;
  }

  get localAddress(): string | undefined {
    return this.socket?.localAddress;
  }

  get remoteAddress(): string | undefined {
    return this.socket?.remoteAddress;
  }

  get isTls(): boolean {
    return this.tls !== undefined;
  }

  get closed(): boolean {
    return this.failure !== undefined;
  }

  /** TCP connect (plus the TLS handshake for implicit TLS). Does not read the greeting. */
  async connect(): Promise<void> {
    const { host, port, family, localAddress, proxy } = this.options;
    this.deadlineTimer = setTimeout(
      () =>
        this.fail(new SmtpError('deadline', `session exceeded its ${this.timeouts.deadline} ms deadline`)),
      this.timeouts.deadline,
    );
    this.deadlineTimer.unref?.();
    const started = performance.now();
    const via = proxy ? ` through the SOCKS proxy ${proxy.label}` : '';
    this.transcript.note(`connecting to ${host} port ${port}${via} at ${new Date().toISOString()}`);
    // Through a proxy, -4/-6 chose the target's addresses; the proxy is reached however it can be.
    const sock = netConnect({
      ...(proxy ? { host: proxy.host, port: proxy.port } : { host, port, ...(family ? { family } : {}) }),
      ...(localAddress ? { localAddress } : {}),
    });
    sock.on('error', ignore);
    this.socket = sock;
    await this.settle(
      sock,
      'connect',
      this.timeouts.connect,
      () => {
        const e = new SmtpError(
          'connect-timeout',
          `no answer to the TCP connection within ${this.timeouts.connect} ms`,
        );
        return proxy ? proxyUnreachable(proxy, e) : e;
      },
      (e) => {
        if (!proxy) return fromSocketError(e, `connecting to ${host} port ${port}`);
        return proxyUnreachable(proxy, fromSocketError(e, 'from here'));
      },
    );
    const rest = proxy ? await this.tunnel(sock, proxy, started) : undefined;
    this.timings.connectMs = Math.round(performance.now() - started);
    this.transcript.note(`connected from ${sock.localAddress}${via} in ${this.timings.connectMs} ms`);
    this.owed = 1; // the greeting
    if (this.options.implicitTls) {
      if (rest?.length) {
        const e = new SmtpError(
          'protocol',
          'the server sent data before the TLS handshake on a TLS-on-connect port',
        );
        this.fail(e);
        throw e;
      }
      await this.handshake(sock, this.timeouts.connect);
    } else {
      this.attach(sock);
      if (rest?.length) this.feed(rest);
    }
  }

  /** The SOCKS5 handshake, within what is left of the connect time; a failure names the proxy. */
  private async tunnel(sock: Socket, proxy: SocksProxy, started: number): Promise<Buffer> {
    const left = Math.max(1, Math.round(this.timeouts.connect - (performance.now() - started)));
    const handshake = socksConnect(
      sock,
      proxy,
      this.options.host,
      this.options.port,
      left,
      this.timeouts.connect,
    );
    // The session's deadline (or close()) ends the wait too.
    const aborted = new Promise<never>((_, reject) => {
      this.waiter = { resolve: () => {}, reject };
    });
    aborted.catch(ignore);
    try {
      const t = await Promise.race([handshake, aborted]);
      this.transcript.note(
        `SOCKS proxy ${proxy.label} connected to ${this.options.host} port ${this.options.port} (from ${t.bound})`,
      );
      return t.rest;
    } catch (e) {
      this.fail(e as SmtpError);
      throw e;
    } finally {
      this.waiter = undefined;
    }
  }

  /** Set when the server sent a reply nobody asked for; the session is over from then on. */
  get unsolicitedReply(): SmtpError | undefined {
    return this.failure?.code === 'unsolicited-reply' ? this.failure : undefined;
  }

  /** Read the 220 greeting (any code is returned; the caller decides what it means). */
  async greeting(): Promise<Reply> {
    const started = performance.now();
    const reply = await this.read(this.timeouts.greeting, 'greeting-timeout');
    this.timings.greetingMs = Math.round(performance.now() - started);
    this.greetingReply = reply;
    return reply;
  }

  /** Send one command and read its reply. `secret` hides the line from the transcript. */
  async command(line: string, opts: { secret?: boolean; timeout?: number } = {}): Promise<Reply> {
    this.write(line, opts.secret);
    return this.read(opts.timeout ?? this.timeouts.reply, 'reply-timeout');
  }

  /**
   * Send several commands at once when the server offers PIPELINING (RFC 2920), otherwise
   * one by one; either way one reply per command, in order.
   */
  async pipeline(lines: string[]): Promise<Reply[]> {
    if (!this.capabilities?.pipelining) {
      const out: Reply[] = [];
      for (const l of lines) out.push(await this.command(l));
      return out;
    }
    const next = this.writeGroup(lines);
    const out: Reply[] = [];
    for (let i = 0; i < lines.length; i++) out.push(await next());
    return out;
  }

  /**
   * PIPELINING (RFC 2920 §3.1): the commands go in one write; the returned function reads their
   * replies one at a time, in order, so a caller can stop at the first that matters and a reply
   * is never lost to a later timeout or hang-up.
   */
  writeGroup(lines: string[]): () => Promise<Reply> {
    for (const l of lines) assertNoControlChars('SMTP command', l);
    this.socket?.cork();
    try {
      for (const l of lines) this.write(l);
    } finally {
      this.socket?.uncork();
    }
    return () => this.read(this.timeouts.reply, 'reply-timeout');
  }

  async ehlo(name: string): Promise<Reply> {
    const reply = await this.command(`EHLO ${name}`);
    if (reply.code === 250) {
      this.capabilities = parseEhlo(reply);
      this.heloName = name;
      this.heloOnly = false;
    }
    return reply;
  }

  async helo(name: string): Promise<Reply> {
    const reply = await this.command(`HELO ${name}`);
    if (reply.code === 250) {
      this.capabilities = parseEhlo({ code: 250, lines: [reply.lines[0] ?? ''] });
      this.heloName = name;
      this.heloOnly = true;
    }
    return reply;
  }

  /** The name to announce when the caller gives none (RFC 5321 §4.1.4): FQDN or address literal. */
  localName(): Promise<string> {
    return heloNameFor(this.localAddress);
  }

  /** EHLO, falling back to HELO when the server refuses EHLO (RFC 5321 §3.2). */
  async hello(name?: string): Promise<{ ehlo: Reply; helo?: Reply }> {
    const n = name ?? (await this.localName());
    const ehlo = await this.ehlo(n);
    if (ehlo.code === 250 || ehlo.code < 500) return { ehlo };
    return { ehlo, helo: await this.helo(n) };
  }

  /**
   * STARTTLS (RFC 3207). Returns the server's reply; when it is 220 the session is
   * encrypted afterwards and `tls` describes it. The caller must EHLO again.
   */
  async starttls(): Promise<Reply> {
    const reply = await this.command('STARTTLS');
    if (reply.code !== 220) return reply;
    // Anything already buffered was sent in clear text and would be "upgraded" (RFC 3207 §6);
    // a whole reply after the 220 has already ended the session as unsolicited.
    if (this.parser.buffered > 0 || this.queue.length > 0 || this.unsolicitedReply) {
      const e = new SmtpError(
        'protocol',
        'the server sent data after its STARTTLS 220 reply (possible injection)',
      );
      this.fail(e);
      throw e;
    }
    const raw = this.socket as Socket;
    this.detach(raw);
    this.parser.reset();
    this.capabilities = undefined;
    await this.handshake(raw, this.timeouts.reply);
    return reply;
  }

  /**
   * Message data (already dot-stuffed, ending with CRLF . CRLF, RFC 5321 §4.5.2): written as
   * is, bypassing the one-line command check; the transcript notes only its size.
   */
  writeRaw(payload: Buffer): void {
    if (this.failure) throw this.failure;
    if (!this.socket) throw new SmtpError('state', 'not connected');
    this.transcript.note(`(${payload.length} bytes of message data sent)`);
    this.socket.write(payload);
  }

  /**
   * One BDAT chunk (CHUNKING, RFC 3030 §2): the command, then exactly `chunk.length` bytes of
   * message as is; one reply. The transcript shows the command and the size, never the data.
   */
  async bdat(chunk: Buffer, last: boolean, timeout = this.timeouts.reply): Promise<Reply> {
    this.write(`BDAT ${chunk.length}${last ? ' LAST' : ''}`);
    this.writeRaw(chunk);
    return this.read(timeout, 'reply-timeout');
  }

  /** The server's certificates as DER, leaf first (for DANE matching); empty without TLS. */
  peerCertificateChain(): Buffer[] {
    return this.tls ? derChain(this.socket as TLSSocket) : [];
  }

  /** Polite goodbye: QUIT, wait briefly for 221, then close. Never throws. */
  async quit(): Promise<void> {
    if (!this.failure && this.socket) {
      try {
        await this.command('QUIT', { timeout: Math.min(this.timeouts.reply, 2000) });
      } catch {
        // The server may hang up first; that is fine.
      }
    }
    this.close();
  }

  /** Close now (idempotent). */
  close(): void {
    if (!this.failure) this.failure = new SmtpError('state', 'the session is closed');
    this.stopTimers();
    if (this.socket && !this.socket.destroyed) this.socket.destroy();
  }

  private write(line: string, secret = false): void {
    assertNoControlChars('SMTP command', line);
    if (this.failure) throw this.failure;
    if (!this.socket) throw new SmtpError('state', 'not connected');
    this.transcript.client(line, { lastReplyCode: this.lastCode }, secret);
    this.owed++;
    this.socket.write(`${line}\r\n`);
  }

  private read(timeoutMs: number, code: 'greeting-timeout' | 'reply-timeout'): Promise<Reply> {
    const ready = this.queue.shift();
    if (ready) return Promise.resolve(ready);
    if (this.failure) return Promise.reject(this.failure);
    return new Promise<Reply>((resolve, reject) => {
      const timer = setTimeout(() => {
        const what = code === 'greeting-timeout' ? 'greeting' : 'complete reply';
        const partial = this.parser.partial();
        this.fail(
          new SmtpError(
            code,
            `no ${what} within ${timeoutMs} ms${partial ? ' (a partial reply arrived)' : ''}`,
            partial || undefined,
          ),
        );
      }, timeoutMs);
      this.waiter = {
        resolve: (r) => {
          clearTimeout(timer);
          resolve(r);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      };
    });
  }

  private feed(chunk: Buffer): void {
    if (this.failure) return;
    let replies: Reply[];
    try {
      replies = this.parser.push(chunk);
    } catch (e) {
      this.fail(e as SmtpError);
      return;
    }
    for (const r of replies) {
      this.transcript.server(formatReply(r));
      this.lastCode = r.code;
      if (this.owed > 0) this.owed--;
      else if (r.code !== 421) {
        // A reply before its command was sent (outside pipelining every command waits for the
        // previous reply) would be taken as the answer to the next command: stop instead.
        // 421 is the exception: a server shutting down says so unasked, then closes (RFC 5321 §3.8).
        this.fail(
          new SmtpError(
            'unsolicited-reply',
            `the server sent a reply before any command asked for one ("${formatReply(r)[0]?.slice(0, 80)}"), ` +
              'which a client would take as the answer to its next command; replies come only in answer to commands ' +
              '(RFC 5321 §4.3; RFC 2920 for pipelining). Check the server, or a proxy or filter in front of it, for replies it replays or injects.',
          ),
        );
        return;
      }
      const w = this.waiter;
      if (w) {
        this.waiter = undefined;
        w.resolve(r);
      } else if (this.queue.length >= MAX_UNREAD_REPLIES) {
        this.fail(
          new SmtpError(
            'protocol',
            `the server sent more than ${MAX_UNREAD_REPLIES} replies nobody asked for`,
          ),
        );
        return;
      } else this.queue.push(r);
    }
  }

  private fail(e: SmtpError): void {
    if (this.failure) return;
    this.failure = e;
    this.transcript.note(`${e.code}: ${e.message}${e.partial ? ` [partial: ${e.partial}]` : ''}`);
    this.stopTimers();
    if (this.socket && !this.socket.destroyed) this.socket.destroy();
    const w = this.waiter;
    this.waiter = undefined;
    w?.reject(e);
  }

  private stopTimers(): void {
    if (this.deadlineTimer) clearTimeout(this.deadlineTimer);
    this.deadlineTimer = undefined;
  }

  private attach(sock: Socket): void {
    sock.on('data', this.onData);
    sock.on('error', this.onError);
    sock.on('close', this.onClose);
  }

  private detach(sock: Socket): void {
    sock.off('data', this.onData);
    sock.off('error', this.onError);
    sock.off('close', this.onClose);
  }

  private async handshake(raw: Socket, timeoutMs: number): Promise<void> {
    const started = performance.now();
    const name = this.servername;
    const tlsSock = tlsConnect({
      socket: raw,
      // SNI must be a host name, never an IP literal (RFC 6066 §3).
      ...(isIP(name) ? {} : { servername: name }),
      // Verify ourselves so a bad certificate is reported, not a dead end.
      rejectUnauthorized: false,
      ...this.options.tls,
    });
    tlsSock.on('error', ignore);
    this.socket = tlsSock;
    await this.settle(
      tlsSock,
      'secureConnect',
      timeoutMs,
      () => new SmtpError('tls-error', `TLS handshake did not finish within ${timeoutMs} ms`),
      (e) => new SmtpError('tls-error', describeHandshakeError(e, this.options.tls), undefined, { cause: e }),
    );
    this.timings.tlsMs = Math.round(performance.now() - started);
    this.tls = tlsInfo(tlsSock, name, anchorsOf(this.options.tls));
    this.transcript.note(
      `TLS established: ${this.tls.protocol} ${this.tls.cipher}` +
        (this.tls.certificate ? `, certificate ${this.tls.certificate.subject}` : ''),
    );
    this.attach(tlsSock);
  }

  /** Wait for `event` on a fresh socket, bounded by a timer and by the session's failure. */
  private settle(
    sock: Socket,
    event: string,
    timeoutMs: number,
    onTimeout: () => SmtpError,
    onError: (e: NodeJS.ErrnoException) => SmtpError,
  ): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const done = (err?: SmtpError) => {
        clearTimeout(timer);
        sock.off(event, ok);
        sock.off('error', bad);
        sock.off('close', closed);
        this.waiter = undefined;
        if (err) {
          this.fail(err);
          reject(err);
        } else resolve();
      };
      const ok = () => done();
      const bad = (e: NodeJS.ErrnoException) => done(onError(e));
      const closed = () => done(new SmtpError('closed', `the connection closed before ${event}`));
      const timer = setTimeout(() => done(onTimeout()), timeoutMs);
      sock.once(event, ok);
      sock.once('error', bad);
      sock.once('close', closed);
      // The overall deadline can fire while we wait here.
      this.waiter = { resolve: () => {}, reject: (e) => done(e) };
    });
  }
}

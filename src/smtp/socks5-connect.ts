// The SOCKS5 exchange on a socket already connected to the proxy: method choice, user/password
// when the URL has them, CONNECT to the mail server. Bounded in time (the caller's connect budget)
// and in bytes (every answer has a fixed or capped size). Every failure is a ProxyError that
// names the proxy (never its password), so it is never mistaken for the mail server's.
import type { Socket } from 'node:net';
import { SmtpError } from './errors.js';
import type { SocksProxy } from './proxy-url.js';
import {
  encodeConnect,
  encodeGreeting,
  encodeUserPass,
  MAX_CONNECT_REPLY,
  METHOD_USERPASS,
  parseAuthReply,
  parseConnectReply,
  parseMethodChoice,
  SocksMethodError,
  SocksProtocolError,
  SocksReplyError,
} from './socks5.js';

export type ProxyStage = 'connect' | 'handshake' | 'auth' | 'target';

/** The proxy, not the mail server, failed: where, and the SOCKS reply code when it sent one. */
export class ProxyError extends SmtpError {
  constructor(
    readonly proxy: string,
    readonly stage: ProxyStage,
    message: string,
    readonly reply?: number,
    options?: { cause?: unknown },
  ) {
    super('proxy', message, undefined, options);
  }
}

export function isProxyError(e: unknown): e is ProxyError {
  return e instanceof ProxyError;
}

/** Turns an error on the way to the proxy (refused, timeout…) into a ProxyError naming it. */
export function proxyUnreachable(proxy: SocksProxy, e: SmtpError): ProxyError {
  return new ProxyError(
    proxy.label,
    'connect',
    `could not reach the SOCKS proxy ${proxy.label}: ${e.message}`,
    undefined,
    { cause: e },
  );
}

export interface Tunnel {
  /** The address and port the proxy connected from, as it reports them. */
  bound: string;
  /** Bytes that came after the CONNECT reply: the mail server's, already. */
  rest: Buffer;
}

/** Runs the handshake; rejects with a ProxyError. Destroys the socket on failure. */
export function socksConnect(
  sock: Socket,
  proxy: SocksProxy,
  host: string,
  port: number,
  timeoutMs: number,
  /** The connect timeout as configured, for the message (`timeoutMs` is what is left of it). */
  statedMs = timeoutMs,
): Promise<Tunnel> {
  const label = proxy.label;
  const creds = proxy.hasCredentials;
  const target = `${host.includes(':') ? `[${host}]` : host} port ${port}`;
  let stage: ProxyStage = 'handshake';
  let step: 'method' | 'auth' | 'connect' = 'method';
  let buf = Buffer.alloc(0);

  return new Promise<Tunnel>((resolve, reject) => {
    const finish = (err?: ProxyError, tunnel?: Tunnel) => {
      clearTimeout(timer);
      sock.off('data', onData);
      sock.off('error', onError);
      sock.off('close', onClose);
      if (err) {
        sock.destroy();
        reject(err);
      } else resolve(tunnel!);
    };
    const failed = (message: string, reply?: number) =>
      finish(new ProxyError(label, stage, `the SOCKS proxy ${label} ${message}`, reply));
    const onError = (e: Error) => failed(`failed during the SOCKS handshake: ${e.message}`);
    const onClose = () =>
      failed(
        stage === 'auth'
          ? 'closed the connection during authentication (wrong user name or password?)'
          : 'closed the connection during the SOCKS handshake',
      );
    const timer = setTimeout(
      () => failed(`did not complete the SOCKS5 handshake within the ${statedMs} ms connect timeout`),
      timeoutMs,
    );

    const send = (bytes: Buffer) => sock.write(bytes);
    const connectRequest = () => {
      step = 'connect';
      stage = 'target';
      send(encodeConnect(host, port));
    };

    const onData = (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      try {
        if (step === 'method') {
          if (buf.length < 2) return;
          if (buf.length > 2) throw new SocksProtocolError('more than the 2-byte method choice arrived');
          const method = parseMethodChoice(buf, creds);
          buf = Buffer.alloc(0);
          if (method === METHOD_USERPASS) {
            step = 'auth';
            stage = 'auth';
            send(encodeUserPass(proxy.username ?? '', proxy.password ?? ''));
          } else connectRequest();
          return;
        }
        if (step === 'auth') {
          if (buf.length < 2) return;
          if (buf.length > 2)
            throw new SocksProtocolError('more than the 2-byte authentication reply arrived');
          if (!parseAuthReply(buf)) {
            failed('refused the user name and password (RFC 1929): check the credentials in --proxy');
            return;
          }
          buf = Buffer.alloc(0);
          connectRequest();
          return;
        }
        const r = parseConnectReply(buf);
        if ('need' in r) {
          // A reply can only be this long; more without completing one is not SOCKS.
          if (buf.length >= MAX_CONNECT_REPLY)
            throw new SocksProtocolError('a CONNECT reply longer than any valid one');
          return;
        }
        finish(undefined, { bound: r.bound, rest: buf.subarray(r.bytes) });
      } catch (e) {
        if (e instanceof SocksReplyError) failed(`could not connect to ${target}: ${e.message}`, e.reply);
        else if (e instanceof SocksMethodError) {
          stage = 'auth';
          failed(`refused to go on: ${e.message}`);
        } else if (e instanceof SocksProtocolError) failed(`broke the SOCKS5 protocol: ${e.message}`);
        else throw e;
      }
    };

    sock.on('data', onData);
    sock.on('error', onError);
    sock.on('close', onClose);
    send(encodeGreeting(creds));
  });
}

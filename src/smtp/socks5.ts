// SOCKS version 5 messages (RFC 1928) and its username/password sub-negotiation (RFC 1929):
// encoding of what the client sends and bounded parsing of what the proxy answers. Pure: no
// sockets here (src/smtp/socks5-connect.ts drives the exchange), so every reply a hostile proxy
// can send is testable as bytes.
import { isIPv4, isIPv6 } from 'node:net';
import { v6Groups } from '../dns/addr.js';

export const SOCKS_VERSION = 0x05;
export const METHOD_NONE = 0x00;
export const METHOD_USERPASS = 0x02;
export const METHOD_UNACCEPTABLE = 0xff;
const AUTH_VERSION = 0x01;
const CMD_CONNECT = 0x01;
const ATYP_IPV4 = 0x01;
const ATYP_DOMAIN = 0x03;
const ATYP_IPV6 = 0x04;

/** RFC 1928 §6: the reply field of a CONNECT reply, in words an admin can act on. */
export const SOCKS_REPLIES: Readonly<Record<number, string>> = {
  1: 'general SOCKS server failure',
  2: 'connection not allowed by the proxy’s rules',
  3: 'network unreachable from the proxy',
  4: 'host unreachable from the proxy',
  5: 'connection refused (the proxy reports that the destination refused it)',
  6: 'TTL expired on the way from the proxy',
  7: 'command not supported by the proxy',
  8: 'address type not supported by the proxy',
};

export function socksReplyText(code: number): string {
  const hex = `0x${code.toString(16).padStart(2, '0')}`;
  return `${SOCKS_REPLIES[code] ?? 'unassigned SOCKS reply code'} (SOCKS reply ${hex})`;
}

/** A violation of the protocol by the proxy (wrong version, unknown method, bad lengths). */
export class SocksProtocolError extends Error {
  override name = 'SocksProtocolError';
}

/** The proxy accepts none of the authentication methods offered (RFC 1928 §3, X'FF'). */
export class SocksMethodError extends SocksProtocolError {
  override name = 'SocksMethodError';
}

/** The proxy answered CONNECT with a failure code (RFC 1928 §6). */
export class SocksReplyError extends Error {
  override name = 'SocksReplyError';
  constructor(readonly reply: number) {
    super(socksReplyText(reply));
  }
}

/** Method selection (RFC 1928 §3): offer user/password only when we have credentials. */
export function encodeGreeting(withCredentials: boolean): Buffer {
  return withCredentials
    ? Buffer.from([SOCKS_VERSION, 2, METHOD_NONE, METHOD_USERPASS])
    : Buffer.from([SOCKS_VERSION, 1, METHOD_NONE]);
}

/** The proxy's method choice: exactly 2 bytes. Returns the method, or throws. */
export function parseMethodChoice(buf: Buffer, withCredentials: boolean): number {
  if (buf.length !== 2) throw new SocksProtocolError(`a method choice of ${buf.length} bytes instead of 2`);
  if (buf[0] !== SOCKS_VERSION)
    throw new SocksProtocolError(`it answered as SOCKS version ${buf[0]}, not 5 (is it a SOCKS5 proxy?)`);
  const m = buf[1]!;
  if (m === METHOD_UNACCEPTABLE) {
    throw new SocksMethodError(
      withCredentials
        ? 'it accepts none of the offered authentication methods (no authentication, username/password)'
        : 'it requires authentication: give socks5://user:password@host:port',
    );
  }
  if (m === METHOD_NONE || (m === METHOD_USERPASS && withCredentials)) return m;
  throw new SocksProtocolError(`it chose authentication method 0x${m.toString(16)}, which was not offered`);
}

/** RFC 1929 §2: each of username and password is 1 to 255 bytes. */
export function credentialProblem(username: string, password: string): string | undefined {
  for (const [what, v] of [
    ['user name', username],
    ['password', password],
  ] as const) {
    const n = Buffer.byteLength(v, 'utf8');
    if (n < 1 || n > 255) return `the proxy ${what} must be 1 to 255 bytes (RFC 1929), not ${n}`;
  }
  return undefined;
}

export function encodeUserPass(username: string, password: string): Buffer {
  const problem = credentialProblem(username, password);
  if (problem) throw new SocksProtocolError(problem);
  const u = Buffer.from(username, 'utf8');
  const p = Buffer.from(password, 'utf8');
  return Buffer.concat([Buffer.from([AUTH_VERSION, u.length]), u, Buffer.from([p.length]), p]);
}

/** The user/password verdict: exactly 2 bytes, status 0 is success. */
export function parseAuthReply(buf: Buffer): boolean {
  if (buf.length !== 2)
    throw new SocksProtocolError(`an authentication reply of ${buf.length} bytes instead of 2`);
  if (buf[0] !== AUTH_VERSION && buf[0] !== SOCKS_VERSION)
    throw new SocksProtocolError(`an authentication reply of version ${buf[0]}`);
  return buf[1] === 0x00;
}

/** CONNECT to an IPv4/IPv6 address, or to a name the proxy resolves (socks5h). */
export function encodeConnect(host: string, port: number): Buffer {
  if (!(Number.isInteger(port) && port >= 1 && port <= 65535))
    throw new SocksProtocolError(`port ${port} is out of range`);
  const portBytes = Buffer.from([port >> 8, port & 0xff]);
  const head = Buffer.from([SOCKS_VERSION, CMD_CONNECT, 0x00]);
  if (isIPv4(host)) {
    const a = Buffer.from(host.split('.').map(Number));
    return Buffer.concat([head, Buffer.from([ATYP_IPV4]), a, portBytes]);
  }
  if (isIPv6(host)) return Buffer.concat([head, Buffer.from([ATYP_IPV6]), ipv6Bytes(host), portBytes]);
  const name = Buffer.from(host, 'utf8');
  if (name.length < 1 || name.length > 255)
    throw new SocksProtocolError(`a host name of ${name.length} bytes cannot be sent through SOCKS5`);
  return Buffer.concat([head, Buffer.from([ATYP_DOMAIN, name.length]), name, portBytes]);
}

function ipv6Bytes(addr: string): Buffer {
  const out = Buffer.alloc(16);
  v6Groups(addr).forEach((g, i) => {
    out.writeUInt16BE(g, i * 2);
  });
  return out;
}

/** The most a CONNECT reply can be: 4 header bytes, a 255-byte name with its length, a port. */
export const MAX_CONNECT_REPLY = 4 + 1 + 255 + 2;

export type ConnectReply =
  | { need: number } // not complete yet: at least this many bytes in total
  | { bytes: number; bound: string }; // success; `bytes` were the reply (the rest is the server's)

/**
 * Reads a CONNECT reply from the bytes received so far. Throws SocksReplyError for a failure
 * code, SocksProtocolError for anything malformed; `need` when more bytes must come first.
 */
export function parseConnectReply(buf: Buffer): ConnectReply {
  if (buf.length < 2) return { need: 2 };
  if (buf[0] !== SOCKS_VERSION) throw new SocksProtocolError(`a CONNECT reply of version ${buf[0]}, not 5`);
  if (buf[1] !== 0x00) throw new SocksReplyError(buf[1]!);
  if (buf.length < 5) return { need: 5 };
  const atyp = buf[3];
  const addrLen = atyp === ATYP_IPV4 ? 4 : atyp === ATYP_IPV6 ? 16 : atyp === ATYP_DOMAIN ? 1 + buf[4]! : -1;
  if (addrLen < 0) throw new SocksProtocolError(`a CONNECT reply with address type ${atyp}`);
  const total = 4 + addrLen + 2;
  if (buf.length < total) return { need: total };
  const port = buf.readUInt16BE(4 + addrLen);
  const a = buf.subarray(4, 4 + addrLen);
  const host =
    atyp === ATYP_IPV4
      ? [...a].join('.')
      : atyp === ATYP_IPV6
        ? (a.toString('hex').match(/.{4}/g) ?? []).join(':')
        : a
            .subarray(1)
            .toString('latin1')
            .replace(/[^\x21-\x7e]/g, '?');
  return { bytes: total, bound: `${host}:${port}` };
}

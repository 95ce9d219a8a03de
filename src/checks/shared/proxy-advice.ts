// What to do when the SOCKS proxy (--proxy), not the mail server, failed: one wording for every
// command (probe, ehlo, check, relay, send, session), by where the proxy failed and its reply.
import type { ProxyStage } from '../../smtp/socks5-connect.js';

export const PROXY_REF =
  'RFC 1928 §6 (SOCKS5 replies); RFC 1929; Book ch. 8, testing from outside with telnet';

export function proxyFix(stage: ProxyStage, reply?: number): string {
  const test = 'Nothing is known about the mail server until a connection through the proxy works.';
  switch (stage) {
    case 'connect':
      return `Check that the SOCKS proxy runs and that this machine can reach its host and port (firewall, address in --proxy). ${test}`;
    case 'auth':
      return `Check the user name and password in --proxy (socks5://user:password@host:port), and that the proxy allows this user. ${test}`;
    case 'handshake':
      return `Make sure --proxy points at a SOCKS5 proxy (not an HTTP proxy or another service), then retry. ${test}`;
    case 'target':
      switch (reply) {
        case 0x02:
          return `The proxy's rules forbid this destination: allow connections to the mail server's port in the proxy's configuration (many proxies block port 25). ${test}`;
        case 0x05:
          return 'This is what the proxy saw, not this machine: check that the server listens on the port and that its firewall lets connections in from the proxy’s network, then retry.';
        case 0x03:
        case 0x04:
        case 0x06:
          return 'The proxy cannot reach the server: check the proxy’s own network and outgoing firewall (port 25 is often blocked for cloud machines), or use a proxy elsewhere.';
        default:
          return `Check the proxy's log for this connection, or try another SOCKS5 proxy. ${test}`;
      }
  }
}

// One UDP question and its answer, for test helpers that talk DNS to a server on loopback.
import { createSocket } from 'node:dgram';

/** Send `query` to host:port over UDP; the first datagram back, or undefined after `timeoutMs`. */
export function udpExchange(
  query: Buffer,
  host: string,
  port: number,
  timeoutMs: number,
): Promise<Buffer | undefined> {
  return new Promise((resolve) => {
    const sock = createSocket('udp4');
    const timer = setTimeout(() => {
      sock.close();
      resolve(undefined);
    }, timeoutMs);
    // An ICMP "port unreachable" surfaces here; the timer still answers.
    sock.on('error', () => {});
    sock.on('message', (msg) => {
      clearTimeout(timer);
      sock.close();
      resolve(msg);
    });
    sock.send(query, port, host);
  });
}

// A UDP relay that adds a fixed delay to every DNS answer, standing in for the network
// between a client and a real resolver (loopback NSD answers in microseconds, which no
// resolver on a network does). Usage: node dist/bench/dns-delay.js <upstream-port> <delay-ms>
// Prints the port it listens on, then relays until killed.
import { createSocket, type RemoteInfo } from 'node:dgram';

const upstreamPort = Number(process.argv[2]);
const delayMs = Number(process.argv[3] ?? 1);
if (!(upstreamPort > 0 && delayMs >= 0)) {
  process.stderr.write('usage: dns-delay <upstream-port> <delay-ms>\n');
  process.exit(3);
}

/** ID plus the question section: enough to route an answer back to whoever asked. */
function key(buf: Buffer): string | undefined {
  let at = 12;
  // Bounded by the packet: labels until the root, then type and class.
  while (at < buf.length && buf[at] !== 0) at += buf[at]! + 1;
  return at + 5 <= buf.length ? buf.toString('latin1', 0, 2) + buf.toString('latin1', 12, at + 5) : undefined;
}

const front = createSocket('udp4');
const back = createSocket('udp4');
const askers = new Map<string, RemoteInfo>();

front.on('message', (msg, rinfo) => {
  const k = key(msg);
  if (!k) return;
  askers.set(k, rinfo);
  back.send(msg, upstreamPort, '127.0.0.1');
});
back.on('message', (msg) => {
  const k = key(msg);
  const to = k && askers.get(k);
  if (!to || !k) return;
  askers.delete(k);
  setTimeout(() => front.send(msg, to.port, to.address), delayMs);
});
back.bind(0, '127.0.0.1');
front.bind(0, '127.0.0.1', () => process.stdout.write(`${front.address().port}\n`));

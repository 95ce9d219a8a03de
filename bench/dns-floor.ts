// The floor for any Node.js tool asking many DNS questions: start Node, send every question in
// a file over one connected UDP socket with `window` in flight, count the replies, exit. No
// parsing, checking, retrying or output. bench/mx.sh times it beside mailflow and dig so the
// ratios say how much is Node and how much is mailflow.
// Usage: node dist/bench/dns-floor.js <port> <file of "name TYPE" lines> [window]
import { createSocket } from 'node:dgram';
import { readFileSync } from 'node:fs';

const TYPES: Record<string, number> = { A: 1, PTR: 12, MX: 15, AAAA: 28 };

function query(id: number, name: string, type: number): Buffer {
  const parts = [Buffer.from([id >> 8, id & 255, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0])];
  for (const label of name.split('.')) parts.push(Buffer.from([label.length]), Buffer.from(label));
  parts.push(Buffer.from([0, 0, type, 0, 1]));
  return Buffer.concat(parts);
}

const [port, file, windowArg] = process.argv.slice(2);
const questions = readFileSync(file!, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => line.split(' ') as [string, string]);
const window = Number(windowArg ?? 64);
const socket = createSocket('udp4');
let sent = 0;
let answered = 0;
const send = () => {
  const [name, type] = questions[sent]!;
  socket.send(query(sent++ & 0xffff, name, TYPES[type] ?? 1));
};
// Bounded: a lost datagram would otherwise wait for ever.
const guard = setTimeout(() => {
  console.error(`dns-floor: ${questions.length - answered} questions unanswered after 10 s`);
  process.exit(1);
}, 10_000);
socket.on('message', () => {
  answered++;
  if (sent < questions.length) send();
  else if (answered === questions.length) {
    clearTimeout(guard);
    socket.close();
  }
});
socket.connect(Number(port), '127.0.0.1', () => {
  for (let i = 0; i < window && sent < questions.length; i++) send();
});

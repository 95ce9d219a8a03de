// Starts the servers bench/smtp.sh measures against: a private Postfix + Dovecot (the test
// harness, compiled by `npm run build`) and N scripted servers on 127.0.0.2… that greet after
// a delay, like servers across the Internet. Prints their addresses as JSON, then runs until
// stdin closes and stops only what it started.
import { createServer } from 'node:net';
import { startPostfix } from '../dist/test/helpers/postfix.js';

const slow = Number(process.argv[2] ?? 20);
const delayMs = Number(process.argv[3] ?? 200);

const postfix = await startPostfix();
const servers = [];
let port = 0; // the first listener picks a free port; the others share it on their own address
for (let i = 0; i < slow; i++) {
  const server = createServer((s) => {
    s.on('error', () => {});
    const timer = setTimeout(() => s.writable && s.write('220 slow.bench.test ESMTP\r\n'), delayMs);
    s.on('close', () => clearTimeout(timer));
    s.on('data', (d) => {
      if (/^QUIT/im.test(d.toString())) s.end('221 bye\r\n');
      else s.write('250 ok\r\n');
    });
  });
  await new Promise((resolve) => server.listen(port, `127.0.0.${i + 2}`, resolve));
  port = server.address().port;
  servers.push(server);
}

process.stdout.write(
  `${JSON.stringify({
    host: postfix.host,
    port: postfix.port,
    submissionPort: postfix.submissionPort,
    caFile: postfix.caFile,
    user: postfix.user,
    password: postfix.password,
    domain: postfix.localDomain,
    rcpt: `${postfix.knownUsers[0]}@${postfix.localDomain}`,
    slow: servers.map((s) => `${s.address().address}:${s.address().port}`),
  })}\n`,
);

const stop = async () => {
  for (const s of servers) s.close();
  await postfix.stop();
  process.exit(0);
};
process.stdin.on('end', stop);
process.stdin.resume();
process.on('SIGTERM', stop);

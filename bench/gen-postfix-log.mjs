#!/usr/bin/env node
// Writes a realistic Postfix log of about N megabytes (classic syslog stamps, one day from
// 00:00) to stdout: postscreen, inbound mail through an amavis content filter to Dovecot LMTP,
// SASL submissions going out over TLS, greylisting then delivery, bounces with their notices,
// long deferrals that expire, NOQUEUE rejections. Deterministic (seeded), so runs compare.
// Usage: node bench/gen-postfix-log.mjs <megabytes> > mail.log
import { writeSync } from 'node:fs';

const targetBytes = Number(process.argv[2] ?? 10) * 1024 * 1024;
let seed = 42;
const rnd = () => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x80000000;
};
const pick = (a) => a[Math.floor(rnd() * a.length)];
const MON = 'Dec';
let clock = 0; // seconds into the day
// About 1,300 bytes of log per message: spread the messages over one day whatever the size.
const step = Math.min(60, (86400 * 1300) / targetBytes);
let qn = 0x100000;
const qid = () => (qn++).toString(16).toUpperCase().padStart(10, '0');
const pid = () => 1000 + Math.floor(rnd() * 30000);
const stamp = (s) => {
  const t = Math.min(s, 86399);
  const h = String(Math.floor(t / 3600)).padStart(2, '0');
  const m = String(Math.floor((t % 3600) / 60)).padStart(2, '0');
  const ss = String(Math.floor(t % 60)).padStart(2, '0');
  return `${MON}  3 ${h}:${m}:${ss}`;
};
const users = Array.from({ length: 200 }, (_, i) => `user${i}`);
const localRcpts = Array.from({ length: 500 }, (_, i) => `person${i}@example.com`);
const remoteDomains = Array.from({ length: 300 }, (_, i) => `dest${i}.example`);
const clients = Array.from(
  { length: 1000 },
  (_, i) => `mail${i}.sender${i % 97}.example[198.51.${(i >> 8) & 255}.${i & 255}]`,
);
const out = [];
let size = 0;
let written = 0;
const L = (s, host, tag, msg) => {
  const line = `${stamp(s)} ${host} postfix/${tag}: ${msg}\n`;
  out.push(line);
  size += line.length;
};
const flush = () => {
  const chunk = out.join('');
  out.length = 0;
  writeSync(1, chunk);
  written += chunk.length;
};
const H = 'mx1';
const later = []; // [time, fn]: retries and notices happen later in the day

function inbound(t) {
  const client = pick(clients);
  const ip = client.slice(client.indexOf('['));
  const p = pid();
  const psp = pid();
  L(t, H, `postscreen[${psp}]`, `CONNECT from ${ip}:${40000 + Math.floor(rnd() * 20000)} to [192.0.2.10]:25`);
  if (rnd() < 0.12) {
    L(t, H, `postscreen[${psp}]`, `DNSBL rank 3 for ${ip}:50000`);
    L(
      t,
      H,
      `postscreen[${psp}]`,
      `NOQUEUE: reject: RCPT from ${ip}:50000: 550 5.7.1 Service unavailable; client ${ip} blocked using zen.spamhaus.org; from=<x@spam.example>, to=<${pick(localRcpts)}>, proto=ESMTP, helo=<spam.example>`,
    );
    return;
  }
  L(t, H, `postscreen[${psp}]`, `PASS OLD ${ip}:50000`);
  L(t, H, `smtpd[${p}]`, `connect from ${client}`);
  const tls = rnd() < 0.8;
  if (tls)
    L(
      t,
      H,
      `smtpd[${p}]`,
      `Anonymous TLS connection established from ${client}: TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)`,
    );
  const r = rnd();
  const rcpt = pick(localRcpts);
  const from = `news${Math.floor(rnd() * 5000)}@sender${Math.floor(rnd() * 97)}.example`;
  if (r < 0.1) {
    L(
      t,
      H,
      `smtpd[${p}]`,
      `NOQUEUE: reject: RCPT from ${client}: 550 5.1.1 <nobody${Math.floor(rnd() * 99)}@example.com>: Recipient address rejected: User unknown in virtual mailbox table; from=<${from}> to=<nobody@example.com> proto=ESMTP helo=<mail.example>`,
    );
  } else if (r < 0.14) {
    L(
      t,
      H,
      `smtpd[${p}]`,
      `NOQUEUE: reject: RCPT from ${client}: 450 4.2.0 <${rcpt}>: Recipient address rejected: Greylisted, see http://postgrey.example/; from=<${from}> to=<${rcpt}> proto=ESMTP helo=<mail.example>`,
    );
  } else if (r < 0.16) {
    L(
      t,
      H,
      `smtpd[${p}]`,
      `NOQUEUE: reject: RCPT from ${client}: 554 5.7.1 <v@elsewhere.example>: Relay access denied; from=<${from}> to=<v@elsewhere.example> proto=ESMTP helo=<mail.example>`,
    );
  } else {
    const a = qid();
    const b = qid();
    const mid = `${a}.${Math.floor(rnd() * 1e9)}@sender.example`;
    const sz = 2000 + Math.floor(rnd() * 50000);
    L(t, H, `smtpd[${p}]`, `${a}: client=${client}`);
    L(t, H, `cleanup[${pid()}]`, `${a}: message-id=<${mid}>`);
    L(t, H, `qmgr[999]`, `${a}: from=<${from}>, size=${sz}, nrcpt=1 (queue active)`);
    const f = pid();
    L(t + 1, H, `smtpd[${f}]`, 'connect from localhost[127.0.0.1]');
    L(t + 1, H, `smtpd[${f}]`, `${b}: client=localhost[127.0.0.1]`);
    L(t + 1, H, `cleanup[${pid()}]`, `${b}: message-id=<${mid}>`);
    L(t + 1, H, `qmgr[999]`, `${b}: from=<${from}>, size=${sz + 600}, nrcpt=1 (queue active)`);
    L(
      t + 1,
      H,
      `smtp[${pid()}]`,
      `${a}: to=<${rcpt}>, relay=127.0.0.1[127.0.0.1]:10024, delay=1.2, delays=0.1/0/0/1.1, dsn=2.0.0, status=sent (250 2.0.0 from MTA(smtp:[127.0.0.1]:10025): 250 2.0.0 Ok: queued as ${b})`,
    );
    L(t + 1, H, `qmgr[999]`, `${a}: removed`);
    L(
      t + 1,
      H,
      `smtpd[${f}]`,
      'disconnect from localhost[127.0.0.1] ehlo=1 mail=1 rcpt=1 data=1 quit=1 commands=5',
    );
    L(
      t + 1,
      H,
      `lmtp[${pid()}]`,
      `${b}: to=<${rcpt}>, relay=mail.example.com[private/dovecot-lmtp], delay=0.1, delays=0/0/0.05/0.05, dsn=2.0.0, status=sent (250 2.0.0 <${rcpt}> Saved)`,
    );
    L(t + 1, H, `qmgr[999]`, `${b}: removed`);
  }
  L(
    t,
    H,
    `smtpd[${p}]`,
    `disconnect from ${client} ehlo=2${tls ? ' starttls=1' : ''} mail=1 rcpt=1 data=1 quit=1 commands=6`,
  );
}

function outbound(t) {
  const user = rnd() < 0.2 ? 'user7' : pick(users); // one busy account
  const p = pid();
  const client = `laptop${Math.floor(rnd() * 300)}.example.com[192.0.2.${Math.floor(rnd() * 250)}]`;
  L(t, H, `submission/smtpd[${p}]`, `connect from ${client}`);
  L(
    t,
    H,
    `submission/smtpd[${p}]`,
    `Anonymous TLS connection established from ${client}: TLSv1.3 with cipher TLS_AES_128_GCM_SHA256 (128/128 bits)`,
  );
  const a = qid();
  const from = `${user}@example.com`;
  const dom = pick(remoteDomains);
  const rcpt = `someone${Math.floor(rnd() * 9999)}@${dom}`;
  L(t, H, `submission/smtpd[${p}]`, `${a}: client=${client}, sasl_method=PLAIN, sasl_username=${user}`);
  L(t, H, `cleanup[${pid()}]`, `${a}: message-id=<${a}@example.com>`);
  L(
    t,
    H,
    `qmgr[999]`,
    `${a}: from=<${from}>, size=${1000 + Math.floor(rnd() * 20000)}, nrcpt=1 (queue active)`,
  );
  L(
    t,
    H,
    `submission/smtpd[${p}]`,
    `disconnect from ${client} ehlo=2 starttls=1 auth=1 mail=1 rcpt=1 data=1 quit=1 commands=8`,
  );
  const sp = pid();
  const relay = `mx.${dom}[203.0.113.${Math.floor(rnd() * 250)}]:25`;
  const r = rnd();
  const tlsLine = () =>
    L(
      t + 1,
      H,
      `smtp[${sp}]`,
      `Trusted TLS connection established to ${relay}: TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)`,
    );
  if (r < 0.8) {
    if (rnd() < 0.85) tlsLine();
    L(
      t + 1,
      H,
      `smtp[${sp}]`,
      `${a}: to=<${rcpt}>, relay=${relay}, delay=0.9, delays=0.1/0/0.4/0.4, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as ${qid()})`,
    );
    L(t + 1, H, `qmgr[999]`, `${a}: removed`);
  } else if (r < 0.9) {
    tlsLine();
    L(
      t + 1,
      H,
      `smtp[${sp}]`,
      `${a}: to=<${rcpt}>, relay=${relay}, delay=1.1, delays=0.1/0/0.6/0.4, dsn=4.2.0, status=deferred (host ${relay.slice(0, -3)} said: 450 4.2.0 <${rcpt}>: Recipient address rejected: Greylisted (in reply to RCPT TO command))`,
    );
    later.push([
      t + 300,
      (tt) => {
        L(
          tt,
          H,
          `smtp[${pid()}]`,
          `${a}: to=<${rcpt}>, relay=${relay}, delay=301, delays=300/0/0.6/0.4, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as ${qid()})`,
        );
        L(tt, H, `qmgr[999]`, `${a}: removed`);
      },
    ]);
  } else if (r < 0.97) {
    L(
      t + 1,
      H,
      `smtp[${sp}]`,
      `${a}: to=<${rcpt}>, relay=${relay}, delay=1.3, delays=0.1/0/0.8/0.4, dsn=5.1.1, status=bounced (host ${relay.slice(0, -3)} said: 550 5.1.1 <${rcpt}>: Recipient address rejected: User unknown (in reply to RCPT TO command))`,
    );
    const n = qid();
    L(t + 1, H, `cleanup[${pid()}]`, `${n}: message-id=<${n}@mx1.example.com>`);
    L(t + 1, H, `bounce[${pid()}]`, `${a}: sender non-delivery notification: ${n}`);
    L(t + 1, H, `qmgr[999]`, `${a}: removed`);
    L(t + 1, H, `qmgr[999]`, `${n}: from=<>, size=3000, nrcpt=1 (queue active)`);
    L(
      t + 1,
      H,
      `lmtp[${pid()}]`,
      `${n}: to=<${from}>, relay=mail.example.com[private/dovecot-lmtp], delay=0.1, delays=0/0/0.05/0.05, dsn=2.0.0, status=sent (250 2.0.0 <${from}> Saved)`,
    );
    L(t + 1, H, `qmgr[999]`, `${n}: removed`);
  } else {
    for (let k = 0; k < 3; k++)
      later.push([
        t + 1 + k * 1800,
        (tt) =>
          L(
            tt,
            H,
            `smtp[${pid()}]`,
            `${a}: to=<${rcpt}>, relay=none, delay=${tt - t}, delays=${tt - t}/0/30/0, dsn=4.4.1, status=deferred (connect to ${relay}: Connection timed out)`,
          ),
      ]);
    later.push([
      t + 7000,
      (tt) => {
        L(tt, H, `qmgr[999]`, `${a}: from=<${from}>, status=expired, returned to sender`);
        L(tt, H, `qmgr[999]`, `${a}: removed`);
      },
    ]);
  }
}

while (written + size < targetBytes) {
  clock += step * 2 * rnd();
  const t = Math.floor(clock) % 86400;
  if (rnd() < 0.7) inbound(t);
  else outbound(t);
  while (later.length > 0 && later[0][0] <= t) later.shift()[1](t);
  later.sort((x, y) => x[0] - y[0]);
  if (size > 1 << 20) {
    flush();
    size = 0;
  }
}
flush();

// The DNS client against in-process fakes: truncation, wrong IDs, wrong questions, garbage,
// silence, error codes. Each test starts its own fake and stops it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createResolver } from '../../src/dns/index.js';
import { answerValues } from '../helpers/dns-answers.js';
import { reply, startFakeDns } from '../helpers/fake-dns.js';
import { chainedAnswers } from '../helpers/pointer-chains.js';

/** Hostile replies: a slow path must fail its test, not hang the run. */
const HOSTILE = { timeout: 10_000 };

const A = (name: string, data: string) => ({ type: 'A' as const, name, ttl: 60, data });

test('a truncated UDP answer is asked again over TCP', async (t) => {
  const fake = await startFakeDns((q) =>
    q.via === 'udp'
      ? [reply(q, { flags: 1 << 9 })] // TC bit, no records
      : [reply(q, { answers: [A(q.name, '192.0.2.7')] })],
  );
  t.after(() => fake.stop());
  const r = createResolver({ server: fake.server, timeoutMs: 2000 });
  const a = await r.query('big.example', 'A');
  assert.equal(a.outcome, 'ok');
  assert.equal(a.transport, 'tcp');
  assert.equal(a.flags.tc, true);
  assert.deepEqual(answerValues(a), ['192.0.2.7']);
  assert.deepEqual(
    fake.queries.map((q) => q.via),
    ['udp', 'tcp'],
  );
});

test('replies with the wrong ID or question are dropped; the right one is taken', HOSTILE, async (t) => {
  const fake = await startFakeDns((q) => [
    reply(q, { id: (q.id + 1) % 65536, answers: [A(q.name, '192.0.2.66')] }),
    reply(q, { name: 'evil.example', answers: [A('evil.example', '192.0.2.66')] }),
    reply(q, { answers: [A(q.name, '192.0.2.1')] }),
  ]);
  t.after(() => fake.stop());
  const r = createResolver({ server: fake.server, timeoutMs: 2000 });
  const a = await r.query('good.example', 'A');
  assert.equal(a.outcome, 'ok');
  assert.deepEqual(answerValues(a), ['192.0.2.1']);
});

test('only spoofed replies: the query times out instead of trusting them', HOSTILE, async (t) => {
  const fake = await startFakeDns((q) => [
    reply(q, { id: (q.id + 7) % 65536, answers: [A(q.name, '192.0.2.66')] }),
  ]);
  t.after(() => fake.stop());
  const r = createResolver({ server: fake.server, timeoutMs: 400 });
  const a = await r.query('victim.example', 'A');
  assert.equal(a.outcome, 'timeout');
  assert.deepEqual(a.answers, []);
});

test('garbage packets end as outcome malformed, not a crash', HOSTILE, async (t) => {
  const fake = await startFakeDns(() => [
    Buffer.from('not dns at all'),
    Buffer.alloc(3),
    Buffer.alloc(600, 0xff),
  ]);
  t.after(() => fake.stop());
  const r = createResolver({ server: fake.server, timeoutMs: 400 });
  const a = await r.query('x.example', 'MX');
  assert.equal(a.outcome, 'malformed');
  assert.match(a.error ?? '', /reply/);
});

test('garbage over TCP after truncation is malformed', HOSTILE, async (t) => {
  const fake = await startFakeDns((q) =>
    q.via === 'udp'
      ? [reply(q, { flags: 1 << 9 })]
      : [Buffer.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14])],
  );
  t.after(() => fake.stop());
  const r = createResolver({ server: fake.server, timeoutMs: 1000 });
  const a = await r.query('x.example', 'TXT');
  assert.equal(a.outcome, 'malformed');
  assert.equal(a.transport, 'tcp');
});

test('a 64 KB reply whose names chain 8,000 compression pointers is malformed', HOSTILE, async (t) => {
  const fake = await startFakeDns((q) =>
    q.via === 'udp' ? [reply(q, { flags: 1 << 9 })] : [chainedAnswers(q.id, q.name)],
  );
  t.after(() => fake.stop());
  const r = createResolver({ server: fake.server, timeoutMs: 2000 });
  const a = await r.query('chained.example', 'MX');
  assert.equal(a.outcome, 'malformed');
  assert.equal(a.transport, 'tcp');
  assert.match(a.error ?? '', /follows more than 127 compression pointers/);
});

test('silence is a timeout, retransmitted within the budget, and bounded by it', async (t) => {
  const fake = await startFakeDns(() => []);
  t.after(() => fake.stop());
  const r = createResolver({ server: fake.server, timeoutMs: 900 });
  const a = await r.query('quiet.example', 'A');
  assert.equal(a.outcome, 'timeout');
  assert.ok(fake.queries.length >= 2, `expected a retransmit, saw ${fake.queries.length} queries`);
  assert.ok(fake.queries.length <= 4);
});

test('the whole-lookup deadline stops a multi-question lookup', async (t) => {
  const fake = await startFakeDns(() => []);
  t.after(() => fake.stop());
  const r = createResolver({ server: fake.server, timeoutMs: 5000, deadlineMs: 300 });
  const mx = await r.mx('slow.example');
  assert.equal(mx.outcome, 'timeout');
});

test('SERVFAIL, REFUSED, NXDOMAIN and NOTIMP are distinct outcomes', async (t) => {
  const codes: Record<string, number> = {
    'sf.example': 2,
    'nx.example': 3,
    'ni.example': 4,
    'rf.example': 5,
  };
  const fake = await startFakeDns((q) => [reply(q, { rcode: codes[q.name] ?? 0 })]);
  t.after(() => fake.stop());
  const r = createResolver({ server: fake.server, timeoutMs: 1000 });
  const out = await Promise.all(Object.keys(codes).map((n) => r.query(n, 'MX')));
  assert.deepEqual(
    out.map((a) => a.outcome),
    ['servfail', 'nxdomain', 'error', 'refused'],
  );
  assert.equal(out[2]!.rcode, 'NOTIMP');
  const empty = await r.query('nodata.example', 'MX');
  assert.equal(empty.outcome, 'nodata');
});

test('queries use random IDs, one question is asked once (cache and in-flight sharing)', async (t) => {
  const fake = await startFakeDns((q) => [reply(q, { answers: [A(q.name, '192.0.2.9')] })]);
  t.after(() => fake.stop());
  const r = createResolver({ server: fake.server, timeoutMs: 1000 });
  await Promise.all([
    r.query('same.example', 'A'),
    r.query('SAME.example.', 'A'),
    r.query('same.example', 'A'),
  ]);
  await r.query('same.example', 'A');
  assert.equal(fake.queries.length, 1);
  await Promise.all(Array.from({ length: 20 }, (_, i) => r.query(`n${i}.example`, 'A')));
  const ids = new Set(fake.queries.map((q) => q.id));
  assert.ok(ids.size >= 18, 'IDs should not repeat or count up');
});

test('an invalid name is an error outcome without any packet sent', async (t) => {
  const fake = await startFakeDns(() => []);
  t.after(() => fake.stop());
  const r = createResolver({ server: fake.server, timeoutMs: 300 });
  const a = await r.query(`${'a'.repeat(64)}.example`, 'A');
  assert.equal(a.outcome, 'error');
  const b = await r.query('bad\r\nname.example', 'A');
  assert.equal(b.outcome, 'error');
  assert.equal(fake.queries.length, 0);
});

test('a server that is not listening is an error (ICMP refused), not a hang', async (_t) => {
  const fake = await startFakeDns(() => []);
  const server = fake.server;
  await fake.stop();
  const r = createResolver({ server, timeoutMs: 2000 });
  const a = await r.query('x.example', 'A');
  assert.ok(a.outcome === 'error' || a.outcome === 'timeout');
});

test('an alias the server did not follow is asked for again (bounded)', HOSTILE, async (t) => {
  const fake = await startFakeDns((q) => {
    if (q.name === 'a.example')
      return [reply(q, { answers: [{ type: 'CNAME', name: 'a.example', ttl: 60, data: 'b.example' }] })];
    if (q.name === 'b.example') return [reply(q, { answers: [A('b.example', '192.0.2.2')] })];
    // loop1 → loop2 → loop1 ...: must end
    const next = q.name === 'loop1.example' ? 'loop2.example' : 'loop1.example';
    return [reply(q, { answers: [{ type: 'CNAME', name: q.name, ttl: 60, data: next }] })];
  });
  t.after(() => fake.stop());
  const r = createResolver({ server: fake.server, timeoutMs: 1000 });
  const a = await r.query('a.example', 'A');
  assert.equal(a.outcome, 'ok');
  assert.deepEqual(a.cnameChain, ['b.example']);
  assert.deepEqual(answerValues(a), ['192.0.2.2']);
  // A loop has no answer at all: an error naming it, not "no records".
  const loop = await r.query('loop1.example', 'A');
  assert.equal(loop.outcome, 'error');
  assert.match(loop.error ?? '', /^CNAME loop: loop1\.example → loop2\.example → loop1\.example;/);
  assert.ok(fake.queries.length < 20);
});

test('a question skipped because its lookup ran out of time is asked again later', async (t) => {
  let silent = true;
  const fake = await startFakeDns((q) => (silent ? [] : [reply(q, { answers: [A(q.name, '192.0.2.3')] })]));
  t.after(() => fake.stop());
  // One question at a time: the second waits behind the first until its own deadline is gone.
  const r = createResolver({ server: fake.server, timeoutMs: 200, deadlineMs: 200, concurrency: 1 });
  const [first, skipped] = await Promise.all([r.query('first.example', 'A'), r.query('second.example', 'A')]);
  assert.equal(first.outcome, 'timeout');
  assert.equal(skipped.outcome, 'timeout');
  // Either never sent or sent with the last milliseconds of its deadline; not cached either way.
  assert.match(skipped.error ?? '', /before asking|cut short/);
  silent = false;
  const again = await r.query('second.example', 'A');
  assert.equal(again.outcome, 'ok');
});

test('the AD flag of a validating resolver is reported, and mx shows it as dnssec', async (t) => {
  const fake = await startFakeDns((q) =>
    q.type === 'MX'
      ? [
          reply(q, {
            flags: 1 << 5, // AD
            answers: [
              { type: 'MX', name: q.name, ttl: 120, data: { preference: 10, exchange: `mx.${q.name}` } },
            ],
            additionals: [A(`mx.${q.name}`, '192.0.2.10')],
          }),
        ]
      : [reply(q)],
  );
  t.after(() => fake.stop());
  const r = createResolver({ server: fake.server, timeoutMs: 1000 });
  const mx = await r.mx('signed.example');
  assert.equal(mx.flags.ad, true);
  assert.equal(mx.flags.aa, false);
  assert.equal(mx.ttl, 120);
  assert.deepEqual(mx.exchangers[0]?.addresses, ['192.0.2.10']);
  assert.equal(mx.exchangers[0]?.source, 'additional');
});

test(
  'over TCP, stray messages are skipped and an endless trickle ends at the timeout',
  HOSTILE,
  async (t) => {
    const fake = await startFakeDns((q) =>
      q.via === 'udp'
        ? [reply(q, { flags: 1 << 9 })]
        : [reply(q, { id: (q.id + 1) % 65536 }), Buffer.alloc(4000), reply(q, { name: 'other.example' })],
    );
    t.after(() => fake.stop());
    const r = createResolver({ server: fake.server, timeoutMs: 600 });
    const a = await r.query('trickle.example', 'A');
    assert.equal(a.transport, 'tcp');
    assert.equal(a.outcome, 'timeout');
  },
);

test('a server nobody listens on ends every question at once, also those in flight', async () => {
  const fake = await startFakeDns(() => []);
  const server = fake.server;
  await fake.stop();
  const r = createResolver({ server, timeoutMs: 2000, concurrency: 4 });
  const names = Array.from({ length: 40 }, (_, i) => `n${i}.example`);
  const answers = await Promise.all(names.map((n) => r.query(n, 'A')));
  for (const a of answers) {
    assert.equal(a.outcome, 'error', `${a.name}: ${a.error}`);
    assert.match(a.error ?? '', /port unreachable/);
  }
});

test('a server that answers nothing: after the first timeout the rest end without being asked', async (t) => {
  const fake = await startFakeDns(() => []);
  t.after(() => fake.stop());
  const r = createResolver({ server: fake.server, timeoutMs: 300, concurrency: 2 });
  const names = Array.from({ length: 20 }, (_, i) => `q${i}.example`);
  const answers = await Promise.all(names.map((n) => r.query(n, 'A')));
  for (const a of answers) assert.equal(a.outcome, 'timeout');
  const asked = new Set(fake.queries.map((q) => q.name));
  assert.ok(asked.size <= 6, `asked ${asked.size} distinct questions of a silent server`);
  assert.match(answers[19]!.error ?? '', /answered none/);
  // One timeout later the server is given another chance.
  await new Promise((resolve) => setTimeout(resolve, 350));
  const before = fake.queries.length;
  await r.query('later.example', 'A');
  assert.ok(fake.queries.length > before, 'asked again after the pause');
});

test('one slow name first does not condemn the server: the questions after it are asked and answered', async (t) => {
  const fake = await startFakeDns((q) =>
    q.name.startsWith('slow') ? [] : [reply(q, { answers: [A(q.name, '192.0.2.2')] })],
  );
  t.after(() => fake.stop());
  const r = createResolver({ server: fake.server, timeoutMs: 300, concurrency: 1 });
  const [slow, ...rest] = await Promise.all(
    ['slow.example', 'fast1.example', 'fast2.example', 'fast3.example'].map((n) => r.query(n, 'A')),
  );
  assert.equal(slow!.outcome, 'timeout');
  for (const a of rest) assert.equal(a.outcome, 'ok', `${a.name}: ${a.error}`);
});

test('a server that answered before is still asked after one question times out', async (t) => {
  const fake = await startFakeDns((q) =>
    q.name.startsWith('ok') ? [reply(q, { answers: [A(q.name, '192.0.2.1')] })] : [],
  );
  t.after(() => fake.stop());
  const r = createResolver({ server: fake.server, timeoutMs: 300, concurrency: 1 });
  assert.equal((await r.query('ok.example', 'A')).outcome, 'ok');
  const quiet = await Promise.all(
    ['quiet1.example', 'quiet2.example', 'quiet3.example'].map((n) => r.query(n, 'A')),
  );
  for (const a of quiet) assert.match(a.error ?? '', /^no reply in/);
  const asked = new Set(fake.queries.map((q) => q.name));
  for (const n of ['quiet1.example', 'quiet2.example', 'quiet3.example']) assert.ok(asked.has(n), n);
});

test(
  'an alias to a name whose one label holds dots is not followed as the other name',
  HOSTILE,
  async (t) => {
    const stand = 'x'.repeat('mail1.example.test'.length);
    const fake = await startFakeDns((q) => {
      if (q.name !== 'via.example') return [reply(q, { answers: [A(q.name, '192.0.2.66')] })];
      // NOERROR with only the alias: the resolver must ask for the target itself, and cannot.
      const buf = reply(q, { answers: [{ type: 'CNAME', name: q.name, ttl: 60, data: `${stand}.example` }] });
      buf.write('mail1.example.test', buf.indexOf(stand));
      return [buf];
    });
    t.after(() => fake.stop());
    const r = createResolver({ server: fake.server, timeoutMs: 1000 });
    const a = await r.query('via.example', 'A');
    assert.equal(a.outcome, 'error');
    assert.deepEqual(a.cnameChain, ['mail1\\.example\\.test.example']);
    assert.match(
      a.error ?? '',
      /cannot be a host name: its label 'mail1\.example\.test' has a dot inside it/,
    );
    assert.deepEqual(
      fake.queries.map((q) => q.name),
      ['via.example'],
    );
  },
);

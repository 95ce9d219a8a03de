// The relay verdict from replies alone (pure), and the attempts list.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  type AttemptResult,
  canaryVariant,
  judge,
  relayVariants,
  verdictOf,
} from '../../src/checks/relay/index.js';
import { gaveUp, lostReason } from '../../src/checks/relay/session.js';
import { SmtpError } from '../../src/smtp/errors.js';

const addrs = {
  outsideSender: 'a@example.org',
  outsideRecipient: 'b@example.net',
  ownDomain: 'victim.example',
};
const variants = relayVariants(addrs);
const all = (mail: string, rcpt?: string): AttemptResult[] =>
  variants.map((variant) => ({ variant, mail, rcpt }));
/** The verdict on attempts made against server `s` (judge.ts, pure: literal replies, no session). */
const verdictOn = (host: string, results: AttemptResult[], canary?: AttemptResult) =>
  judge(
    {
      kind: 'tested',
      endpoint: { host, address: '192.0.2.1', port: 25 },
      results,
      ...(canary ? { canary } : {}),
      transcript: [],
    },
    false,
  ).findings;
const ids = (f: { id: string; severity: string }[]) => f.map((x) => `${x.id}:${x.severity}`);

test('variants: outside→outside, null sender, own-domain sender, then the routing tricks', () => {
  assert.deepEqual(
    variants.map((v) => v.id),
    ['outside-to-outside', 'null-sender', 'own-domain-sender', 'percent-hack', 'bang-path'],
  );
  assert.equal(variants[1]!.from, '');
  assert.equal(variants[2]!.from, 'postmaster@victim.example');
  assert.equal(variants[3]!.to, 'b%example.net@victim.example');
  assert.equal(relayVariants({ ...addrs, ownDomain: undefined }).length, 2);
  assert.match(canaryVariant(addrs, 'x1').to, /\.invalid$/);
});

test('verdict per attempt', () => {
  const v = variants[0]!;
  assert.equal(verdictOf({ variant: v, mail: '250 ok', rcpt: '250 ok' }), 'accepted');
  assert.equal(verdictOf({ variant: v, mail: '250 ok', rcpt: '251 forwarding' }), 'accepted');
  assert.equal(verdictOf({ variant: v, mail: '250 ok', rcpt: '554 5.7.1 Relay access denied' }), 'refused');
  assert.equal(verdictOf({ variant: v, mail: '530 5.7.0 Must issue a STARTTLS command first' }), 'refused');
  assert.equal(verdictOf({ variant: v, mail: '250 ok', rcpt: '450 4.7.1 greylisted' }), 'deferred');
  assert.equal(verdictOf({ variant: v, error: 'reset' }), 'error');
});

test('all refused → relay.closed; accepted (even accept-all) → relay.open; deferred → relay.inconclusive', () => {
  assert.deepEqual(ids(verdictOn('s', all('250 ok', '554 5.7.1 Relay access denied'))), ['relay.closed:ok']);
  const open = all('250 ok', '554 5.7.1 denied');
  open[1] = { ...open[1]!, rcpt: '250 2.1.5 ok' };
  const canaryRefused = { variant: canaryVariant(addrs, 'n'), mail: '250 ok', rcpt: '550 5.1.2 bad domain' };
  const f = verdictOn('s', open, canaryRefused);
  assert.deepEqual(ids(f), ['relay.open:fail']);
  assert.match(f[0]!.title, /null-sender/);
  assert.match(f[0]!.detail, /refused a recipient at a domain that cannot exist/);
  // Accepting everything, even at .invalid, is still an open relay (or a backscatter source).
  const canaryAccepted = { ...canaryRefused, rcpt: '250 ok' };
  const acceptAll = verdictOn('s', all('250 ok', '250 ok'), canaryAccepted);
  assert.deepEqual(ids(acceptAll), ['relay.open:fail']);
  assert.match(acceptAll[0]!.detail, /also accepted a recipient at a domain that cannot exist/);
  assert.match(acceptAll[0]!.detail, /either way it will be listed/);
  assert.deepEqual(ids(verdictOn('s', all('250 ok', '450 4.7.1 greylisted'))), ['relay.inconclusive:warn']);
});

test('an unanswered attempt is never evidence: no canary answer keeps open, no answers at all are inconclusive', () => {
  const open = all('250 ok', '554 5.7.1 denied');
  open[0] = { ...open[0]!, rcpt: '250 ok' };
  const silentCanary = { variant: canaryVariant(addrs, 'n'), error: 'no reply within 5 s' };
  // Whether the canary ran, was answered or timed out, the same accepted RCPT gives the same verdict.
  for (const canary of [
    undefined,
    silentCanary,
    { ...silentCanary, error: undefined, mail: '250 ok', rcpt: '250 ok' },
  ]) {
    assert.deepEqual(ids(verdictOn('s', open, canary)), ['relay.open:fail']);
  }
  assert.match(verdictOn('s', open, silentCanary)[0]!.detail, /got no final answer/);
  const silent = variants.map((variant) => ({ variant, error: 'no reply within 5 s' }));
  const f = verdictOn('s', silent);
  assert.deepEqual(ids(f), ['relay.inconclusive:warn']);
  assert.match(f[0]!.detail, /proves nothing either way/);
  // Some refused, the rest unanswered: still not closed.
  const mixed = [...all('250 ok', '554 denied').slice(0, 2), ...silent.slice(2)];
  assert.deepEqual(ids(verdictOn('s', mixed)), ['relay.inconclusive:warn']);
});

test("a lost session blames the right side: mailflow's own deadline is not the server closing", () => {
  const t = { connect: 5000, greeting: 5000, reply: 5000, deadline: 30000 };
  const deadline = new SmtpError('deadline', 'session exceeded its 30000 ms deadline');
  assert.match(lostReason(deadline, t), /mailflow's own 30 s session deadline/);
  assert.doesNotMatch(gaveUp(deadline, 3, t), /server closed/);
  assert.match(gaveUp(deadline, 3, t), /mailflow's own 30 s session deadline/);
  assert.match(
    gaveUp(new SmtpError('closed', 'the server closed the connection'), 3, t),
    /server closed the connection 3 times/,
  );
});

test('judge: facts without a session (no server, null MX, nobody answered) give relay.connect-failed or relay.null-mx', () => {
  const noServer = judge({ kind: 'no-server', target: 'x.example', why: 'x.example has no address' }, false);
  assert.deepEqual(ids(noServer.findings), ['relay.connect-failed:unknown']);
  assert.deepEqual(noServer.data, { server: null, attempts: [], transcript: [] });
  assert.deepEqual(noServer.tables, []);
  assert.deepEqual(
    ids(judge({ kind: 'null-mx', target: 'x.example', server: '127.0.0.1' }, false).findings),
    ['relay.null-mx:info'],
  );
  const silent = judge({ kind: 'unreachable', tried: '[192.0.2.1]:25: timeout', transcript: [] }, true);
  assert.deepEqual(ids(silent.findings), ['relay.connect-failed:unknown']);
  assert.match(silent.findings[0]!.detail, /192\.0\.2\.1/);
});

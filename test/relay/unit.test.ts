// The relay verdict from replies alone (pure), and the attempts list.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  type AttemptResult,
  canaryVariant,
  relayFindings,
  relayVariants,
  verdictOf,
} from '../../src/checks/relay/index.js';

const addrs = {
  outsideSender: 'a@example.org',
  outsideRecipient: 'b@example.net',
  ownDomain: 'victim.example',
};
const variants = relayVariants(addrs);
const all = (mail: string, rcpt?: string): AttemptResult[] =>
  variants.map((variant) => ({ variant, mail, rcpt }));
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

test('all refused → relay.closed; accepted → relay.open; accept-all or deferred → relay.inconclusive', () => {
  assert.deepEqual(ids(relayFindings('s', all('250 ok', '554 5.7.1 Relay access denied'))), [
    'relay.closed:ok',
  ]);
  const open = all('250 ok', '554 5.7.1 denied');
  open[1] = { ...open[1]!, rcpt: '250 2.1.5 ok' };
  const canaryRefused = { variant: canaryVariant(addrs, 'n'), mail: '250 ok', rcpt: '550 5.1.2 bad domain' };
  const f = relayFindings('s', open, canaryRefused);
  assert.deepEqual(ids(f), ['relay.open:fail']);
  assert.match(f[0]!.title, /null-sender/);
  const canaryAccepted = { ...canaryRefused, rcpt: '250 ok' };
  assert.deepEqual(ids(relayFindings('s', all('250 ok', '250 ok'), canaryAccepted)), [
    'relay.inconclusive:warn',
  ]);
  assert.deepEqual(ids(relayFindings('s', all('250 ok', '450 4.7.1 greylisted'))), [
    'relay.inconclusive:warn',
  ]);
});

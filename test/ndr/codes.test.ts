import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findReply, findStatus, preferStatus } from '../../src/ndr/formats/codes.js';

test('findStatus: specific code first, catch-alls only as fallback, no versions or IPs', () => {
  assert.equal(findStatus('550 5.1.1 <a@b>: Recipient address rejected'), '5.1.1');
  assert.equal(findStatus('550-5.7.26 Unauthenticated email'), '5.7.26');
  assert.equal(findStatus('5.0.0 then 5.2.2 mailbox full'), '5.2.2');
  assert.equal(findStatus('only 4.4.7 expired'), '4.4.7');
  assert.equal(findStatus('Postfix v5.1.0 on 192.0.2.5 and 5.1.1.1'), undefined);
  assert.equal(findStatus('#550 #5.1.0 Address rejected'), '5.1.0');
  assert.equal(findStatus('250 2.1.5 Ok'), undefined);
  assert.equal(findStatus(undefined), undefined);
});

test('findReply: stand-alone codes, class preference, Exchange hash form, x-unix ignored', () => {
  assert.equal(findReply('host mx[192.0.2.1] said: 550 5.1.1 <a@b>'), 550);
  assert.equal(findReply('#550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##'), 550);
  assert.equal(findReply('ERROR_CODE :550, ERROR_CODE :5.1.1'), 550);
  assert.equal(findReply('SIZE=1543: 452 4.2.2 full'), 452);
  assert.equal(findReply('id 550abc or /550/ or port 25'), undefined);
  assert.equal(findReply('421 busy then 550 no', '5'), 550);
  assert.equal(findReply('250 2.1.5 Ok'), undefined);
  assert.equal(findReply('250 2.1.5 Ok', '2'), 250);
  assert.equal(findReply('x-unix; 550 whatever'), undefined);
  assert.equal(findReply('599 not a reply'), undefined);
});

test('preferStatus: class agreeing with the reply wins, then the more specific code', () => {
  assert.equal(preferStatus('5.0.0', '5.1.0', 550), '5.1.0');
  assert.equal(preferStatus('5.1.1', '5.2.1', 550), '5.2.1');
  assert.equal(preferStatus('5.1.1', '5.0.0', 550), '5.1.1');
  assert.equal(preferStatus('4.4.7', '5.1.1', 550), '5.1.1');
  assert.equal(preferStatus('5.1.3', '5.7.1', 550), '5.7.1');
  assert.equal(preferStatus('5.7.1', '5.4.1', 550), '5.7.1');
  assert.equal(preferStatus(undefined, '5.1.1'), '5.1.1');
  assert.equal(preferStatus('5.1.1', undefined), '5.1.1');
});

test('findReply: a reply code in parentheses counts only beside a status code of its class', () => {
  assert.equal(findReply('5.1.1 (550) <bob@example.com> User unknown'), 550);
  assert.equal(findReply('4.2.2 (452) mailbox over quota', '4'), 452);
  assert.equal(findReply('5.1.1 (450) odd pairing'), undefined);
  assert.equal(findReply('Questions? Call (530) or write to us.'), undefined);
});

test('findStatus: with the reply class, a code of that class wins, specific before catch-all', () => {
  assert.equal(findStatus('550 Remote said 4.4.7 then 5.1.1 User unknown', '5'), '5.1.1');
  assert.equal(findStatus('450 said 5.1.1 then 4.2.2 full', '4'), '4.2.2');
  assert.equal(findStatus('550 said 5.0.0 then 4.4.1', '5'), '5.0.0');
  assert.equal(findStatus('550 only 4.4.1 here', '5'), '4.4.1');
  assert.equal(findStatus('250 ok 2.0.0 queued', '2'), '2.0.0');
  assert.equal(findStatus('250 ok 2.0.0 queued'), undefined);
});

test('findReply: a number followed by a unit is a quantity, not a reply code', () => {
  assert.equal(findReply('Message expired after 550 minutes'), undefined);
  assert.equal(findReply('message of 552 KB refused'), undefined);
  assert.equal(findReply('said: 550 Daystar rejected you'), 550);
});

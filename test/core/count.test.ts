import assert from 'node:assert/strict';
import { test } from 'node:test';
import { count } from '../../src/findings/count.js';

test('counts read as English: 1 recipient, 2 recipients, 0 days, irregular plurals given', () => {
  assert.equal(count(1, 'recipient'), '1 recipient');
  assert.equal(count(2, 'recipient'), '2 recipients');
  assert.equal(count(0, 'day'), '0 days');
  assert.equal(count(1, 'more day', 'more days'), '1 more day');
  assert.equal(count(3, 'entry', 'entries'), '3 entries');
});

// The decoder (ndr) and explainReply (probe, send, relay) read the codes of a reply with one pair of
// finders (formats/codes.ts), so they agree on which status a reply carries.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeBounce } from '../../src/ndr/decode.js';
import { explainReply } from '../../src/ndr/explain.js';

const LINES: [string, string, number][] = [
  // Two codes quoted: the later, specific one of the reply's class (5.x.x for a 5yz reply).
  ['550 Remote said 4.4.7 then 5.1.1 User unknown', '5.1.1', 550],
  ['450 host said 5.1.1 then 4.2.2 mailbox full', '4.2.2', 450],
  ['550 see 5.0.0 and 5.2.2 mailbox full', '5.2.2', 550],
];

for (const [line, status, reply] of LINES) {
  test(`decoder and explainReply agree: "${line}" → ${status}`, () => {
    const e = explainReply(line);
    assert.equal(e.status, status);
    assert.equal(e.replyCode, reply);
    const r = decodeBounce(`bob@example.com\n${line}\n`).recipients[0];
    assert.equal(r?.status, status);
    assert.equal(r?.replyCode, reply);
  });
}

test('explainReply reads no reply code from a quantity ("after 550 minutes")', () => {
  assert.equal(explainReply('Message expired after 550 minutes').replyCode, undefined);
});

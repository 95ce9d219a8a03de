// The NDR explainer names the blocklist check for blocklist rejections, with the client IP from the bounce.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clientAddress } from '../../src/ndr/blocklist-hint.js';
import { explainReply } from '../../src/ndr/explain.js';

const CASES: [string, string][] = [
  [
    '550 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org; https://www.spamhaus.org/query/ip/192.0.2.1',
    'mailflow blocklist 192.0.2.1',
  ],
  [
    '554 5.7.1 Service unavailable; Client host [198.51.100.9] listed at bl.spamcop.net',
    'mailflow blocklist 198.51.100.9',
  ],
  [
    '550 5.7.606 Access denied, banned sending IP [192.0.2.55]. To request removal from this list please visit https://sender.office.com/',
    'mailflow blocklist 192.0.2.55',
  ],
  [
    "550 5.7.1 Unfortunately, messages from [192.0.2.66] weren't sent. Please contact your Internet service provider since part of their network is on our block list (S3150).",
    'mailflow blocklist 192.0.2.66',
  ],
  [
    '421-4.7.0 [192.0.2.77      15] Our system has detected that this message is suspicious due to the very low reputation of the sending IP address.',
    'mailflow blocklist 192.0.2.77',
  ],
  ['550 5.7.1 [IPv6:2001:db8::25] blocked using zen.spamhaus.org', 'mailflow blocklist 2001:db8::25'],
  ['554 5.7.1 blocked using b.barracudacentral.org', 'mailflow blocklist <sending-server-ip>'],
];

test('blocklist rejections suggest mailflow blocklist <client ip>', () => {
  for (const [line, command] of CASES) assert.equal(explainReply(line).command, command, line);
});

test('other rejections keep their own command; only a parsed IP reaches the command line', () => {
  assert.doesNotMatch(
    explainReply('550 5.1.1 <x@example.com>: Recipient address rejected').command ?? '',
    /blocklist/,
  );
  assert.equal(clientAddress('host [127.0.0.2] answered for [192.0.2.9]; rm -rf /'), '192.0.2.9');
  assert.equal(clientAddress('blocked using zen.spamhaus.org; $(touch x)'), undefined);
});

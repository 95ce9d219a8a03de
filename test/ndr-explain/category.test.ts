import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { explainReply } from '../../src/ndr/explain.js';
import { CATEGORIES, type Category, categoryFromStatus, classify } from '../../src/ndr/reasons/index.js';

// Real-looking replies as they appear in bounces from common servers, with the category a person
// would give them.
const CASES: [string, Category][] = [
  ['550 5.1.1 <kijitora@example.jp>... User Unknown', 'unknown-user'],
  [
    '550 5.1.1 <x@example.org>: Recipient address rejected: User unknown in virtual mailbox table',
    'unknown-user',
  ],
  [
    "550-5.1.1 The email account that you tried to reach does not exist. Please try double-checking the recipient's email address - gsmtp",
    'unknown-user',
  ],
  ['550 5.1.1 RESOLVER.ADR.RecipNotFound; not found', 'unknown-user'],
  ['550 sorry, no mailbox here by that name. (#5.1.1)', 'unknown-user'],
  ['550 <x@example.com>: User unknown', 'unknown-user'],
  [
    "554 delivery error: dd This user doesn't have a yahoo.com account (x@yahoo.com) [0] - mta1397.mail.ne1.yahoo.com",
    'unknown-user',
  ],
  ['550 5.1.6 recipient no longer on server: kijitora@example.jp', 'unknown-user'],
  ['550 5.2.1 The email account that you tried to reach is disabled.', 'unknown-user'],
  ['550 5.7.1 <x@sfr.fr>: Recipient address rejected: User unknown', 'unknown-user'],
  ['552 5.2.2 <neko@example.org> Quota exceeded', 'mailbox-full'],
  ['452 4.2.2 The email account that you tried to reach is over quota.', 'mailbox-full'],
  ['550 5.2.2 STOREDRV.Deliver: mailbox full.', 'mailbox-full'],
  ["5.1.0 - Unknown address error 550-'5.2.2 <kijitora@example.jp>... Mailbox Full'", 'mailbox-full'],
  ['552 5.3.4 Message size exceeds fixed limit', 'message-too-large'],
  ['552 5.2.3 Message size exceeds fixed maximum message size (10485760)', 'message-too-large'],
  ['550 5.2.3 RESOLVER.RST.RecipSizeLimit; message too large for this recipient', 'message-too-large'],
  ['554 5.7.1 Service unavailable; Client host [203.0.113.5] blocked using zen.spamhaus.org', 'blocked'],
  ['521-5.7.1 Service unavailable; client [203.0.113.225] blocked using dnsbl.sorbs.net', 'blocked'],
  [
    '550 5.7.606 Access denied, banned sending IP [198.51.100.222]. To request removal from this list please visit https://sender.office.com/',
    'blocked',
  ],
  [
    '421 4.7.0 [TSS04] Messages from 192.0.2.1 temporarily deferred due to unexpected volume or user complaints',
    'blocked',
  ],
  [
    '550 5.7.1 Our system has detected an unusual rate of unsolicited mail originating from your IP address.',
    'blocked',
  ],
  [
    '451 4.7.650 The mail server [192.0.2.1] has been temporarily rate limited due to IP reputation. (S775)',
    'blocked',
  ],
  ['550 Ip frequency limited', 'blocked'],
  [
    '550-5.7.26 This mail has been blocked because the sender is unauthenticated. Gmail requires all senders to authenticate with either SPF or DKIM.',
    'policy',
  ],
  ['550 5.7.23 The message was rejected because of Sender Policy Framework violation', 'policy'],
  ['550 5.7.1 Email rejected per DMARC policy for example.com', 'policy'],
  ['530 5.7.0 Must issue a STARTTLS command first', 'policy'],
  ['535 5.7.8 Error: authentication failed: authentication failure', 'policy'],
  ['535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant.', 'policy'],
  ['450 4.7.1 Client host rejected: cannot find your hostname, [192.0.2.9]', 'policy'],
  ['450 4.1.8 <s@nowhere.invalid>: Sender address rejected: Domain not found', 'policy'],
  [
    '450 4.2.0 <x@example.com>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/',
    'policy',
  ],
  ['550-5.7.1 This message is not RFC 5322 compliant. There are multiple From headers.', 'policy'],
  ['554 5.7.1 <x@example.com>: Relay access denied', 'relay-denied'],
  ['550 5.7.1 Unable to relay', 'relay-denied'],
  ['550 5.7.1 Relaying denied', 'relay-denied'],
  ['550 5.4.1 Recipient address rejected: Relay Access Denied', 'relay-denied'],
  ['550 5.1.2 Host unknown (Name server: example.invalid: host not found)', 'host-not-found'],
  ['556 5.1.10 Recipient address has null MX', 'host-not-found'],
  ["DNS Error: 39857475 DNS type 'mx' lookup of example.comn responded with code NXDOMAIN", 'host-not-found'],
  [
    'Host or domain name not found. Name service error for name=example.invalid type=A: Host not found',
    'host-not-found',
  ],
  ['connect to mx.example.com[192.0.2.1]:25: Connection refused', 'network'],
  ['451 4.4.2 Timeout - closing connection', 'network'],
  ['554 5.4.6 Hop count exceeded - possible mail loop', 'network'],
  ['The recipient server did not accept our requests to connect.', 'network'],
  ['554 4.4.7 Message expired: unable to deliver in 840 minutes.<421 4.4.2 Connection timed out>', 'expired'],
  ['#550 4.4.7 QUEUE.Expired; message expired ##', 'expired'],
  ['retry timeout exceeded', 'expired'],
  ['550 5.7.1 Message content rejected, UBE, id=00000-00-000', 'spam-virus'],
  ['554 5.7.1 The message was rejected because it contains a virus', 'spam-virus'],
  ['550 5.7.1 Our system has detected that this message is likely unsolicited mail.', 'spam-virus'],
  ['503 5.5.1 Bad sequence of commands', 'other'],
  ['552 Too many recipients', 'other'],
  ['451 4.3.0 Temporary server error. Please try again later.', 'other'],
  ['User some.name (kijitora@example.jp) not listed in Domino Directory', 'unknown-user'],
  ['550 Requested action not taken: mailbox unavailable', 'unknown-user'],
  ["Sorry, I couldn't find any host named example.invalid. (#5.1.2)", 'host-not-found'],
  ["Sorry, I wasn't able to establish an SMTP connection. (#4.4.1)", 'network'],
  ['all relevant MX records point to non-existent hosts', 'host-not-found'],
  ['retry time not reached for any host after a long failure period', 'expired'],
  ['Message could not be delivered for 5 days', 'expired'],
  [
    'delivery temporarily suspended: connect to mx.example.com[192.0.2.4]:25: Connection timed out',
    'network',
  ],
  ['mail for example.com loops back to myself', 'network'],
  [
    'conversation with mx.example.com[192.0.2.4] timed out while receiving the initial server greeting',
    'network',
  ],
  ['TLS is required, but was not offered by host mx.example.com[192.0.2.4]', 'policy'],
  ['421 Too many concurrent SMTP connections from this IP address; please try again later.', 'blocked'],
  ['550 5.7.1 Sender IP reputation is too low', 'blocked'],
  ['451 4.7.1 Greylisting in action, please come back later', 'policy'],
  ['550 High probability of spam', 'spam-virus'],
  ['554 5.7.1 Message rejected because of unacceptable content.', 'spam-virus'],
  ['550 5.7.1 Message rejected as spam by Content Filtering.', 'spam-virus'],
  ['452 4.5.3 Too many recipients', 'other'],
  ['550 5.7.1 Command rejected', 'policy'],
  ['501 5.1.3 Bad recipient address syntax', 'unknown-user'],
  ['553 5.1.8 <s@nowhere.invalid>... Domain of sender address s@nowhere.invalid does not exist', 'policy'],
  ['550 5.7.27 Sender address has null MX', 'policy'],
  ['what is this', 'other'],
];

describe('classification of real-looking replies', () => {
  for (const [line, want] of CASES) {
    it(`${want}: ${line.slice(0, 70)}`, () => {
      assert.equal(explainReply(line).category, want);
    });
  }
});

describe('classify precedence', () => {
  it('a specific code beats generic words, a generic code does not', () => {
    assert.equal(classify({ status: '5.1.1', diagnostic: 'Access denied' }), 'unknown-user');
    assert.equal(classify({ status: '5.7.1', diagnostic: 'Access denied' }), 'policy');
    assert.equal(
      classify({ status: '5.1.2', diagnostic: 'Recipient address rejected: Bad destination' }),
      'host-not-found',
    );
  });

  it('falls back to the status, then the reply code', () => {
    assert.equal(classify({ status: '4.2.2' }), 'mailbox-full');
    assert.equal(classify({ status: '5.4.7' }), 'expired');
    assert.equal(classify({ replyCode: 535 }), 'policy');
    assert.equal(classify({ replyCode: 556 }), 'host-not-found');
    assert.equal(classify({ replyCode: 550 }), 'other');
    assert.equal(classify({}), 'other');
  });

  it('vendor codes outside the registry fall back to their subject', () => {
    assert.deepEqual(categoryFromStatus('5.7.999'), { category: 'policy', weak: true });
    assert.equal(categoryFromStatus('5.1.9'), undefined);
  });
});

describe('CATEGORIES', () => {
  it('documents every category once, with a label and description', () => {
    const ids = CATEGORIES.map((c) => c.id);
    assert.deepEqual(ids, [
      'unknown-user',
      'mailbox-full',
      'message-too-large',
      'blocked',
      'policy',
      'relay-denied',
      'host-not-found',
      'network',
      'expired',
      'spam-virus',
      'other',
    ]);
    for (const c of CATEGORIES) {
      assert.ok(c.label.length > 2 && c.description.length > 20, c.id);
    }
  });
});

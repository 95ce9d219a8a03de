import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EXCHANGE2000 } from '../../src/ndr/codes/exchange2000.js';
import { CLASSES, DETAILS, registryDetail, SUBJECTS } from '../../src/ndr/codes/registry.js';
import { REPLY_CODES } from '../../src/ndr/codes/reply-codes.js';
import { CATEGORIES, explain, explainReply } from '../../src/ndr/explain.js';
import { hostileTest } from '../helpers/hostile.js';

describe('IANA registry table', () => {
  it('holds every class, subject and the 81 enumerated codes', () => {
    assert.deepEqual([...CLASSES.keys()], ['2', '4', '5']);
    assert.equal(SUBJECTS.size, 8);
    assert.equal(DETAILS.size, 81);
    for (const [s, max] of [
      [0, 0],
      [1, 10],
      [2, 4],
      [3, 6],
      [4, 7],
      [5, 6],
      [6, 10],
      [7, 30],
    ] as const) {
      for (let d = 0; d <= max; d++) assert.ok(DETAILS.has(`${s}.${d}`), `X.${s}.${d}`);
    }
  });

  it('looks codes up by subject and detail, not by class', () => {
    assert.equal(registryDetail('5.1.1')?.title, 'Bad destination mailbox address');
    assert.equal(registryDetail('4.1.1')?.title, 'Bad destination mailbox address');
    assert.equal(registryDetail('5.7.30')?.rfc, 'RFC 8689');
    assert.equal(registryDetail('5.1.10')?.rfc, 'RFC 7505');
    assert.equal(registryDetail('5.7.606'), undefined);
    assert.equal(registryDetail('5.4.8'), undefined);
  });

  it('knows the basic reply codes of RFC 5321 §4.2', () => {
    for (const c of [
      220, 221, 250, 354, 421, 450, 451, 452, 500, 501, 502, 503, 504, 550, 551, 552, 553, 554,
    ]) {
      assert.ok(REPLY_CODES.has(c), String(c));
    }
  });
});

describe('class: transient or permanent', () => {
  it('4.x.x is transient and says the sender retries, for how long', () => {
    const e = explain({ status: '4.2.2', replyCode: 452 });
    assert.equal(e.transient, true);
    assert.match(e.meaning, /retries on its own, usually for up to 5 days/);
    assert.match(e.summary, /^Temporary failure \(452 4\.2\.2\)/);
  });

  it('5.x.x is permanent', () => {
    const e = explain({ status: '5.1.1' });
    assert.equal(e.transient, false);
    assert.match(e.meaning, /instead of retrying/);
    assert.match(e.summary, /^Permanent failure \(5\.1\.1\): Bad destination mailbox address/);
  });

  it('a 5xx reply decides even when the status class says 4', () => {
    assert.equal(explainReply('554 4.4.7 Message expired').transient, false);
  });

  it('a 4.x.x in a report whose action is "failed" means the retries ran out', () => {
    const e = explain({
      status: '4.4.1',
      diagnostic: 'connect to example.com[192.0.2.1]: Connection timed out',
      action: 'failed',
    });
    assert.equal(e.transient, false);
    assert.equal(e.category, 'expired');
    assert.match(e.meaning, /stopped retrying/);
  });

  it('a connection failure without code in a failed report is an expiry', () => {
    const e = explain({
      diagnostic: 'The recipient server did not accept our requests to connect.',
      action: 'failed',
    });
    assert.equal(e.category, 'expired');
    assert.equal(e.transient, false);
  });

  it('a catch-all X.0.0 yields to a specific code quoted in the text', () => {
    const e = explain({
      status: '5.0.0',
      replyCode: 554,
      diagnostic: '554 5.7.1 <a@example.com>: Relay access denied',
    });
    assert.equal(e.status, '5.7.1');
    assert.equal(e.category, 'relay-denied');
  });

  it('2.x.x is a success', () => {
    assert.match(explain({ status: '2.1.5', replyCode: 250 }).summary, /^Success/);
  });
});

describe("the book's Table 2 (Exchange 2000)", () => {
  it('has the chapter 7 codes from 4.3.1 to 5.7.1', () => {
    const codes = [...EXCHANGE2000.keys()];
    for (const c of [
      '4.3.1',
      '4.3.2',
      '4.4.1',
      '4.4.2',
      '4.4.6',
      '4.4.7',
      '5.0.0',
      '5.1.0',
      '5.1.1',
      '5.1.3',
      '5.1.4',
    ]) {
      assert.ok(codes.includes(c), c);
    }
    for (const c of [
      '5.1.6',
      '5.1.7',
      '5.2.1',
      '5.2.2',
      '5.2.3',
      '5.3.3',
      '5.3.5',
      '5.4.0',
      '5.4.4',
      '5.4.6',
      '5.4.8',
    ]) {
      assert.ok(codes.includes(c), c);
    }
    for (const c of ['5.5.2', '5.5.3', '5.7.1']) assert.ok(codes.includes(c), c);
  });

  it('adds cause and troubleshooting with a book citation for each code', () => {
    for (const code of EXCHANGE2000.keys()) {
      const e = explain({ status: code });
      assert.ok(e.book, code);
      assert.match(e.meaning, /book ch\. 7, Table 2/, code);
      assert.match(e.nextStep, /book ch\. 7, Table 2/, code);
      assert.ok(
        e.sources.some((s) => s.startsWith('Book ch. 7') && s.includes('Table 2')),
        code,
      );
    }
  });

  it('5.4.0: name resolution, sender admin, confirm with mailflow mx <domain>', () => {
    const e = explain({ status: '5.4.0', recipient: 'user@example.net' });
    assert.equal(e.category, 'host-not-found');
    assert.equal(e.whoActs, 'sender-admin');
    assert.equal(e.command, 'mailflow mx example.net');
    assert.match(e.meaning, /smart host/);
    assert.match(e.ref, /^Book ch\. 7/);
  });

  it("5.4.8 with MTA-STS text is read as Microsoft's meaning, not the book's loop", () => {
    const e = explainReply('550 5.4.8 MX hosts of example.com failed MTA-STS validation');
    assert.equal(e.provider, 'microsoft');
    assert.equal(e.category, 'policy');
    assert.equal(e.command, 'mailflow check example.com');
  });
});

describe('provider readings override the registry', () => {
  it('Exchange Online 5.1.10 is "recipient not found", not null MX', () => {
    const e = explainReply(
      '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup',
    );
    assert.equal(e.category, 'unknown-user');
    assert.equal(e.provider, 'microsoft');
    assert.equal(e.whoActs, 'sender');
    assert.match(e.meaning, /not the registry's null-MX meaning/);
    assert.match(e.meaning, /Recipient address has null MX/);
    assert.match(e.ref, /Exchange Online/);
  });

  it('5.1.10 from an on-premises Exchange Server is not called Exchange Online', () => {
    const e = explain({
      status: '5.1.10',
      remoteMta: 'dns; exch01.contoso.example',
      diagnostic:
        'smtp; 550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup',
    });
    assert.equal(e.category, 'unknown-user');
    assert.doesNotMatch(
      `${e.summary} ${e.meaning}`,
      /Exchange Online (?:looked|reported)|\(Exchange Online\)/,
    );
    assert.match(e.summary, /Microsoft Exchange/);
    // The source is still Microsoft's Exchange Online table: the only one that lists 5.1.10.
    assert.match(e.ref, /Exchange Online \(5\.1\.10/);
  });

  it("5.1.10 from an Exchange Online host is Microsoft's meaning even without the text", () => {
    const e = explain({ status: '5.1.10', remoteMta: 'dns; contoso-com.mail.protection.outlook.com' });
    assert.equal(e.category, 'unknown-user');
  });

  it('5.1.10 elsewhere keeps the registry meaning: null MX', () => {
    const e = explainReply(
      '556 5.1.10 <a@example.org>: Recipient address rejected: Domain example.org does not accept mail (nullMX)',
    );
    assert.equal(e.provider, undefined);
    assert.equal(e.category, 'host-not-found');
    assert.match(e.summary, /null MX/);
    assert.equal(e.command, 'mailflow mx example.org');
  });

  it('Gmail 4.7.27 means SPF did not pass, not sender null MX', () => {
    const e = explainReply(
      "421-4.7.27 Your email has been rate limited because SPF authentication didn't pass for this message. Gmail requires all bulk email senders to authenticate their email with SPF. - gsmtp",
    );
    assert.equal(e.provider, 'gmail');
    assert.equal(e.category, 'policy');
    assert.match(e.summary, /SPF did not pass/);
    assert.equal(e.transient, true);
  });

  it('Gmail 5.7.30 means DKIM, not REQUIRETLS', () => {
    const e = explainReply('550 5.7.30 This message does not pass DKIM authentication. - gsmtp');
    assert.match(e.summary, /DKIM/);
  });

  it('Exchange Online SMTP AUTH refusals (5.7.30, 5.7.139, 5.7.57, 5.7.3) point to OAuth: mailflow send --auth xoauth2', () => {
    const cases: [string, RegExp][] = [
      [
        '550 5.7.30 Basic authentication is not supported for Client Submission',
        /Basic authentication is not supported/,
      ],
      [
        '535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant. Visit https://aka.ms/smtp_auth_disabled for more information.',
        /SMTP AUTH or Basic authentication disabled/,
      ],
      [
        '535 5.7.139 Authentication unsuccessful, basic authentication is disabled.',
        /Basic authentication disabled/,
      ],
      [
        '530 5.7.57 Client not authenticated to send mail. [BN0PR04CA0123.namprd04.prod.outlook.com]',
        /did not authenticate/,
      ],
      [
        '535 5.7.3 Authentication unsuccessful [BN0PR04CA0123.namprd04.prod.outlook.com]',
        /Authentication unsuccessful/,
      ],
    ];
    for (const [line, summary] of cases) {
      const e = explainReply(line);
      assert.match(e.summary, summary, line);
      assert.equal(e.category, 'policy', line);
      assert.equal(e.whoActs, 'sender-admin', line);
      assert.match(e.nextStep, /OAuth/, line);
      assert.match(e.nextStep, /mailflow send --auth xoauth2/, line);
      assert.match(e.command ?? '', /^mailflow send .*--auth xoauth2/, line);
    }
    assert.match(explainReply(cases[0]![0]).meaning, /end of December 2026/);
    // The same codes elsewhere keep their own readings.
    assert.match(
      explainReply('550 5.7.30 This message does not pass DKIM authentication. - gsmtp').summary,
      /DKIM/,
    );
    const exs = explainReply('550 5.7.3 Cannot achieve Exchange Server authentication');
    assert.match(exs.summary, /Exchange Server authentication/);
    assert.match(exs.nextStep, /X-EXPS/);
  });

  it('Exchange Online 5.2.2 with "Submission quota exceeded" is the sender\'s limit, not a full mailbox', () => {
    const e = explainReply(
      '554 5.2.2 mailbox full; STOREDRV.Submission.Exception:SubmissionQuotaExceededException; Submission quota exceeded',
    );
    assert.equal(e.category, 'blocked');
    assert.equal(e.whoActs, 'sender');
  });

  it('Microsoft vendor codes and ranges', () => {
    const cases: [string, string, string][] = [
      ['550 5.7.708 Access denied, traffic not accepted from this IP', 'blocked', 'sender-admin'],
      [
        '550 5.7.750 Service unavailable. Client blocked from sending from unregistered domains',
        'blocked',
        'sender-admin',
      ],
      ['550 5.7.612 Access denied, banned sending IP [192.0.2.1]', 'blocked', 'sender-admin'],
      ['451 4.7.512 Access denied, please try again later (AS1234)', 'blocked', 'sender-admin'],
      [
        '550 5.7.509 Access denied, sending domain example.com does not pass DMARC verification',
        'policy',
        'sender-admin',
      ],
      ['550 5.7.133 RESOLVER.RST.SenderNotAuthenticatedForGroup', 'policy', 'recipient-admin'],
      ['550 5.7.955 Delivery not authorized, message refused', 'policy', 'recipient-admin'],
      ['550 5.4.1 Recipient address rejected: Access denied. AS(201806281)', 'unknown-user', 'sender'],
      ['550 5.4.1 Relay Access Denied', 'relay-denied', 'recipient-admin'],
      [
        '550 5.4.316 Message expired, connection refused(Socket error code 10061)',
        'network',
        'recipient-admin',
      ],
      ['550 5.4.300 Message expired', 'expired', 'recipient-admin'],
      ['550 5.1.8 Access denied, bad outbound sender', 'blocked', 'sender-admin'],
    ];
    for (const [line, category, who] of cases) {
      const e = explainReply(line);
      assert.equal(e.category, category, line);
      assert.equal(e.whoActs, who, line);
      assert.ok(e.provider === 'microsoft' || e.provider === 'outlook.com', line);
    }
  });

  it('4.4.7 from Exchange cites Microsoft; from another server it stays generic', () => {
    assert.equal(explainReply('#550 4.4.7 QUEUE.Expired; message expired ##').provider, 'microsoft');
    const e = explainReply('451 4.4.7 Message expired');
    assert.equal(e.provider, undefined);
    assert.equal(e.category, 'expired');
  });

  it('Yahoo, iCloud and Outlook.com texts', () => {
    const y = explainReply(
      '421 4.7.0 [TSS04] Messages from 192.0.2.1 temporarily deferred due to unexpected volume or user complaints',
    );
    assert.equal(y.provider, 'yahoo');
    assert.equal(y.category, 'blocked');
    const y2 = explainReply(
      '553 5.7.2 [TSS09] All messages from 192.0.2.1 will be permanently deferred; Retrying will NOT succeed.',
    );
    assert.match(y2.summary, /permanently blocked/);
    const a = explainReply(
      '554 5.7.1 [HME1] This message was blocked for failing both SPF and DKIM authentication checks.',
    );
    assert.equal(a.provider, 'icloud');
    assert.equal(a.category, 'policy');
    assert.equal(a.command, 'mailflow check <sender-domain>');
    const o = explainReply(
      "550 5.7.1 Unfortunately, messages from [192.0.2.1] weren't sent. Please contact your Internet service provider since part of their network is on our block list (S3150).",
    );
    assert.equal(o.provider, 'outlook.com');
    assert.equal(o.category, 'blocked');
  });
});

describe('who acts, what next, which mailflow command', () => {
  it('5.1.1: the sender checks the address; no network command needed', () => {
    const e = explainReply('550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown');
    assert.equal(e.whoActs, 'sender');
    assert.match(e.nextStep, /typos/);
    assert.equal(e.command, undefined);
  });

  it('5.1.2: domain not found → mailflow mx with the recipient domain', () => {
    const e = explain({ status: '5.1.2', recipient: 'bob@exmaple.com' });
    assert.equal(e.category, 'host-not-found');
    assert.equal(e.command, 'mailflow mx exmaple.com');
  });

  it('relay denied → mailflow relay against the server', () => {
    const e = explainReply('550 5.7.1 Unable to relay', { remoteMta: 'mail.example.com' });
    assert.equal(e.category, 'relay-denied');
    assert.equal(e.command, 'mailflow relay mail.example.com');
  });

  it('STARTTLS required → mailflow ehlo --starttls', () => {
    const e = explainReply('530 5.7.0 Must issue a STARTTLS command first', {
      remoteMta: 'smtp.example.com',
    });
    assert.equal(e.category, 'policy');
    assert.equal(e.command, 'mailflow ehlo --starttls smtp.example.com');
  });

  it('bad credentials → authenticated test send', () => {
    const e = explainReply('535 5.7.8 Error: authentication failed: UGFzc3dvcmQ6', {
      remoteMta: 'smtp.example.com',
    });
    assert.equal(e.category, 'policy');
    assert.equal(e.whoActs, 'sender');
    assert.match(e.command ?? '', /^mailflow send --server smtp\.example\.com --auth login/);
  });

  it('message too large → mailflow ehlo shows the SIZE limit', () => {
    const e = explainReply('552 5.3.4 Message size exceeds fixed limit', { recipient: 'a@example.org' });
    assert.equal(e.category, 'message-too-large');
    assert.equal(e.whoActs, 'sender');
    assert.equal(e.command, 'mailflow ehlo example.org');
  });

  it('timeouts → mailflow probe <domain>', () => {
    const e = explain({
      status: '4.4.1',
      diagnostic: 'connect to mx.example.org[192.0.2.7]:25: Connection timed out',
      recipient: 'x@example.org',
    });
    assert.equal(e.category, 'network');
    assert.equal(e.whoActs, 'recipient-admin');
    assert.equal(e.command, 'mailflow probe example.org');
    assert.match(e.nextStep, /^Wait: the sending server retries/);
  });

  it('SPF/DMARC → mailflow check <sender-domain>', () => {
    const e = explain({
      status: '5.7.26',
      diagnostic: "Unauthenticated email from example.com is not accepted due to domain's DMARC policy",
      sender: 'news@example.com',
    });
    assert.equal(e.category, 'policy');
    assert.equal(e.whoActs, 'sender-admin');
    assert.equal(e.command, 'mailflow check example.com');
  });

  it('a domain that does not exist is for the sender to check; missing MX records are for the recipient admin', () => {
    const nx = explain({
      diagnostic:
        'Host or domain name not found. Name service error for name=exmaple.com type=MX: Host not found',
      recipient: 'a@exmaple.com',
    });
    assert.equal(nx.category, 'host-not-found');
    assert.equal(nx.whoActs, 'sender');
    assert.equal(nx.command, 'mailflow mx exmaple.com');
    const nomx = explainReply(
      "DNS Error: 16578478 DNS type 'mx' lookup of example.org responded with code NOERROR",
      {
        remoteMta: 'mx.google.com',
      },
    );
    assert.equal(nomx.category, 'host-not-found');
    assert.equal(nomx.whoActs, 'recipient-admin');
    assert.equal(nomx.command, 'mailflow mx example.org');
  });

  it('the domain is taken from the diagnostic when no recipient is given', () => {
    assert.equal(
      explainReply("550 5.1.2 DNS type 'mx' lookup of gmal.com responded with code NXDOMAIN").command,
      'mailflow mx gmal.com',
    );
  });

  it('greylisting says to wait', () => {
    const e = explainReply('450 4.2.0 <a@example.com>: Recipient address rejected: Greylisted');
    assert.equal(e.transient, true);
    assert.match(e.nextStep, /greylisting/);
  });
});

describe('no code, unknown code, garbage', () => {
  it('reply code only', () => {
    const e = explainReply('421 Service not available, closing transmission channel');
    assert.equal(e.replyCode, 421);
    assert.equal(e.status, undefined);
    assert.equal(e.transient, true);
    assert.equal(e.category, 'network');
    assert.match(e.ref, /RFC 5321/);
  });

  it('554 greeting', () => {
    const e = explainReply('554 mx.example.com ESMTP not accepting messages');
    assert.equal(e.transient, false);
    assert.match(e.meaning, /no SMTP service here/);
  });

  it('text only', () => {
    const e = explain({ diagnostic: 'Mailbox is full' });
    assert.equal(e.category, 'mailbox-full');
    assert.equal(e.transient, false);
    assert.match(e.meaning, /No status code was given/);
  });

  it('a vendor code outside every table still gets class and subject', () => {
    const e = explain({ status: '5.3.777' });
    assert.match(e.meaning, /not in the IANA registry/);
    assert.match(e.meaning, /destination mail system/);
    assert.equal(e.transient, false);
  });

  hostileTest(
    'garbage and empty input give a usable explanation, quickly and without throwing',
    20_000,
    () => {
      for (const input of [
        '',
        'zzz',
        '\u0000\u0001',
        '9999 9.9.9',
        'x'.repeat(1_000_000),
        `550 ${'5.1.1 '.repeat(100_000)}`,
      ]) {
        const e = explainReply(input);
        assert.ok(CATEGORIES.some((c) => c.id === e.category));
        assert.ok(e.summary.length > 0 && e.nextStep.length > 0 && e.ref.length > 0);
        assert.ok(e.sources.length > 0);
      }
      const e = explain({});
      assert.equal(e.category, 'other');
      assert.equal(e.whoActs, 'unknown');
    },
  );

  it('suggested commands never carry shell metacharacters from a hostile bounce', () => {
    const e = explain({
      status: '5.7.8',
      replyCode: 535,
      recipient: '$(touch /tmp/x)@example.com',
      remoteMta: 'mx.example.com; rm -rf /',
    });
    assert.doesNotMatch(e.command ?? '', /[$;`|&]/);
    const e2 = explainReply(
      "550 5.1.2 DNS type 'mx' lookup of `id`.example.com responded with code NXDOMAIN",
    );
    assert.doesNotMatch(e2.command ?? '', /[$;`|&]/);
  });

  it('invalid inputs are ignored rather than echoed', () => {
    const e = explain({ status: 'not-a-code', replyCode: 9999 });
    assert.equal(e.status, undefined);
    assert.equal(e.replyCode, undefined);
  });
});

describe('positive replies', () => {
  it('2xx and 3xx are not failures', () => {
    const ok = explainReply('250 2.0.0 Ok: queued as 4XyzAbC');
    assert.match(ok.summary, /^Success \(250 2\.0\.0\): Requested action completed/);
    assert.equal(ok.transient, false);
    assert.equal(ok.category, 'other');
    assert.equal(ok.command, undefined);
    assert.match(ok.nextStep, /^Nothing to do/);
    const go = explainReply('354 End data with <CR><LF>.<CR><LF>');
    assert.match(go.summary, /^Intermediate \(354\)/);
    assert.match(go.nextStep, /^Nothing to do/);
  });
});

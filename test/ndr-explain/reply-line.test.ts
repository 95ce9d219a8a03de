import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findStatus } from '../../src/ndr/formats/codes.js';
import { findReplyCode, MAX_REPLY, parseReplyLine } from '../../src/ndr/reply-line.js';
import { hostileTest } from '../helpers/hostile.js';

describe('parseReplyLine', () => {
  it('splits reply code, enhanced status and text', () => {
    assert.deepEqual(parseReplyLine('550 5.1.1 <x@example.com>: Recipient address rejected: User unknown'), {
      replyCode: 550,
      status: '5.1.1',
      text: '<x@example.com>: Recipient address rejected: User unknown',
    });
  });

  it('joins a multi-line dash reply and keeps the first status', () => {
    const r = parseReplyLine(
      '550-5.7.26 This mail has been blocked because the sender is unauthenticated.\r\n550-5.7.26 Gmail requires all senders to authenticate.\r\n550 5.7.26 https://support.google.com/mail/answer/81126 - gsmtp',
    );
    assert.equal(r.replyCode, 550);
    assert.equal(r.status, '5.7.26');
    assert.equal(
      r.text,
      'This mail has been blocked because the sender is unauthenticated. Gmail requires all senders to authenticate. https://support.google.com/mail/answer/81126 - gsmtp',
    );
  });

  it('reads a single dash-form line', () => {
    assert.deepEqual(parseReplyLine('550-5.7.1 Unable to relay'), {
      replyCode: 550,
      status: '5.7.1',
      text: 'Unable to relay',
    });
  });

  it('handles replies without an enhanced code', () => {
    assert.deepEqual(parseReplyLine('554 Transaction failed'), {
      replyCode: 554,
      text: 'Transaction failed',
    });
    assert.deepEqual(parseReplyLine('421'), { replyCode: 421, text: '' });
  });

  it('handles a bare enhanced code, and status-before-reply order', () => {
    assert.deepEqual(parseReplyLine('5.1.1 User unknown'), { status: '5.1.1', text: 'User unknown' });
    assert.deepEqual(parseReplyLine('4.4.7 451 Timeout'), {
      status: '4.4.7',
      replyCode: 451,
      text: 'Timeout',
    });
  });

  it('strips Exchange and DSN wrapping', () => {
    assert.deepEqual(parseReplyLine('#550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##'), {
      replyCode: 550,
      status: '5.1.1',
      text: 'RESOLVER.ADR.RecipNotFound; not found',
    });
    assert.deepEqual(parseReplyLine("Remote Server returned '550 5.7.1 Unable to relay'"), {
      replyCode: 550,
      status: '5.7.1',
      text: 'Unable to relay',
    });
    assert.deepEqual(parseReplyLine('Diagnostic-Code: smtp; 552 5.2.2 Quota exceeded'), {
      replyCode: 552,
      status: '5.2.2',
      text: 'Quota exceeded',
    });
    assert.deepEqual(parseReplyLine('550 #5.7.1 Your access to submit messages has been rejected'), {
      replyCode: 550,
      status: '5.7.1',
      text: 'Your access to submit messages has been rejected',
    });
  });

  it('normalises leading zeros in the status', () => {
    assert.equal(parseReplyLine('550 5.01.001 x').status, '5.1.1');
  });

  it('returns only text for garbage and never throws', () => {
    for (const junk of [
      '',
      '   ',
      'hello world',
      '999 nope',
      '5.9',
      '\u0000\u0001\u0002',
      '1234 5.1.1 x',
      '600 6.1.1 x',
    ]) {
      const r = parseReplyLine(junk);
      assert.equal(r.replyCode, undefined, junk);
      assert.equal(typeof r.text, 'string');
    }
    assert.equal(parseReplyLine('hello world').text, 'hello world');
  });

  hostileTest('bounds work on huge input', 20_000, () => {
    const r = parseReplyLine(`550 5.1.1 ${'x'.repeat(2_000_000)}`);
    assert.equal(r.status, '5.1.1');
    assert.ok(r.text.length <= MAX_REPLY);
  });
});

describe('findStatus', () => {
  it('finds a code inside free text', () => {
    assert.equal(findStatus('host mx.example.com[192.0.2.1] said: 550 5.1.1 <a@b>: unknown'), '5.1.1');
    assert.equal(findStatus('Sorry, no mailbox here by that name. (#5.1.1)'), '5.1.1');
  });

  it('skips IP addresses and version numbers, and prefers a specific code over X.0.0', () => {
    assert.equal(findStatus('connect to 10.5.4.3 failed'), undefined);
    assert.equal(findStatus('Postfix v2.11.3 here'), undefined);
    assert.equal(findStatus('550 5.0.0 then 5.2.2 mailbox full'), '5.2.2');
    assert.equal(findStatus('550 5.0.0 only'), '5.0.0');
    assert.equal(findStatus('5.9.1 is not a subject'), undefined);
  });
});

describe('findReplyCode', () => {
  it('finds a reply code only where its shape is clear', () => {
    assert.equal(findReplyCode('host mx.example.com[192.0.2.1] said: 550 5.1.1 <a@b>: unknown'), 550);
    assert.equal(
      findReplyCode('SMTP error from remote mail server after RCPT TO:<a@b>: 550-5.7.1 blocked'),
      550,
    );
    assert.equal(findReplyCode("Remote Server returned '554 Transaction failed'"), 554);
    assert.equal(findReplyCode('host said: 452 too many'), 452);
    assert.equal(findReplyCode('Message expired after 550 minutes'), undefined);
    assert.equal(findReplyCode('port 25 on 192.0.2.250 closed'), undefined);
  });
});

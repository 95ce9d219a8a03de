// Organisational domains from the Public Suffix List (tldts): suffixes of two and three labels,
// wildcard and exception rules, the list's private section; and what they decide in `headers`
// (DMARC alignment, the hop where a message entered the receiver's organisation).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { orgDomain } from '../../src/headers/domain.js';
import { readHead } from '../../src/headers/message.js';
import { toResult } from '../../src/headers/report.js';

test('org domains under the suffixes of the Public Suffix List, its private section included', () => {
  const cases: [string | null, string | null][] = [
    ['mx.example.co.uk', 'example.co.uk'],
    ['Example.CO.UK.', 'example.co.uk'],
    ['a.b.example.com.au', 'example.com.au'],
    // act.edu.au is a suffix of its own, not an organisation under edu.au.
    ['school.act.edu.au', 'school.act.edu.au'],
    // *.kawasaki.jp, except city.kawasaki.jp.
    ['a.b.c.kawasaki.jp', 'b.c.kawasaki.jp'],
    ['www.city.kawasaki.jp', 'city.kawasaki.jp'],
    // Private suffixes count: every github.io site is its own organisation.
    ['foo.github.io', 'foo.github.io'],
    ['MX.Foo.GitHub.IO', 'foo.github.io'],
    ['mail-sor-f41.google.com', 'google.com'],
    // A top-level domain the list does not name is one label (its default rule).
    ['mx.rcpt.example', 'rcpt.example'],
    // A public suffix itself has no organisation above it: it is its own.
    ['co.uk', 'co.uk'],
    ['github.io', 'github.io'],
    ['198.51.100.7', null],
    ['localhost', null],
    ['not a name', null],
    ['', null],
    [null, null],
  ];
  for (const [name, org] of cases) assert.equal(orgDomain(name), org, String(name));
});

function alignment(from: string, d: string, mailFrom: string) {
  const m = readHead(
    [
      `Authentication-Results: mx.rcpt.example; spf=pass smtp.mailfrom=${mailFrom}; dkim=pass header.d=${d}`,
      `From: a@${from}`,
      '',
      '',
    ].join('\n'),
  );
  assert.ok(m);
  return toResult('test', m, [], null, null).data.alignment;
}

test('alignment: two github.io sites are two organisations; a subdomain under co.uk aligns with its parent', () => {
  const pages = alignment('foo.github.io', 'bar.github.io', 'mail.bar.github.io');
  assert.equal(pages.aligned, false);
  assert.equal(pages.spfAligned, false);
  assert.deepEqual(pages.dkimDomains, [{ domain: 'bar.github.io', result: 'pass', aligned: false }]);
  const uk = alignment('news.example.co.uk', 'example.co.uk', 'bounces.example.co.uk');
  assert.equal(uk.aligned, true);
  assert.equal(uk.spfAligned, true);
  assert.equal(alignment('example.co.uk', 'other.co.uk', 'other.co.uk').aligned, false);
  assert.equal(alignment('example.com.au', 'mail.example.com.au', 'example.com.au').aligned, true);
});

test('the path: a hop between two github.io sites enters the receiver there, not earlier', () => {
  const m = readHead(
    [
      'Received: from mx.foo.github.io (mx.foo.github.io [192.0.2.2]) by store.foo.github.io with LMTP id 3; Tue, 5 Mar 2024 10:00:02 +0000',
      'Received: from out.bar.github.io (out.bar.github.io [192.0.2.1]) by mx.foo.github.io with ESMTPS id 2; Tue, 5 Mar 2024 10:00:01 +0000',
      'From: a@bar.github.io',
      '',
      '',
    ].join('\n'),
  );
  assert.ok(m);
  const { data } = toResult('test', m, [], null, null);
  assert.equal(data.entryHop, 1);
  assert.deepEqual(
    data.hops.map((h: { internal: boolean }) => h.internal),
    [false, true],
  );
});

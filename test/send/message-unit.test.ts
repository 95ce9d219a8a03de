// Pure parts of the message options: --size parsing and padding, attachment types and names,
// the multipart/mixed message.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UsageError } from '../../src/findings/errors.js';
import { contentTypeFor } from '../../src/send/content-types.js';
import { buildMessage } from '../../src/send/message.js';
import { fileParam, paddingLines } from '../../src/send/mime.js';
import { parseSize } from '../../src/send/size.js';

const spec = { from: 'a@example.com', to: ['b@example.net'], heloName: 'client.example.com', server: 'mx' };

test('--size: bytes and k/M suffixes (binary), with or without B/iB; nonsense and out-of-range refused', () => {
  assert.equal(parseSize('20000'), 20000);
  assert.equal(parseSize('10k'), 10240);
  assert.equal(parseSize('2M'), 2 * 1024 * 1024);
  assert.equal(parseSize('1MB'), 1024 * 1024);
  assert.equal(parseSize('1.5MiB'), 1.5 * 1024 * 1024);
  assert.equal(parseSize('64kb'), 65536);
  for (const bad of ['', 'abc', '10x', '0', '-5', '51M', '1G'])
    assert.throws(() => parseSize(bad), UsageError, bad);
  // A size with a unit the cap is below is too big, not "not a size".
  for (const big of ['100G', '2GB', '1T', '51M'])
    assert.throws(() => parseSize(big), /--size must be from 1 byte to 50M/, big);
});

test('Content-Type from the extension, case-insensitive; anything else application/octet-stream', () => {
  assert.equal(contentTypeFor('Report.PDF'), 'application/pdf');
  assert.equal(contentTypeFor('q3.docm'), 'application/vnd.ms-word.document.macroEnabled.12');
  assert.equal(contentTypeFor('setup.exe'), 'application/x-msdownload');
  assert.equal(contentTypeFor('archive.tar.gz'), 'application/gzip');
  assert.equal(contentTypeFor('data.unknownext'), 'application/octet-stream');
  assert.equal(contentTypeFor('README'), 'application/octet-stream');
});

test('file names: quoted when plain ASCII, RFC 2231 for non-ASCII, quotes and CR/LF (no header injection)', () => {
  assert.equal(fileParam('filename', 'a b.pdf'), 'filename="a b.pdf"');
  assert.equal(fileParam('filename', 'Grüße.txt'), "filename*=UTF-8''Gr%C3%BC%C3%9Fe.txt");
  const evil = fileParam('filename', 'x"\r\nBcc: victim@example.com.txt');
  assert.equal(evil, "filename*=UTF-8''x%22%0D%0ABcc%3A%20victim%40example.com.txt");
  assert.ok(!/[\r\n"]/.test(evil.slice('filename*='.length)));
});

test('padding is exactly the bytes asked for, in lines of at most 76 characters, none starting with a dot', () => {
  for (const n of [2, 3, 4, 77, 78, 79, 80, 155, 156, 157, 158, 10_000]) {
    const p = paddingLines(n);
    assert.equal(Buffer.byteLength(p), n, `n=${n}`);
    assert.ok(p.endsWith('\r\n'));
    for (const l of p.split('\r\n')) {
      assert.ok(l.length <= 76, `line of ${l.length}`);
      assert.ok(!l.startsWith('.'));
    }
  }
});

test('--size: the whole message is exactly the size asked for (multipart, padding last)', () => {
  for (const padTo of [5000, 5001, 20_480, 1024 * 1024]) {
    const m = buildMessage({ ...spec, padTo });
    assert.equal(Buffer.byteLength(m.text), padTo);
    assert.match(m.text, /^Content-Type: multipart\/mixed;\r\n boundary="=_mailflow_[0-9a-f]+"$/m);
    for (const l of m.text.split('\r\n')) assert.ok(Buffer.byteLength(l) <= 998);
  }
  // Smaller than the message itself: no padding part, nothing cut.
  const small = buildMessage({ ...spec, padTo: 10 });
  assert.ok(!small.text.includes('mailflow --size padding'));
});

test('--attach: text first, then each file base64 in lines of 76 with its type and name', () => {
  const content = Buffer.alloc(1000, 0xff);
  const m = buildMessage({ ...spec, body: 'hello', attachments: [{ name: 'x.zip', content }] });
  const boundary = /boundary="([^"]+)"/.exec(m.text)![1]!;
  const parts = m.text.split(`--${boundary}`);
  assert.equal(parts.length, 4); // preamble, text, attachment, epilogue
  assert.match(
    parts[1]!,
    /^\r\nContent-Type: text\/plain; charset=utf-8\r\nContent-Transfer-Encoding: 7bit\r\n\r\nhello\r\n/,
  );
  assert.match(
    parts[2]!,
    /Content-Type: application\/zip;\r\n name="x\.zip"\r\nContent-Transfer-Encoding: base64\r\nContent-Disposition: attachment;\r\n filename="x\.zip"\r\n\r\n/,
  );
  const b64 = parts[2]!.split('\r\n\r\n')[1]!.trim();
  assert.deepEqual(Buffer.from(b64.replace(/\r\n/g, ''), 'base64'), content);
  for (const l of b64.split('\r\n')) assert.ok(l.length <= 76);
  assert.equal(parts[3], '--\r\n');
  assert.equal(m.eightBit, false);
  assert.throws(
    () =>
      buildMessage({ ...spec, headers: ['Content-Type: text/html'], attachments: [{ name: 'a', content }] }),
    /cannot be used with --attach/,
  );
});

test('UTF-8 addresses in From/To make utf8Headers true; an ASCII message does not', () => {
  assert.equal(buildMessage(spec).utf8Headers, false);
  assert.equal(buildMessage({ ...spec, to: ['jürgen@example.de'] }).utf8Headers, true);
  // A non-ASCII subject is an RFC 2047 encoded word: no SMTPUTF8 needed.
  assert.equal(buildMessage({ ...spec, subject: 'Grüße' }).utf8Headers, false);
});

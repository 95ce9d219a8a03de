// Tables never break a token (host name, address, cipher, URL, id); a terminal too narrow for a
// table gets "key: value" lines instead; ASCII borders outside UTF-8 locales (issue 10.3).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { finding, type Result } from '../../src/findings/model.js';
import { renderHuman } from '../../src/render/human.js';
import { columnWidths } from '../../src/render/layout.js';
import { utf8Locale } from '../../src/render/style.js';
import { longestToken, textWidth, wrapText } from '../../src/render/wrap.js';
import { runCli } from '../helpers/cli.js';

/** Columns keyed c0, c1…: these tests are about layout, not column names. */
const headers = (...h: string[]) => h.map((header, i) => ({ key: `c${i}`, header }));

const URL = 'https://mta-sts.example.test/.well-known/mta-sts.txt';

const probe: Result = {
  command: 'check',
  target: 'example.test',
  data: {},
  tables: [
    {
      id: 'test.t1',
      columns: headers('Server', 'Port', 'Outcome', 'Connect', 'Greeting', 'Banner / error'),
      rows: [
        [
          'mail1.example.test\n127.0.0.10',
          '25 smtp',
          'open',
          '3 ms',
          '5 ms',
          '220 mail1.example.test ESMTP Postfix (Debian/GNU) ready TLS_AES_256_GCM_SHA384',
        ],
        [
          'mail2.example.test\n2001:db8::25',
          '25 smtp',
          'timeout',
          '-',
          '-',
          'connect ETIMEDOUT 2001:db8::25:25',
        ],
      ],
    },
    {
      id: 'test.t2',
      columns: headers('Pref', 'Exchanger', 'Address', 'Reverse DNS (PTR)', 'Points back'),
      rows: [['10', 'mail1.example.test', '127.0.0.10', 'mail1.example.test', 'yes']],
    },
  ],
  findings: [
    finding('mta-sts.fetch-failed', 'fail', {
      title: 'The MTA-STS policy could not be fetched',
      detail: `GET ${URL} failed: connect ECONNREFUSED 127.0.0.10:443`,
      fix: `Publish the policy at ${URL} over HTTPS with a valid certificate.`,
      ref: 'RFC 8461 §3.3',
    }),
    finding('tls.ok', 'ok', {
      title: 'TLSv1.3 TLS_AES_256_GCM_SHA384',
      detail: '',
      fix: '',
      ref: 'RFC 8446',
    }),
  ],
};

const TOKENS = [
  'mail1.example.test',
  'mail2.example.test',
  '127.0.0.10',
  '2001:db8::25',
  'TLS_AES_256_GCM_SHA384',
  URL,
  'mta-sts.fetch-failed',
  'Reverse',
  'Greeting',
];

for (const columns of [60, 80, 100, 120, 160]) {
  test(`at ${columns} columns every token is whole and no line is wider than the terminal`, () => {
    const text = renderHuman(probe, { color: false }, columns);
    const lines = text.split('\n');
    for (const token of TOKENS)
      assert.ok(
        lines.some((l) => l.includes(token)),
        `${token} broken:\n${text}`,
      );
    // Only a token longer than the terminal may overflow; none here is.
    for (const l of lines) assert.ok(l.length <= columns, `${l.length} > ${columns}: ${l}`);
  });
}

test('a table that cannot fit without breaking a token is stacked as "key: value" lines', () => {
  const text = renderHuman(probe, { color: false }, 60);
  assert.match(text, /^Server: +mail1\.example\.test$/m);
  assert.match(text, /^ +127\.0\.0\.10$/m);
  assert.match(text, /^Banner \/ error: 220 mail1\.example\.test/m);
  // A value holding a token too wide to sit after the keys goes under its key, whole.
  assert.match(text, /^Fix:\n {2}Publish the policy at\n {2}https:\/\/mta-sts/m);
  // At 160 columns the same data is a table.
  assert.match(renderHuman(probe, { color: false }, 160), /^│ Server +│ Port +│/m);
});

test('column widths: each at least its longest token, the rest shared; none when tokens cannot fit', () => {
  const cells = [
    ['Server', 'Banner'],
    ['mail1.example.test', 'a b c d e f g h i j k l m n o p q r s t u v w x y z '.repeat(4)],
  ];
  assert.deepEqual(columnWidths(cells, 80), [18, 80 - 7 - 18]);
  assert.equal(columnWidths([['x'.repeat(50), 'y'.repeat(50)]], 80), undefined);
  // wrapText keeps a line's indentation on every line it makes: a column must fit it too.
  assert.equal(longestToken('mx1.example.test\n  host-1.example.net (none)'), 2 + 18);
});

test('wrapText breaks at spaces only; a token wider than the width stands alone, whole', () => {
  assert.deepEqual(wrapText('see https://example.test/a/very/long/path now', 10), [
    'see',
    'https://example.test/a/very/long/path',
    'now',
  ]);
  assert.deepEqual(wrapText('250-PIPELINING\n250 SIZE 10240000', 40), [
    '250-PIPELINING',
    '250 SIZE 10240000',
  ]);
  assert.deepEqual(wrapText('  indented text that wraps', 12), ['  indented', '  text that', '  wraps']);
});

test('transcript tables have no separator between lines', () => {
  const r: Result = {
    command: 'send',
    target: 'mx.example.test',
    findings: [],
    data: {},
    tables: [
      {
        title: 'Transcript',
        id: 'test.t3',
        columns: headers('ms', '', 'line'),
        compact: true,
        rows: [
          ['0', 'S:', '220 mx.example.test ESMTP'],
          ['1', 'C:', 'EHLO client.example.test'],
          ['2', 'S:', '250-mx.example.test\n250 PIPELINING'],
          ['3', 'C:', 'QUIT'],
        ],
      },
    ],
  };
  const text = renderHuman(r, { color: false }, 80);
  assert.equal(text.split('\n').filter((l) => l.startsWith('├')).length, 1, text);
  assert.match(
    text,
    /│ 2 {2}│ S: │ 250-mx\.example\.test +│\n│ {4}│ {4}│ 250 PIPELINING +│\n│ 3 {2}│ C: │ QUIT/,
  );
});

test('ASCII borders when the locale is not UTF-8', () => {
  const text = renderHuman(probe, { color: false, ascii: true }, 160);
  assert.ok(!/[^\x00-\x7f]/.test(text.replace(/§/g, '')), text);
  assert.match(text, /^\+-+\+/m);
  assert.match(text, /^\| Server +\| Port/m);
  assert.equal(utf8Locale({ LANG: 'en_US.UTF-8' }, 'linux'), true);
  assert.equal(utf8Locale({ LC_ALL: 'C', LANG: 'en_US.UTF-8' }, 'linux'), false);
  assert.equal(utf8Locale({ LC_CTYPE: 'de_DE.utf8' }, 'linux'), true);
  assert.equal(utf8Locale({ LANG: 'POSIX' }, 'linux'), false);
  assert.equal(utf8Locale({}, 'linux'), false);
});

test('--help follows COLUMNS', async () => {
  for (const columns of [60, 150]) {
    const r = await runCli(['mx', '--help'], { env: { COLUMNS: String(columns) } });
    assert.equal(r.code, 0, r.stderr);
    const widest = Math.max(...r.stdout.split('\n').map((l) => l.length));
    assert.ok(widest <= columns, `${widest} > ${columns}`);
    if (columns === 150) assert.ok(widest > 110, `help not widened: ${widest}`);
  }
});

/** Display width: East Asian wide characters take two columns. */
const displayWidth = (line: string) =>
  [...line].reduce(
    (w, c) =>
      w +
      (/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u3000-\u303f\uff01-\uff60]/u.test(c) ? 2 : 1),
    0,
  );

const JAPANESE =
  '連絡しようとしたグループ（libsisimai）が存在しないか、グループにメッセージを投稿する権限がない可能性があります。投稿できなかった詳しい理由をいくつか紹介します: user@example.co.jp 宛のメールは 550 5.1.1 で拒否されました。';

test('text in scripts without spaces wraps between characters, by display width, keeping tokens whole', () => {
  const lines = wrapText(JAPANESE, 30);
  assert.ok(lines.length > 5, lines.join('\n'));
  for (const l of lines) assert.ok(displayWidth(l) <= 30, `${displayWidth(l)} > 30: ${l}`);
  assert.equal(lines.join('').replace(/ /g, ''), JAPANESE.replace(/ /g, ''), 'nothing lost');
  for (const token of ['（libsisimai）', 'user@example.co.jp', '5.1.1'])
    assert.ok(
      lines.some((l) => l.includes(token)),
      `${token} broken:\n${lines.join('\n')}`,
    );
  // Closing punctuation never starts a line, opening brackets never end one.
  for (const l of lines) assert.ok(!/^[、。）]/.test(l) && !/（$/.test(l), l);
  // Chinese, and Thai with its combining marks kept on their letters.
  for (const l of wrapText('收件人地址不存在，请检查邮件地址是否正确后重新发送。', 12))
    assert.ok(displayWidth(l) <= 12, l);
  assert.ok(wrapText('ไม่พบผู้รับที่อยู่อีเมลนี้ในระบบของเรา', 10).every((l) => !/^\p{M}/u.test(l)));
});

test('a bounce in Japanese is a table at 80 columns, not stacked, no line wider than the terminal', () => {
  const r: Result = {
    command: 'ndr',
    target: 'bounce.eml',
    data: {},
    findings: [
      finding('ndr.policy', 'info', {
        title: 'user@example.co.jp: no code policy',
        detail: `Server said: ${JAPANESE}`,
        fix: 'Meet the receiver’s policy named in the text.',
        ref: 'RFC 3463',
      }),
    ],
  };
  const text = renderHuman(r, { color: false }, 80);
  assert.match(text, /^│ Severity │ Finding +│ What was seen +│ Fix +│$/m);
  for (const l of text.split('\n')) assert.ok(displayWidth(l) <= 80, `${displayWidth(l)} > 80: ${l}`);
  assert.match(text, /user@example\.co\.jp/);
});

const THAI = 'ไม่พบผู้รับที่อยู่อีเมลนี้ในระบบของเรากรุณาตรวจสอบที่อยู่อีเมลของผู้รับอีกครั้ง';
const LAO = 'ບໍ່ພົບທີ່ຢູ່ອີເມວນີ້ໃນລະບົບຂອງພວກເຮົາ';
const KHMER = 'រកមិនឃើញអាសយដ្ឋានអ៊ីមែលនេះនៅក្នុងប្រព័ន្ធរបស់យើងទេ';

test('Thai, Lao and Khmer wrap only between the words Intl.Segmenter finds', () => {
  const segmenter = new Intl.Segmenter(undefined, { granularity: 'word' });
  for (const text of [THAI, LAO, KHMER]) {
    const boundaries = new Set(Array.from(segmenter.segment(text), (s) => s.index));
    const lines = wrapText(text, 12);
    assert.ok(lines.length > 2, lines.join('\n'));
    assert.equal(lines.join(''), text, 'nothing lost or added');
    let at = 0;
    for (const line of lines.slice(0, -1)) {
      at += line.length;
      assert.ok(boundaries.has(at), `broken inside a word: ${line} | ${text.slice(at)}`);
    }
    // A line is wider than asked only when it is one word.
    for (const line of lines)
      assert.ok(textWidth(line) <= 12 || [...segmenter.segment(line)].length === 1, line);
  }
  // The narrowest column for a Thai cell is its longest word, not the whole run.
  const widest = Math.max(...Array.from(segmenter.segment(THAI), (s) => textWidth(s.segment)));
  assert.ok(widest < 8);
  assert.equal(longestToken(THAI), widest);
});

test('the verdict line wraps with its severity label, never past the edge', () => {
  const r: Result = {
    command: 'ndr',
    target: 'test/fixtures/ndr/emails/lhost-amazonworkmail-01.eml',
    data: {},
    findings: [finding('ndr.policy', 'info', { title: 't', detail: 'd', fix: 'f', ref: 'RFC 3463' })],
  };
  // 56 columns of title: ": INFO" does not fit after it at 60, and goes to the next line.
  assert.match(
    renderHuman(r, { color: false }, 60),
    /^ndr test\/fixtures\/ndr\/emails\/lhost-amazonworkmail-01\.eml:\nINFO$/m,
  );
  for (const columns of [58, 60, 62, 80]) {
    const text = renderHuman(r, { color: false }, columns);
    for (const line of text.split('\n'))
      assert.ok(line.length <= columns, `${line.length} > ${columns}: ${line}`);
  }
  assert.match(
    renderHuman(r, { color: false }, 80),
    /^ndr test\/fixtures\/ndr\/emails\/lhost-amazonworkmail-01\.eml: INFO$/m,
  );
  // In colour the title is bold and the label coloured, as before.
  assert.match(
    renderHuman(r, { color: true }, 80),
    /^\x1b\[1mndr test\S+\.eml\x1b\[0m: \x1b\[36mINFO\x1b\[0m$/m,
  );
});

test('a value below its key is indented less when its longest token would otherwise run past the edge', () => {
  const address = '<this-local-part-does-not-exist-on-the-server@ezweb.ne.jp>:';
  assert.equal(address.length, 59);
  const r: Result = {
    command: 'ndr',
    target: 'bounce.eml',
    data: {},
    findings: [
      finding('ndr.policy', 'fail', {
        title: 'Rejected',
        detail: `Server said: ${address} 550 user unknown (in reply to RCPT TO command)`,
        fix: 'Check the recipient address.',
        ref: 'RFC 3463',
      }),
    ],
  };
  const text = renderHuman(r, { color: false }, 60);
  assert.match(text, /^What was seen:\n {1}Rejected\n {1}Server said:\n {1}<this-local-part/m, text);
  for (const line of text.split('\n')) assert.ok(line.length <= 60, `${line.length} > 60: ${line}`);
  // With room for it, the usual two spaces.
  assert.match(renderHuman(r, { color: false }, 61), /^What was seen:\n {2}Rejected$/m);
});

test('findings with a long id are a table at 80 columns: the fix goes under what was seen', () => {
  const r: Result = {
    command: 'send',
    target: 'mail.example.test',
    data: {},
    findings: [
      finding('send.tls-cert-not-yet-valid', 'fail', {
        title: 'The certificate of mail.example.test is not valid yet',
        detail: 'It is valid from 2027-01-01T00:00:00Z; this machine says 2026-12-03.',
        fix: "Check this machine's clock and the server's; if both are right, install a certificate valid now.",
        ref: 'RFC 5280 §4.1.2.5',
      }),
    ],
  };
  const text = renderHuman(r, { color: false }, 80);
  assert.match(text, /^│ Severity │ Finding +│ What was seen +│$/m, text);
  assert.match(text, /^│ +│ +│ {3}Fix +│$/m, text);
  assert.match(text, /^│ FAIL +│ send\.tls-cert-not-yet-valid │ The certificate/m, text);
  assert.match(text, /^│ +│ +│ {3}Check this machine's clock/m, text);
  for (const line of text.split('\n')) assert.ok(line.length <= 80, `${line.length} > 80: ${line}`);
  // With room, four columns as before.
  assert.match(renderHuman(r, { color: false }, 140), /^│ Severity │ Finding +│ What was seen +│ Fix +│$/m);
});

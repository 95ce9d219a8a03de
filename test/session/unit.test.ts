// `mailflow session` pieces without a network: what a typed line means, tab completion,
// dot-stuffing, and the --record format (secrets never in it) read back for --replay.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fitTerminal } from '../../src/session/fit.js';
import { complete, dotStuffLines, HELP, parseInput } from '../../src/session/input.js';
import { parseRecording, recordDataLines, recordStep } from '../../src/session/record.js';

test('typed lines: lower-case helpers, everything else sent as typed; CR, LF and NUL refused', () => {
  assert.deepEqual(parseInput('EHLO client.test'), { kind: 'smtp', line: 'EHLO client.test' });
  assert.deepEqual(parseInput('  QUIT'), { kind: 'smtp', line: 'QUIT' });
  assert.deepEqual(parseInput('starttls'), { kind: 'helper', helper: 'starttls', args: [] });
  assert.deepEqual(parseInput('auth plain alice'), {
    kind: 'helper',
    helper: 'auth',
    args: ['plain', 'alice'],
  });
  assert.equal(parseInput('auth gssapi alice').kind, 'invalid');
  assert.equal(parseInput('auth login').kind, 'invalid');
  assert.deepEqual(parseInput('data /tmp/m.eml'), { kind: 'helper', helper: 'data', args: ['/tmp/m.eml'] });
  for (const bad of ['NOOP\r\nQUIT', 'NOOP\nRSET', 'NO\0OP'])
    assert.equal(parseInput(bad).kind, 'invalid', bad);
  assert.equal(parseInput('   ').kind, 'empty');
  assert.equal(parseInput(`VRFY ${'x'.repeat(1000)}`).kind, 'invalid');
});

test('tab completion: helpers and SMTP verbs, mechanisms after auth', () => {
  assert.deepEqual(complete('st')[0], ['starttls']);
  assert.deepEqual(complete('ST')[0], ['STARTTLS']);
  assert.deepEqual(complete('ma')[0], ['MAIL FROM:<']);
  assert.deepEqual(complete('auth x')[0], ['auth xoauth2 ']);
  assert.ok(complete('')[0].includes('help'));
});

test('help fits an 80-column terminal', () => {
  for (const line of HELP.split('\n')) assert.ok(line.length < 80, `${line.length} columns: ${line}`);
});

test('message lines are dot-stuffed and CRLF-ended (RFC 5321 §4.5.2)', () => {
  assert.equal(
    dotStuffLines(['Subject: x', '', '.hidden', '..', 'end']),
    'Subject: x\r\n\r\n..hidden\r\n...\r\nend\r\n',
  );
});

test('a recording reads back as steps with the expected reply code and message lines; AUTH blobs redacted', () => {
  const b64 = Buffer.from('\0alice\0s3cret-pw').toString('base64');
  const text = [
    '# header\n',
    recordStep('EHLO me.test', ['250-mx.test', '250 SIZE 1000']),
    recordStep(`AUTH PLAIN ${b64}`, ['235 2.7.0 ok']),
    recordStep('data', ['250 2.0.0 queued']),
    recordDataLines(['Subject: hi', '', 'body']),
    recordStep('QUIT', ['221 bye']),
  ].join('');
  assert.ok(!text.includes(b64), 'the AUTH PLAIN blob is not recorded');
  assert.ok(text.includes('AUTH PLAIN <redacted>'));
  const steps = parseRecording(text);
  assert.deepEqual(
    steps.map((s) => [s.input, s.expect]),
    [
      ['EHLO me.test', 250],
      ['AUTH PLAIN <redacted>', 235],
      ['data', 250],
      ['QUIT', 221],
    ],
  );
  assert.deepEqual(steps[2]!.data, ['Subject: hi', '', 'body']);
});

test('terminal lines: wrapped under their marker; a line with a token too wide for any line is left whole', () => {
  const explained = `   ↳ ${'word '.repeat(30).trim()}`;
  const lines = fitTerminal(explained, 40).split('\n');
  assert.ok(lines.length > 1 && lines.every((l) => l.length <= 40), lines.join('\n'));
  assert.ok(lines[0]!.startsWith('   ↳ word') && lines.slice(1).every((l) => /^ {5}word/.test(l)));
  const cert = `*   valid 2026-12-03T15:56:03.000Z to 2026-12-05T15:56:03.000Z; names ${'a.example.test, '.repeat(4)}`;
  assert.ok(
    fitTerminal(cert, 60)
      .split('\n')
      .slice(1)
      .every((l) => l.startsWith('    ') && l.length <= 60),
  );
  const fp = `*   SHA-256 ${'AB:'.repeat(31)}AB`;
  assert.equal(fitTerminal(fp, 80), fp);
  assert.equal(fitTerminal('S: 250 ok', 80), 'S: 250 ok');
  assert.equal(fitTerminal(explained, undefined), explained, 'not a terminal: as it is');
});

// `--file` domain lists are read as a stream of lines with caps: endless or binary input ends in
// one clear line (exit 3) instead of growing memory, and long lists do not overflow the stack.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { readDomainList } from '../../src/run/domain-list.js';
import { domainsFrom } from '../../src/run/mx.js';
import { BIN, ROOT, runCli } from '../helpers/cli.js';

const HOSTILE = { timeout: 30_000 };

/** `mailflow <args>` reading from a writer that never stops (it writes `chunk` until the reader goes away). */
function fromEndlessWriter(args: string[], chunk: string): Promise<{ code: number | null; stderr: string }> {
  const writer = spawn(
    process.execPath,
    [
      '-e',
      `const b = Buffer.from(${JSON.stringify(chunk)}.repeat(65536 / ${chunk.length} | 0 || 1));
       process.stdout.on('error', () => process.exit(0));
       const w = () => { while (process.stdout.write(b)); process.stdout.once('drain', w); };
       w();`,
    ],
    { stdio: ['ignore', 'pipe', 'ignore'] },
  );
  const cli = spawn(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    stdio: [writer.stdout, 'ignore', 'pipe'],
  });
  let stderr = '';
  cli.stderr.on('data', (d) => {
    stderr += d;
  });
  return new Promise((resolve) => {
    cli.on('close', (code) => {
      writer.kill();
      resolve({ code, stderr });
    });
  });
}

function tempFile(t: { after: (f: () => void) => void }, text: string | Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'mailflow-list-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'domains.txt');
  writeFileSync(file, text);
  return file;
}

test('--file - of endless zeros ends at once: NUL means not a list', HOSTILE, async () => {
  const r = await fromEndlessWriter(['mx', '--file', '-'], '\0');
  assert.equal(r.code, 3);
  assert.equal(
    r.stderr,
    'mailflow mx: standard input line 1 contains a NUL byte: this is not a text list of domains\n',
  );
});

test('--file /dev/zero and an endless line without a newline end at the caps', HOSTILE, async () => {
  const zero = await runCli(['check', '--file', '/dev/zero'], { timeoutMs: 20_000 });
  assert.equal(zero.code, 3);
  assert.match(zero.stderr, /^mailflow check: \/dev\/zero line 1 contains a NUL byte/);
  const long = await fromEndlessWriter(['mx', '--file', '-'], 'a');
  assert.equal(long.code, 3);
  assert.match(long.stderr, /^mailflow mx: standard input line 1 is longer than 1,024 bytes/);
  assert.equal(long.stderr.split('\n').length, 2, 'one line');
});

test('an endless list of names stops at 1,000,000 names, before any lookup', {
  timeout: 60_000,
}, async () => {
  const r = await fromEndlessWriter(['mx', '--dns', '127.0.0.1:9', '--file', '-'], 'a.example.test\n');
  assert.equal(r.code, 3);
  assert.match(
    r.stderr,
    /^mailflow mx: more than 1,000,000 domains in one run \(standard input line 1000001\)/,
  );
});

test('caps on lines and names, counted over every file and argument', HOSTILE, async (t) => {
  const file = tempFile(t, '\n# comment\n\nb.example.test\nc.example.test MX\n');
  const out = ['a.example.test'];
  await readDomainList(file, out);
  assert.deepEqual(out, ['a.example.test', 'b.example.test', 'c.example.test']);
  await assert.rejects(
    readDomainList(file, ['x.test'], { lineBytes: 1024, names: 2, lines: 100 }),
    /more than 2 domains/,
  );
  await assert.rejects(
    readDomainList(file, [], { lineBytes: 1024, names: 10, lines: 3 }),
    /more than 3 lines/,
  );
  await assert.rejects(
    readDomainList(tempFile(t, 'a.test\nbad..name\n'), []),
    /domains\.txt line 2: "bad\.\.name" is not a host name: it has an empty label/,
  );
  await assert.rejects(
    readDomainList(tempFile(t, `a.test\r\n${'x'.repeat(1025)}`), []),
    /line 2 is longer than 1,024/,
  );
  await assert.rejects(
    readDomainList('/nonexistent/list.txt', []),
    /cannot read \/nonexistent\/list\.txt: no such file or directory/,
  );
});

test(
  '200,000 lines: every domain, no stack overflow (mx and check share domainsFrom)',
  HOSTILE,
  async (t) => {
    const lines = Array.from({ length: 200_000 }, (_, i) => `d${i}.example.test`);
    const file = tempFile(t, `${lines.join('\n')}\n`);
    const domains = await domainsFrom({
      file,
      ptr: true,
      concurrency: 1,
      format: 'json',
      verbose: false,
      _: [],
    });
    assert.equal(domains.length, 200_000);
    assert.equal(domains[199_999], 'd199999.example.test');
  },
);

test('a list with no domains says so', HOSTILE, async (t) => {
  const file = tempFile(t, '# nothing yet\n\n');
  const r = await runCli(['mx', '--file', file, '--file', '-'], { input: '\n' });
  assert.equal(r.code, 3);
  assert.match(r.stderr, /^mailflow mx: no domains in .*domains\.txt, standard input\n$/);
});

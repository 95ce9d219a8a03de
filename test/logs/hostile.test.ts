// Logs that are not plain files: a pipe is read once (trace's second pass found nothing in an
// input the first pass had used up), gzip is recognised from the bytes, and a FIFO nobody writes
// to leaves Ctrl-C working. Each case has a generous time limit (helpers/hostile.ts).
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { gzipSync } from 'node:zlib';
import { BIN, jsonLines, ROOT, runCli } from '../helpers/cli.js';
import { hostileTest } from '../helpers/hostile.js';

const MX1 = join(ROOT, 'test/fixtures/logs/mx1.log');
const env = { TZ: 'UTC' };
const dir = mkdtempSync(join(tmpdir(), 'mailflow-logs-hostile-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const delivered = (stdout: string) => {
  const [o] = jsonLines(stdout) as { findings: { id: string }[] }[];
  return o!.findings.map((f) => f.id);
};

/** mailflow with a real pipe on its standard input (runCli's is a socket, which /dev/stdin cannot open). */
function throughPipe(file: string, args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(
    'sh',
    ['-c', 'n="$1"; b="$2"; shift 2; cat "$0" | "$n" "$b" "$@"', file, process.execPath, BIN, ...args],
    {
      env: { ...process.env, ...env },
      encoding: 'utf8',
      timeout: 15_000,
    },
  );
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

hostileTest('trace of a pipe (/dev/stdin) reads it once and finds the message', 20_000, () => {
  const r = throughPipe(MX1, ['logs', 'trace', '/dev/stdin', '--id', '4B3C21A0F2', '--json']);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(delivered(r.stdout), ['logs.delivered']);
});

hostileTest('a gzipped log through a pipe is recognised by its bytes', 20_000, () => {
  const gz = join(dir, 'mx1-log-without-suffix');
  writeFileSync(gz, gzipSync(readFileSync(MX1)));
  for (const path of ['-', '/dev/stdin']) {
    const r = throughPipe(gz, ['logs', 'trace', path, '--id', '4B3C21A0F2', '--json']);
    assert.equal(r.code, 0, `${path}: ${r.stderr}`);
    assert.deepEqual(delivered(r.stdout), ['logs.delivered']);
  }
});

hostileTest('Ctrl-C while waiting on a FIFO nobody writes to ends the run', 20_000, async () => {
  const fifo = join(dir, 'fifo');
  assert.equal(spawnSync('mkfifo', [fifo]).status, 0);
  const child = spawn(process.execPath, [BIN, 'logs', 'summary', fifo], { stdio: 'ignore' });
  const code = await new Promise<number | null>((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 15_000);
    setTimeout(() => child.kill('SIGINT'), 1_500);
    child.on('close', (c) => {
      clearTimeout(kill);
      resolve(c);
    });
  });
  assert.equal(code, 130);
});

hostileTest('/dev/zero ends at the runaway cap with a note, not an endless read', 30_000, async () => {
  const r = await runCli(['logs', 'summary', '--json', '/dev/zero'], { env, timeoutMs: 25_000 });
  assert.equal(r.code, 3, r.stderr);
  assert.match(r.stderr, /1 input went on for more than 16 MiB without a line end/);
  const [o] = jsonLines(r.stdout) as { data: { stats: { runaway: number; lines: number } } }[];
  assert.equal(o!.data.stats.runaway, 1);
  assert.equal(o!.data.stats.lines, 0);
});

hostileTest('a damaged .gz is named in the singular', 20_000, async () => {
  const gz = join(dir, 'damaged.log.gz');
  writeFileSync(gz, gzipSync(readFileSync(MX1)).subarray(0, 200));
  const r = await runCli(['logs', 'summary', gz], { env, timeoutMs: 15_000 });
  assert.match(r.stderr, /1 compressed file ended early or is damaged/);
});

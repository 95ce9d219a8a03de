// Runs the built CLI the way a user would: a child process, with stdin, env and a deadline.
import { spawn } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { catalogueEntry } from '../../src/catalogue.js';

export const BIN = fileURLToPath(new URL('../../../bin/mailflow.js', import.meta.url));
export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(
  args: string[],
  opts: { input?: string | Buffer; env?: Record<string, string>; timeoutMs?: number; cwd?: string } = {},
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: opts.cwd ?? ROOT,
      env: { ...process.env, NO_COLOR: '1', ...opts.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => err.push(d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`mailflow ${args.join(' ')} did not finish in ${opts.timeoutMs ?? 60000} ms`));
    }, opts.timeoutMs ?? 60000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      const run = {
        code,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      };
      logJson(args, run);
      const undeclared = findingsOutsideCatalogue(run.stdout);
      if (undeclared.length)
        reject(
          new Error(
            `mailflow ${args.join(' ')} emitted findings not in src/catalogue.ts: ${undeclared.join(', ')}`,
          ),
        );
      else resolve(run);
    });
    child.stdin.on('error', () => {});
    child.stdin.end(opts.input ?? '');
  });
}

/**
 * With MAILFLOW_JSON_LOG=<dir>, every run whose output is JSON is appended to <dir>/<test file>.jsonl
 * (bench/json-compare.sh compares two builds' logs; tests in a file run in order, so lines line up).
 */
function logJson(args: string[], run: CliRun): void {
  const dir = process.env.MAILFLOW_JSON_LOG;
  if (!dir || !run.stdout.trimStart().startsWith('{')) return;
  // The test file's path under dist/test, flattened: test/core/cli.test.js → core-cli.test.js.
  const test = (process.argv[1] ?? 'unknown').split('/dist/test/').pop()!.replaceAll('/', '-');
  const file = `${dir}/${test}.jsonl`;
  appendFileSync(file, `${JSON.stringify({ args, code: run.code, stdout: run.stdout })}\n`);
}

/** Findings in JSON output whose id, or severity for that id, the catalogue does not declare. */
export function findingsOutsideCatalogue(stdout: string): string[] {
  const out: string[] = [];
  for (const line of stdout.split('\n')) {
    if (!line.startsWith('{')) continue;
    let r: { findings?: { id?: unknown; severity?: unknown }[] };
    try {
      r = JSON.parse(line);
    } catch {
      continue;
    }
    for (const f of Array.isArray(r.findings) ? r.findings : []) {
      const entry = catalogueEntry(String(f.id));
      if (!entry?.severity.includes(f.severity as never)) out.push(`${f.id} (${f.severity})`);
    }
  }
  return out;
}

/** Parse JSON Lines output. */
export function jsonLines(stdout: string): any[] {
  return stdout
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l));
}

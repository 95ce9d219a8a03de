// Runs every compiled test file with Node's own test runner (Node 20 has no glob support).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';

function find(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'helpers' ? [] : find(p);
    return e.name.endsWith('.test.js') ? [p] : [];
  });
}

const only = process.argv.slice(2);
const files = find('dist/test')
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
if (files.length === 0) {
  console.error('no test files found under dist/test (did the build run?)');
  process.exit(1);
}
// One test file per CPU this process may use: the files start their own servers and children,
// so more would only make them wait on each other (and stretch their time limits).
const concurrency = Math.max(1, availableParallelism());
// The tests read mailflow's human output as a UTF-8 terminal shows it (box-drawing borders); a
// machine whose locale is unset or POSIX (CI images often are) would get the ASCII border set.
// Tests of the ASCII set pass their own locale.
const env = { ...process.env, LANG: 'C.UTF-8' };
delete env.LC_ALL;
delete env.LC_CTYPE;
const res = spawnSync(
  process.execPath,
  ['--test', `--test-concurrency=${concurrency}`, '--test-timeout=120000', ...files],
  { stdio: 'inherit', env },
);
process.exit(res.status ?? 1);

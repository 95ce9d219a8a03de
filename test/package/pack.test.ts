// What `npm pack` ships works once installed: the project is copied (sources only, so the build
// here never touches the dist/ the other tests run from), packed (prepack builds it), installed
// into a fresh prefix, and the installed `mailflow` decodes the shipped example bounce and looks
// up MX records against a scripted DNS server. Before prepack the tarball held no dist/ at all.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { ROOT } from '../helpers/cli.js';
import { reply, startFakeDns } from '../helpers/fake-dns.js';

const tmp = mkdtempSync(join(tmpdir(), 'mailflow-pack-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

function run(cmd: string, args: string[], cwd: string) {
  const r = spawnSync(cmd, args, {
    cwd,
    encoding: 'utf8',
    timeout: 180_000,
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: r.status, out: `${r.stdout}${r.stderr}`, stdout: r.stdout };
}

/** Asynchronously, so that the in-process DNS server can answer meanwhile. */
function runAsync(
  cmd: string,
  args: string[],
  cwd: string,
): Promise<{ code: number | null; out: string; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      cwd,
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out: stdout + stderr, stdout });
    });
  });
}

test('npm pack builds, ships examples, and the installed command runs', { timeout: 300_000 }, async (t) => {
  const src = join(tmp, 'src');
  for (const entry of [
    'package.json',
    'package-lock.json',
    'tsconfig.json',
    'README.md',
    'bin',
    'src',
    'commands',
    'examples',
  ]) {
    cpSync(join(ROOT, entry), join(src, entry), { recursive: true });
  }
  symlinkSync(join(ROOT, 'node_modules'), join(src, 'node_modules'));
  const pack = run('npm', ['pack', '--pack-destination', tmp, '--json'], src);
  assert.equal(pack.code, 0, pack.out);
  const files: string[] = JSON.parse(pack.stdout.slice(pack.stdout.indexOf('[')))[0].files.map(
    (f: { path: string }) => f.path,
  );
  assert.ok(files.includes('dist/bundle/main.js'), files.join(' '));
  assert.ok(files.includes('examples/bounce-postfix.eml'), files.join(' '));
  const tgz = readdirSync(tmp).find((f) => f.endsWith('.tgz'))!;

  const prefix = join(tmp, 'prefix');
  const install = run(
    'npm',
    ['install', '-g', '--prefix', prefix, join(tmp, tgz), '--prefer-offline', '--no-audit', '--no-fund'],
    tmp,
  );
  assert.equal(install.code, 0, install.out);
  const bin = join(prefix, 'bin', 'mailflow');
  const example = join(prefix, 'lib', 'node_modules', 'mailflow', 'examples', 'bounce-postfix.eml');

  const ndr = run(bin, ['ndr', example, '--json'], tmp);
  assert.equal(ndr.code, 0, ndr.out);
  assert.match(ndr.stdout, /"recipient":"bob@example\.net"/);

  const dns = await startFakeDns((q) =>
    q.type === 'MX'
      ? [
          reply(q, {
            answers: [
              { type: 'MX', name: q.name, ttl: 60, data: { preference: 10, exchange: 'mx1.pack.test' } },
            ],
          }),
        ]
      : q.type === 'A' && q.name === 'mx1.pack.test'
        ? [reply(q, { answers: [{ type: 'A', name: q.name, ttl: 60, data: '192.0.2.25' }] })]
        : [reply(q)],
  );
  t.after(() => dns.stop());
  const mx = await runAsync(bin, ['mx', 'pack.test', '--dns', dns.server, '--no-ptr', '--json'], tmp);
  assert.match(mx.stdout, /"host":"mx1\.pack\.test"/, mx.out);
  assert.match(mx.stdout, /192\.0\.2\.25/, mx.out);
});

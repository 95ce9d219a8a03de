// A private Postfix (+ Dovecot SASL) on loopback for end-to-end tests.
// Everything lives in one temp dir: main.cf/master.cf, queue, data, logs, the Dovecot config and
// its auth socket. /etc/postfix is never read for settings or touched. The Postfix master runs in
// the foreground (`master -c <dir> -d`) so we own exactly its pid; `postfix -c <dir> start` would
// insist the dir be listed in the system main.cf's alternate_config_directories.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCa, type TestCa } from './ca.js';
import { holdsPort } from './listener.js';
import { DAEMON_DIR, DOVECOT_BIN, dovecotConf, mainCf, masterCf, QUEUE_DIRS } from './postfix-config.js';
import { skipUnlessPresent } from './require-servers.js';

export interface PostfixInstance {
  host: string;
  /** Port-25-style smtpd: STARTTLS offered, AUTH only after TLS, relay only when authenticated. */
  port: number;
  /** Submission (587-style): TLS required before anything else, AUTH required to relay. */
  submissionPort: number;
  /** SMTPS (465-style): TLS from the first byte (RFC 8314), AUTH required to relay. */
  smtpsPort: number;
  /** The private CA that signed the server certificate (pass with `--ca`). */
  caFile: string;
  user: string;
  password: string;
  /** The domain Postfix accepts mail for; `knownUsers` exist there, anyone else gets 550 5.1.1. */
  localDomain: string;
  knownUsers: string[];
  myhostname: string;
  messageSizeLimit: number;
  dir: string;
  /** Postfix maillog and Dovecot log, for a failing test's message. */
  logs(): string;
  stop(): Promise<void>;
}

export interface PostfixOptions {
  /** Bytes; the "too big" test sends more than this. */
  messageSizeLimit?: number;
  /** Extra main.cf lines (appended, so they override). */
  extraMain?: string[];
  /** Milliseconds to wait for the ports to accept connections. */
  startTimeoutMs?: number;
  /** The port-25 smtpd listens on [::1] as well, same port (dual-stack tests). */
  ipv6?: boolean;
}

const MASTER = join(DAEMON_DIR, 'master');

/** Why Postfix/Dovecot tests cannot run here, or null when they can. */
export function serversMissing(): string | null {
  if (!existsSync(MASTER)) return `Postfix master not found at ${MASTER} (apt-get install postfix)`;
  if (!existsSync(DOVECOT_BIN)) return `dovecot not found at ${DOVECOT_BIN} (apt-get install dovecot-core)`;
  if (process.getuid?.() !== 0) return 'a private Postfix needs root (it drops to the postfix user)';
  return null;
}

/**
 * For `test(name, { skip: skipServers() }, ...)`: a skip reason, or false. When CI sets
 * MAILFLOW_REQUIRE_SERVERS=1 a missing server is an error instead, so CI cannot pass by skipping.
 */
export function skipServers(): string | false {
  return skipUnlessPresent(serversMissing());
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function canConnect(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createConnection({ host, port });
    const done = (ok: boolean) => {
      s.destroy();
      resolve(ok);
    };
    s.setTimeout(1000, () => done(false));
    s.once('connect', () => done(true));
    s.once('error', () => done(false));
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(
  what: string,
  test: () => boolean | Promise<boolean>,
  deadline: number,
  proc?: ChildProcess,
) {
  for (let i = 0; i < 1000 && Date.now() < deadline; i++) {
    if (proc && proc.exitCode !== null) throw new Error(`${what}: process exited with ${proc.exitCode}`);
    if (await test()) return;
    await sleep(50);
  }
  throw new Error(`${what}: not ready in time`);
}

/** Stop one child we started: SIGTERM, then SIGKILL if it lingers (bounded). */
async function stopChild(proc: ChildProcess | undefined): Promise<void> {
  if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise<void>((r) => proc.once('exit', () => r()));
  proc.kill('SIGTERM');
  const timer = setTimeout(() => proc.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

function tail(file: string, max = 8000): string {
  try {
    const s = readFileSync(file, 'utf8');
    return s.length > max ? s.slice(-max) : s;
  } catch {
    return '';
  }
}

function ids(name: string): { uid: number; gid: number } {
  // Read /etc/passwd and /etc/group (no shell-out needed); the postfix package creates both.
  const pw = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${name}:`));
  if (!pw) throw new Error(`system user ${name} missing`);
  const f = pw.split(':');
  return { uid: Number(f[2]), gid: Number(f[3]) };
}

function groupId(name: string): number {
  const g = readFileSync('/etc/group', 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${name}:`));
  if (!g) throw new Error(`system group ${name} missing`);
  return Number(g.split(':')[2]);
}

/**
 * Start Postfix + Dovecot on free loopback ports. Always pair with `after(() => pf.stop())`.
 *
 * One instance per test file, started in the file's top-level `before` and shared by all its
 * tests (the suites only read it: they connect, send and look at replies). Sharing across files
 * is not possible here: node:test runs each file in its own process, and Node 20 has no hook that
 * runs once for the whole run (`--test-global-setup` and `--test-isolation=none` came in later
 * releases). Files also need different settings (send: a small message size limit; check: [::1]).
 */
export async function startPostfix(opts: PostfixOptions = {}): Promise<PostfixInstance> {
  const why = serversMissing();
  if (why) throw new Error(why);
  const dir = mkdtempSync(join(tmpdir(), 'mailflow-pf-'));
  chmodSync(dir, 0o755); // Postfix and Dovecot daemons run unprivileged and must traverse it
  const ca: TestCa = createCa('mailflow test Postfix CA');
  chmodSync(ca.dir, 0o755);
  const cert = ca.issue(['mx.local.test']);
  for (const f of [cert.certFile, cert.keyFile]) chmodSync(f, 0o644);

  const postfix = ids('postfix');
  const postdrop = groupId('postdrop');
  const queue = join(dir, 'queue');
  const data = join(dir, 'data');
  mkdirSync(queue, { mode: 0o755 });
  for (const [sub, mode, group] of QUEUE_DIRS) {
    const p = join(queue, sub);
    mkdirSync(p, { mode });
    chmodSync(p, mode);
    if (sub !== 'pid') chownSync(p, postfix.uid, group === 'postdrop' ? postdrop : 0);
  }
  mkdirSync(data, { mode: 0o700 });
  chownSync(data, postfix.uid, 0);

  const user = 'tester';
  const password = `pw-${randomBytes(9).toString('base64url')}`;
  const localDomain = 'local.test';
  const knownUsers = ['alice', 'postmaster', user];
  const myhostname = 'mx.local.test';
  const messageSizeLimit = opts.messageSizeLimit ?? 100_000;

  writeFileSync(join(dir, 'recipients'), knownUsers.map((u) => `${u}@${localDomain} ok\n${u} ok\n`).join(''));
  const users = join(dir, 'dovecot-users');
  writeFileSync(users, `${user}:{PLAIN}${password}::::::\n`, { mode: 0o644 });
  chmodSync(users, 0o644);
  writeFileSync(
    join(dir, 'dovecot.conf'),
    dovecotConf({ dir, users, authSocket: join(queue, 'private', 'auth') }),
  );

  const startTimeoutMs = opts.startTimeoutMs ?? 20_000;
  let dovecot: ChildProcess | undefined;
  let master: ChildProcess | undefined;
  const stderr: string[] = [];
  const logs = () =>
    [
      `--- postfix maillog (${dir}/maillog)`,
      tail(join(dir, 'maillog')),
      '--- dovecot log',
      tail(join(dir, 'dovecot.log')),
      '--- stderr',
      stderr.join('').slice(-4000),
    ].join('\n');
  const stop = async () => {
    await Promise.all([stopChild(master), stopChild(dovecot)]);
    if (!process.env.MAILFLOW_KEEP_TMP) {
      rmSync(dir, { recursive: true, force: true });
      ca.cleanup();
    }
  };

  try {
    dovecot = spawn(DOVECOT_BIN, ['-F', '-c', join(dir, 'dovecot.conf')], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    dovecot.stdout?.on('data', (d) => stderr.push(`dovecot: ${d}`));
    dovecot.stderr?.on('data', (d) => stderr.push(`dovecot: ${d}`));
    const deadline = Date.now() + startTimeoutMs;
    await waitFor('dovecot auth socket', () => existsSync(join(queue, 'private', 'auth')), deadline, dovecot);

    // Ports come from bind(0) then close; another process could grab one in between, so retry.
    let lastErr: unknown;
    for (let attempt = 0; attempt < 3; attempt++) {
      const port = await freePort();
      const submissionPort = await freePort();
      const smtpsPort = await freePort();
      writeFileSync(
        join(dir, 'main.cf'),
        mainCf({
          dir,
          queue,
          data,
          cert,
          myhostname,
          localDomain,
          messageSizeLimit,
          ipv6: opts.ipv6,
          extra: opts.extraMain ?? [],
        }),
      );
      writeFileSync(
        join(dir, 'master.cf'),
        masterCf({ host: '127.0.0.1', port, submissionPort, smtpsPort, ipv6: opts.ipv6 }),
      );
      master = spawn(MASTER, ['-c', dir, '-d'], { stdio: ['ignore', 'pipe', 'pipe'] });
      master.stdout?.on('data', (d) => stderr.push(`master: ${d}`));
      master.stderr?.on('data', (d) => stderr.push(`master: ${d}`));
      try {
        const until = Math.min(deadline, Date.now() + startTimeoutMs / 2);
        // Answering is not enough: the listener must be this master's (helpers/listener.ts).
        const ours = (host: string, p: number) => async () =>
          (await canConnect(host, p)) && holdsPort(master?.pid, p, 'tcp', [host.includes(':') ? 6 : 4]);
        await waitFor('postfix smtpd', ours('127.0.0.1', port), until, master);
        await waitFor('postfix submission', ours('127.0.0.1', submissionPort), until, master);
        await waitFor('postfix smtps', ours('127.0.0.1', smtpsPort), until, master);
        if (opts.ipv6) await waitFor('postfix smtpd on ::1', ours('::1', port), until, master);
        return {
          host: '127.0.0.1',
          port,
          submissionPort,
          smtpsPort,
          caFile: ca.caFile,
          user,
          password,
          localDomain,
          knownUsers,
          myhostname,
          messageSizeLimit,
          dir,
          logs,
          stop,
        };
      } catch (e) {
        lastErr = e;
        await stopChild(master);
        rmSync(join(queue, 'pid', 'master.pid'), { force: true });
      }
    }
    throw lastErr;
  } catch (e) {
    const msg = `${(e as Error).message}\n${logs()}`;
    await stop();
    throw new Error(`private Postfix did not start: ${msg}`);
  }
}

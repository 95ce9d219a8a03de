// Runs a test server (NSD, Unbound) in the foreground from its own temp dir: checks the config
// first, waits (bounded) until it answers, and stops exactly the process it started.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { holdsPort } from './listener.js';

export interface DaemonSpec {
  /** Name for error messages, e.g. "NSD". */
  label: string;
  bin: string;
  args: string[];
  /** The server's own config checker (run first when installed), e.g. nsd-checkconf. */
  checkConf?: { bin: string; args: string[] };
  /** Its temp dir: removed on stop or failed start. */
  dir: string;
  port: number;
  /** One probe question; true once the server is serving. */
  ready: () => Promise<boolean>;
  /** Extra log text beyond stdout/stderr (e.g. a log file). */
  extraLogs?: () => string;
  startTimeoutMs?: number;
}

export interface Daemon {
  logs(): string;
  stop(): Promise<void>;
}

export async function startDaemon(spec: DaemonSpec): Promise<Daemon> {
  if (spec.checkConf && existsSync(spec.checkConf.bin)) {
    const check = spawnSync(spec.checkConf.bin, spec.checkConf.args, { encoding: 'utf8', timeout: 10_000 });
    if (check.status !== 0) {
      rmSync(spec.dir, { recursive: true, force: true });
      throw new Error(`${spec.label} config rejected: ${check.stderr || check.stdout}`);
    }
  }
  const child: ChildProcess = spawn(spec.bin, spec.args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const logs = () => output + (spec.extraLogs?.() ?? '');
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(killer);
    }
    rmSync(spec.dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + (spec.startTimeoutMs ?? 15_000);
  // The answer must come from this process, not from another test's server handed the same port.
  const ready = async () => (await spec.ready()) && holdsPort(child.pid, spec.port, 'udp');
  for (let i = 0; i < 600 && !(await ready()); i++) {
    if (child.exitCode !== null || Date.now() > deadline || i === 599) {
      const why = logs();
      await stop();
      throw new Error(`${spec.label} did not start on 127.0.0.1:${spec.port}: ${why}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { logs, stop };
}

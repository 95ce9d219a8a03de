// Runs the built CLI on a pseudo-terminal, as a person at a terminal would: util-linux `script`
// gives it a pty (80x30) and forwards what the test writes (keys, a paste, Ctrl-C as "\x03").
// After the command, the same shell prints `EXIT=<code>` and `stty -a`, so a test can check the
// terminal was left sane (echo, icanon).
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { BIN, ROOT } from './cli.js';

export function hasScript(): boolean {
  return spawnSync('script', ['--version']).status === 0;
}

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

export interface PtySession {
  /** Everything the terminal showed so far. */
  output(): string;
  /** Type (or paste) into the terminal. */
  write(text: string): void;
  /** Resolves when the output matches, rejects after `ms`. */
  waitFor(re: RegExp, ms?: number): Promise<void>;
  /** Resolves when the shell ended: the command's exit code and the terminal settings after it. */
  done(ms?: number): Promise<{ code: number; stty: string; output: string }>;
  kill(): void;
}

export function startInPty(
  args: string[],
  env: Record<string, string | undefined> = {},
  opts: { pipeTo?: string } = {},
): PtySession {
  // pipeTo: stdout goes through that command (`| cat`), stderr stays on the terminal.
  const cmd =
    [process.execPath, BIN, ...args].map(quote).join(' ') + (opts.pipeTo ? ` | ${opts.pipeTo}` : '');
  // Ctrl-C reaches the whole foreground group, the shell too. bash waits to see whether its child
  // died of it; dash (Debian's /bin/sh, what `script` runs when SHELL is unset or /bin/sh) dies at
  // once and never prints EXIT. A trap that runs a command keeps any POSIX shell alive, and a
  // trapped (not ignored) signal is reset to its default in the command it starts.
  const shell = `trap : INT; stty cols 80 rows 30; ${cmd}; echo "EXIT=$?"; stty -a`;
  const child: ChildProcess = spawn('script', ['-qfec', shell, '/dev/null'], {
    cwd: ROOT,
    // CI=… (set by CI services) turns the spinner off, as in ora's own is-interactive; a person's
    // terminal has no CI variable, so the child must not inherit one.
    env: { ...process.env, NO_COLOR: '1', CI: undefined, SHELL: '/bin/sh', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  const watchers = new Set<() => void>();
  const onData = (d: Buffer) => {
    out += d.toString('utf8');
    for (const w of watchers) w();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  child.stdin!.on('error', () => {});
  const closed = new Promise<void>((resolve) => child.on('close', () => resolve()));
  const until = (ok: () => boolean, ms: number, what: string) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (!ok()) return;
        clearTimeout(timer);
        watchers.delete(check);
        resolve();
      };
      const timer = setTimeout(() => {
        watchers.delete(check);
        reject(new Error(`${what} not seen within ${ms} ms; the terminal showed:\n${out}`));
      }, ms);
      watchers.add(check);
      check();
    });
  return {
    output: () => out,
    write: (text) => child.stdin!.write(text),
    waitFor: (re, ms = 20000) => until(() => re.test(out), ms, String(re)),
    async done(ms = 20000) {
      await until(() => /EXIT=\d+[\s\S]*\bicanon\b/.test(out), ms, 'the end of the command');
      await Promise.race([closed, new Promise((r) => setTimeout(r, 2000))]);
      const code = Number(/EXIT=(\d+)/.exec(out)![1]);
      return { code, stty: out.slice(out.indexOf('EXIT=')), output: out };
    },
    kill: () => child.kill('SIGKILL'),
  };
}

/** The terminal's settings print `echo` and `icanon` (not `-echo`, `-icanon`): cooked, echoing. */
export function saneTerminal(stty: string): boolean {
  return /(^|\s)echo(\s|$)/.test(stty) && /(^|\s)icanon(\s|$)/.test(stty);
}

// The terminal side of `mailflow session`: readline with history and tab completion, a prompt
// that does not echo secrets, multi-line message entry, and Ctrl-C/Ctrl-D handling. Ctrl-C while
// waiting for a reply stops waiting; Ctrl-C at the prompt, a second Ctrl-C or Ctrl-D sends QUIT
// and ends. readline restores the terminal when it closes, which every path out does.
import { appendFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { visible } from '../render/sanitize.js';
import type { Reply } from '../smtp/reply.js';
import { formatReply } from '../smtp/reply.js';
import type { Driver, DriverIo } from './driver.js';
import { fitTerminal } from './fit.js';
import { complete, HELP, parseInput } from './input.js';
import { recordDataLines, recordStep } from './record.js';

export interface InteractiveOptions {
  record?: string;
  prompt: string;
}

export async function interactive(driver: Driver, opts: InteractiveOptions): Promise<void> {
  let muted = false;
  const output = new Writable({
    write(chunk, _enc, cb) {
      if (!muted) process.stdout.write(chunk);
      cb();
    },
  });
  const rl = createInterface({
    input: process.stdin,
    output,
    terminal: true,
    historySize: 500,
    completer: (line: string) => complete(line),
  });
  rl.setPrompt(opts.prompt);
  const say = (line: string) => {
    // Above the prompt, never inside what is being typed; wrapped to the terminal's width.
    process.stdout.write(`\r\x1b[K${fitTerminal(visible(line, { lines: true }), process.stdout.columns)}\n`);
  };
  let closed = false;
  let waiting: { cancel: () => void } | undefined;
  let cancelledOnce = false;
  let quitRequested = false;
  const lineQueue: string[] = [];
  let lineWaiter: ((l: string | null) => void) | undefined;

  rl.on('line', (l) => {
    if (lineWaiter) {
      const w = lineWaiter;
      lineWaiter = undefined;
      w(l);
    } else lineQueue.push(l);
  });
  const finish = () => {
    if (lineWaiter) {
      const w = lineWaiter;
      lineWaiter = undefined;
      w(null);
    }
  };
  rl.on('close', () => {
    closed = true;
    quitRequested = true;
    waiting?.cancel();
    finish();
  });
  rl.on('SIGINT', () => {
    if (waiting && !cancelledOnce) {
      cancelledOnce = true;
      say('^C stopped waiting (the reply will show if it comes; Ctrl-C again to QUIT and leave)');
      waiting.cancel();
      return;
    }
    say('^C');
    quitRequested = true;
    waiting?.cancel();
    finish();
  });
  const nextLine = (): Promise<string | null> => {
    if (quitRequested) return Promise.resolve(null);
    const q = lineQueue.shift();
    if (q !== undefined) return Promise.resolve(q);
    if (closed) return Promise.resolve(null);
    return new Promise((r) => {
      lineWaiter = r;
    });
  };
  const io: DriverIo = {
    askSecret: async (question) => {
      process.stdout.write(question);
      muted = true;
      try {
        const secret = (await nextLine()) ?? '';
        // readline keeps every entered line for the Up key: never the secret.
        const history = (rl as unknown as { history?: string[] }).history;
        if (history && history[0] === secret) history.shift();
        return secret;
      } finally {
        muted = false;
        process.stdout.write('\n');
      }
    },
    readData: async () => {
      say('(type the message; end with a line holding only ".")');
      rl.setPrompt('');
      const lines: string[] = [];
      try {
        for (let i = 0; i < 100_000; i++) {
          const l = await nextLine();
          if (l === null || l === '.') break;
          lines.push(l);
        }
      } finally {
        rl.setPrompt(opts.prompt);
      }
      return lines;
    },
  };
  const record = (text: string) => {
    if (opts.record) appendFileSync(opts.record, text, { mode: 0o600 });
  };

  // Everything the driver prints goes above the prompt.
  driver.out = say;
  let pending: Promise<unknown> | undefined;
  try {
    for (let turns = 0; turns < 100_000; turns++) {
      rl.prompt();
      const line = await nextLine();
      if (line === null) break;
      const input = parseInput(line);
      if (input.kind === 'helper' && input.helper === 'help') {
        say(HELP);
        continue;
      }
      if (
        pending &&
        input.kind !== 'empty' &&
        !(input.kind === 'helper' && ['show', 'capa'].includes(input.helper))
      ) {
        say('! still waiting for the last reply; Ctrl-C to QUIT and leave');
        continue;
      }
      cancelledOnce = false;
      const run = driver.run(input, io);
      const result = await new Promise<{ step?: Awaited<typeof run>; error?: unknown } | 'cancelled'>(
        (resolve) => {
          waiting = { cancel: () => resolve('cancelled') };
          run.then(
            (step) => resolve({ step }),
            (error) => resolve({ error }),
          );
        },
      );
      waiting = undefined;
      if (result === 'cancelled') {
        pending = run.then(
          () => {
            pending = undefined;
          },
          (e) => {
            pending = undefined;
            say(`! ${(e as Error).message}`);
          },
        );
        if (quitRequested) break;
        continue;
      }
      if (result.error) {
        say(`! ${(result.error as Error).message}`);
        if (driver.session.closed) break;
        continue;
      }
      const step = result.step!;
      if (input.kind !== 'empty' && input.kind !== 'invalid' && step.reply) {
        record(recordStep(line, formatReply(step.reply as Reply)));
        if (step.data) record(recordDataLines(step.data));
      } else if (input.kind === 'helper' && ['show', 'capa'].includes(input.helper)) record(`${line}\n`);
      if (step.ended || driver.session.closed) break;
    }
  } finally {
    if (pending && !driver.session.closed) {
      // A reply is still owed: say goodbye without waiting for it.
      say('C: QUIT');
      try {
        driver.session.writeRaw(Buffer.from('QUIT\r\n'));
      } catch {}
      driver.session.close();
    } else await driver.quit();
    muted = false;
    rl.close();
  }
}

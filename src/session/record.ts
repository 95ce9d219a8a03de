// The --record file and its --replay: each input line as typed (secrets are never typed into
// it: auth asks for them), followed by the server's last reply to it as "< " lines. A replay
// sends the inputs and stops at the first reply whose class (2xx, 3xx, 4xx, 5xx) differs.
import { redactAuth } from '../smtp/transcript.js';

export interface Step {
  input: string;
  /** The recorded reply's code, when one was recorded. */
  expect?: number;
  /** Line number in the file (for messages). */
  lineNo: number;
}

export function recordHeader(server: string, at = new Date()): string {
  return `# mailflow session ${server} recorded ${at.toISOString()}\n# input lines as typed; "< " lines: the server's reply; replay stops on another reply class\n`;
}

/** One step as recorded: a typed AUTH with an initial response is redacted like the transcript. */
export function recordStep(input: string, replyLines: string[]): string {
  // The auth helper carries no secret (it asks for it); a raw AUTH line may carry one.
  const shown = /^auth\s/.test(input) ? input : redactAuth(input, {});
  return `${shown}\n${replyLines.map((l) => `< ${l}\n`).join('')}`;
}

/** Message text typed after the data helper, kept so the replay sends the same message. */
export function recordDataLines(lines: string[]): string {
  return lines.map((l) => `| ${l}\n`).join('');
}

export interface ReplayStep extends Step {
  /** Message lines for the data helper ("| " lines). */
  data?: string[];
}

export function parseRecording(text: string): ReplayStep[] {
  const steps: ReplayStep[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length && steps.length < 10_000; i++) {
    const l = lines[i]!;
    if (l.startsWith('#') || l.trim() === '') continue;
    const last = steps[steps.length - 1];
    if (l.startsWith('< ')) {
      if (last && last.expect === undefined) {
        const m = /^(\d{3})/.exec(l.slice(2));
        if (m) last.expect = Number(m[1]);
      }
      continue;
    }
    if (l.startsWith('| ') || l === '|') {
      if (last) {
        last.data = last.data ?? [];
        last.data.push(l.slice(2));
      }
      continue;
    }
    steps.push({ input: l, lineNo: i + 1 });
  }
  return steps;
}

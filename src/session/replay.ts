// --replay: run a recorded session without a terminal. Secrets for auth come from
// MAILFLOW_PASSWORD / MAILFLOW_TOKEN; message text from the recording's "| " lines. Stops at the
// first reply whose class differs from the recorded one.
import type { Driver, DriverIo } from './driver.js';
import { parseInput } from './input.js';
import type { ReplayStep } from './record.js';

export interface ReplayOutcome {
  ran: number;
  total: number;
  mismatch?: { step: ReplayStep; got?: number; error?: string };
}

export async function replay(
  driver: Driver,
  steps: ReplayStep[],
  env: { password?: string; token?: string },
  signal?: AbortSignal,
): Promise<ReplayOutcome> {
  let ran = 0;
  for (const step of steps) {
    if (signal?.aborted) break;
    const input = parseInput(step.input);
    const io: DriverIo = {
      askSecret: async (q) => {
        const secret = /token/i.test(q) ? env.token : env.password;
        if (!secret)
          throw new Error(
            `the recording asks for ${/token/i.test(q) ? 'a token (MAILFLOW_TOKEN)' : 'a password (MAILFLOW_PASSWORD)'}, and none is set`,
          );
        return secret;
      },
      readData: async () => step.data ?? [],
    };
    let got: number | undefined;
    try {
      const r = await driver.run(input, io);
      got = r.reply?.code;
      ran++;
      if (r.ended) break;
    } catch (e) {
      return { ran, total: steps.length, mismatch: { step, error: (e as Error).message } };
    }
    if (
      step.expect !== undefined &&
      (got === undefined || Math.floor(got / 100) !== Math.floor(step.expect / 100))
    ) {
      return { ran, total: steps.length, mismatch: { step, got } };
    }
  }
  return { ran, total: steps.length };
}

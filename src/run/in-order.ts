// Results of concurrent jobs, yielded in input order, with at most `window` jobs in flight.
// On Ctrl-C (the run's signal) it stops starting jobs and hands over at once every result that
// has already finished — also those held back behind a slower target earlier in the list — and
// names the targets that had not finished (ctx.warn), instead of waiting for them.
import type { RunContext } from '../cli/command.js';
import type { Result } from '../findings/model.js';

interface Job {
  target: string;
  /** Settles when the job does; never rejects. */
  done: Promise<void>;
  settled: boolean;
  results?: Result[];
  error?: unknown;
}

const NAMED = 5;

export async function* inOrder<T>(
  items: readonly T[],
  targetOf: (item: T) => string,
  start: (item: T) => Promise<Result | Result[]>,
  ctx: Pick<RunContext, 'signal' | 'warn'>,
  window = Number.POSITIVE_INFINITY,
): AsyncGenerator<Result> {
  const { signal } = ctx;
  // Wakes the wait for the head job when Ctrl-C comes first.
  let wake: (() => void) | undefined;
  signal?.addEventListener('abort', () => wake?.(), { once: true });
  const pending: Job[] = [];
  let next = 0;
  const launch = (item: T) => {
    const job: Job = { target: targetOf(item), settled: false, done: Promise.resolve() };
    job.done = start(item).then(
      (r) => {
        job.settled = true;
        job.results = Array.isArray(r) ? r : [r];
      },
      (err) => {
        job.settled = true;
        job.error = err;
      },
    );
    pending.push(job);
  };
  while (next < items.length || pending.length > 0) {
    while (!signal?.aborted && next < items.length && pending.length < window) launch(items[next++]!);
    if (signal?.aborted) break;
    const head = pending[0]!;
    if (!head.settled) {
      await new Promise<void>((resolve) => {
        wake = resolve;
        head.done.then(resolve);
      });
      wake = undefined;
      if (!head.settled) break; // interrupted while waiting for it
    }
    pending.shift();
    if (head.error !== undefined) throw head.error;
    yield* head.results!;
  }
  if (!signal?.aborted) return;
  const unfinished: string[] = [];
  for (const job of pending) {
    if (job.results) yield* job.results;
    else unfinished.push(job.target);
  }
  const notStarted = items.length - next;
  if (unfinished.length === 0 && notStarted === 0) return;
  const more = unfinished.length - NAMED;
  const parts: string[] = [];
  if (unfinished.length > 0)
    parts.push(
      `not finished when interrupted: ${unfinished.slice(0, NAMED).join(', ')}${more > 0 ? ` and ${more} more` : ''}`,
    );
  if (notStarted > 0) parts.push(`not started: ${notStarted}`);
  ctx.warn(parts.join('; '));
}

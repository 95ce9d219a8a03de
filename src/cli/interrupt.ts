// Ctrl-C during a run. The first one aborts the run's signal and, a moment later (time for a
// runner that watches the signal to hand over what it has), resolves `stopped`: main then stops
// waiting, prints what was found so far and exits 130. A second Ctrl-C exits at once.
import { Interrupted } from '../findings/errors.js';
import { EXIT_INTERRUPTED } from './exit.js';

export interface InterruptWatch {
  /** Aborted (with an Interrupted reason) at the first Ctrl-C. */
  signal: AbortSignal;
  /** Resolves `graceMs` after the first Ctrl-C. */
  stopped: Promise<typeof INTERRUPTED>;
  dispose(): void;
}

export const INTERRUPTED = Symbol('interrupted');

export function watchInterrupt(beforeExit: () => void, graceMs = 250): InterruptWatch {
  const controller = new AbortController();
  let stop!: (v: typeof INTERRUPTED) => void;
  const stopped = new Promise<typeof INTERRUPTED>((resolve) => {
    stop = resolve;
  });
  const onSigint = () => {
    if (controller.signal.aborted) {
      beforeExit();
      process.exit(EXIT_INTERRUPTED);
    }
    controller.abort(new Interrupted());
    setTimeout(() => stop(INTERRUPTED), graceMs);
  };
  process.on('SIGINT', onSigint);
  return { signal: controller.signal, stopped, dispose: () => process.off('SIGINT', onSigint) };
}

// Shared by the runner and the yargs parser: usage errors are one line and exit 3 (Nagios UNKNOWN).
export const EXIT_USAGE = 3;

export function oneLine(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  return msg.split('\n')[0]!;
}

/** A run ended by Ctrl-C, as shells report a process killed by SIGINT (128 + 2). */
export const EXIT_INTERRUPTED = 130;

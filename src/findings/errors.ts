// Errors that end a run with one clear line and exit code 3 instead of a stack trace.

/** Wrong arguments or unusable input: the user can fix it. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** The person pressed Ctrl-C (e.g. at a prompt reading the terminal in raw mode): exit 130, not 3. */
export class Interrupted extends Error {
  override name = 'Interrupted';
  constructor(message = 'interrupted') {
    super(message);
  }
}

/** Refuse any value that would let user input inject SMTP commands or headers. */
export function assertNoControlChars(label: string, value: string): void {
  if (/[\r\n\0]/.test(value)) {
    throw new UsageError(`${label} contains CR, LF or NUL; refusing it (it could inject SMTP commands)`);
  }
}

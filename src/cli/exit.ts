// Shared by the runner and the yargs parser: usage errors are one line and exit 3 (Nagios UNKNOWN).
import { visible } from '../render/sanitize.js';

export const EXIT_USAGE = 3;

export function oneLine(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  return msg.split('\n')[0]!;
}

/** Longest error line shown: a quoted value (a 100 KB argument) is cut, the rest counted. */
export const MAX_ERROR_CHARS = 500;

/**
 * An error line as printed on stderr: one line, control characters shown as escapes (it may quote
 * a file name or a typed value), at most MAX_ERROR_CHARS with the rest counted.
 */
export function errorLine(text: string): string {
  const line = visible(text);
  if (line.length <= MAX_ERROR_CHARS) return line;
  const more = line.length - MAX_ERROR_CHARS;
  return `${line.slice(0, MAX_ERROR_CHARS)}… (${more.toLocaleString('en-US')} more characters)`;
}

/** A run ended by Ctrl-C, as shells report a process killed by SIGINT (128 + 2). */
export const EXIT_INTERRUPTED = 130;

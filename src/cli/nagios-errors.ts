// A run that ends in a usage or internal error prints nothing on stdout, and Nagios reads only
// stdout ("(No output on stdout)"). With --format nagios the error is also the plugin's status
// line: UNKNOWN, exit 3, as the plugin guidelines ask for usage errors.
import { visible } from '../render/sanitize.js';

/** `--format nagios` or `--format=nagios` among the words before `--`, and no `--json` beside it. */
export function nagiosRequested(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  const words = end < 0 ? argv : argv.slice(0, end);
  if (words.includes('--json')) return false;
  return words.some((w, i) => w === '--format=nagios' || (w === '--format' && words[i + 1] === 'nagios'));
}

export function nagiosUnknown(why: string): string {
  return `MAILFLOW UNKNOWN - ${visible(why).replace(/\|/g, '/')}`;
}

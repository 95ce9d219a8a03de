// Progress for people: an ora spinner on stderr, only when stderr is a terminal and
// the output is for a person. ora is loaded only when it will be shown.
import type { Ora } from 'ora';
import { detectStyle, utf8Locale } from '../render/style.js';

export interface Progress {
  update(text: string): void;
  /** Stop (and clear) before writing results to stdout. */
  stop(): void;
  /** A spinner is on the terminal now (its line is cleared when it stops). */
  active(): boolean;
}

const silent: Progress = { update() {}, stop() {}, active: () => false };

export async function createProgress(enabled: boolean): Promise<Progress> {
  // A terminal that reports no width (e.g. under `script` without stty) makes ora redraw
  // endlessly; treat it as no terminal.
  if (!enabled || !process.stderr.isTTY || !process.stderr.columns || process.env.CI) return silent;
  const { default: ora } = await import('ora');
  // ora would decide colour and frames from stdout and TERM alone: follow the tables' rules
  // instead (NO_COLOR, TERM=dumb; Braille frames only in a UTF-8 locale), judged on stderr.
  const color = detectStyle(process.stderr).color ? 'cyan' : false;
  const spinnerFrames = utf8Locale() ? 'dots' : 'line';
  let spinner: Ora | undefined;
  return {
    update(text) {
      // discardStdin: false — ora's default puts the terminal in raw mode while it spins, which
      // swallows Ctrl-C (no SIGINT) and anything typed or pasted (`mailflow ndr -`).
      if (!spinner)
        spinner = ora({
          text,
          stream: process.stderr,
          color,
          spinner: spinnerFrames,
          isEnabled: true,
          discardStdin: false,
        }).start();
      else spinner.text = text;
    },
    stop() {
      spinner?.stop();
      spinner = undefined;
    },
    active: () => spinner !== undefined,
  };
}

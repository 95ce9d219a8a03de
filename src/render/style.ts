// Colour only for a person at a terminal; never when NO_COLOR is set (https://no-color.org).
// Box-drawing borders only when the locale says the terminal takes UTF-8.

export interface Style {
  color: boolean;
  /** Draw borders with ASCII (+ - |) and write our own punctuation in ASCII. */
  ascii?: boolean;
}

/** The character set of the locale (POSIX order: LC_ALL, then LC_CTYPE, then LANG) is UTF-8. */
export function utf8Locale(env: NodeJS.ProcessEnv = process.env, platform = process.platform): boolean {
  const locale = env.LC_ALL || env.LC_CTYPE || env.LANG;
  // No locale at all is the C locale, except on Windows, whose consoles take Unicode.
  if (!locale) return platform === 'win32';
  return /utf-?8/i.test(locale);
}

/**
 * Terminal width: stdout's terminal, else $COLUMNS, else the terminal stderr still shows (`mailflow
 * … | less` is read there), else `fallback` (a file or a cron mail still wraps sensibly).
 */
export function terminalColumns(fallback = 120): number {
  const env = Number(process.env.COLUMNS);
  if (process.stdout.columns) return process.stdout.columns;
  if (Number.isInteger(env) && env >= 20) return env;
  return (process.stderr.isTTY && process.stderr.columns) || fallback;
}

export function detectStyle(stream: NodeJS.WriteStream = process.stdout): Style {
  const noColor = process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '';
  return {
    color: Boolean(stream.isTTY) && !noColor && process.env.TERM !== 'dumb',
    ascii: !utf8Locale(),
  };
}

const CODES = { red: 31, green: 32, yellow: 33, blue: 34, magenta: 35, cyan: 36, gray: 90, bold: 1 } as const;
export type Colour = keyof typeof CODES;

export function paint(style: Style, colour: Colour, text: string): string {
  return style.color ? `\x1b[${CODES[colour]}m${text}\x1b[0m` : text;
}

const ASCII_PUNCTUATION: Record<string, string> = { '…': '...', '→': '->', '—': '-', '–': '-' };

/** In an ASCII locale, mailflow's own punctuation (ellipsis, arrow, dashes) in ASCII. */
export function punctuation(style: Style, text: string): string {
  return style.ascii ? text.replace(/[…→—–]/g, (c) => ASCII_PUNCTUATION[c]!) : text;
}

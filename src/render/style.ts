// Colour only for a person at a terminal; never when NO_COLOR is set (https://no-color.org).

export interface Style {
  color: boolean;
}

export function detectStyle(stream: NodeJS.WriteStream = process.stdout): Style {
  const noColor = process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '';
  return { color: Boolean(stream.isTTY) && !noColor && process.env.TERM !== 'dumb' };
}

const CODES = { red: 31, green: 32, yellow: 33, blue: 34, magenta: 35, cyan: 36, gray: 90, bold: 1 } as const;
export type Colour = keyof typeof CODES;

export function paint(style: Style, colour: Colour, text: string): string {
  return style.color ? `\x1b[${CODES[colour]}m${text}\x1b[0m` : text;
}

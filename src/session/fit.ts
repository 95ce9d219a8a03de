// The session's lines on a terminal: wrapped at spaces to its width, continuation lines indented
// under the text after the line's marker ("S: ", "   ↳ ", "*   ", "! "), so an explanation or a
// certificate line never runs past the edge and splits a word. A line holding a token wider than
// the terminal (a SHA-256 fingerprint) is left as it is: moving the token down would not make it fit.
import { textWidth, wrapText } from '../render/wrap.js';

const MARKER = /^(?:[SC]: |\s*↳ |\*\s+|! )/;

export function fitTerminal(text: string, columns: number | undefined): string {
  if (!columns || columns < 20) return text;
  return text
    .split('\n')
    .map((line) => {
      if (textWidth(line) <= columns) return line;
      const marker = MARKER.exec(line)?.[0] ?? /^ */.exec(line)![0];
      const hang = ' '.repeat(textWidth(marker));
      const lines = wrapText(hang + line.slice(marker.length), columns);
      if (lines.some((l) => textWidth(l) > columns)) return line;
      lines[0] = marker + lines[0]!.slice(hang.length);
      return lines.join('\n');
    })
    .join('\n');
}

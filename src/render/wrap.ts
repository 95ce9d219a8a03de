// Word wrapping that never breaks a token: host names, addresses, status codes, URLs and ids
// stay whole so they can be read and copied. Scripts written without spaces may break inside a
// token instead: Chinese, Japanese and Korean between their characters, Thai, Lao, Khmer and
// Myanmar between the words ICU's dictionaries find (Intl.Segmenter).
import { strlen } from 'cli-table3/src/utils.js';

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** Columns a line takes on a terminal (wide characters count two); text holds no line breaks. */
export function textWidth(text: string): number {
  return PRINTABLE_ASCII.test(text) ? text.length : strlen(text);
}

/**
 * Characters of Chinese, Japanese and Korean, and the punctuation and fullwidth forms that go
 * with them: a line may break before or after each (with its combining marks).
 */
const CJK =
  '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}\\p{Script=Bopomofo}\\p{Script=Yi}' +
  '\\u3000-\\u303f\\u30fb\\u30fc\\uff00-\\uffef';
/** Scripts whose words a line may break between, but not inside. */
const SOUTHEAST_ASIAN = '\\p{Script=Thai}\\p{Script=Lao}\\p{Script=Khmer}\\p{Script=Myanmar}';
/** Scripts written without spaces between words. */
const NO_SPACES = CJK + SOUTHEAST_ASIAN;
const HAS_NO_SPACES = new RegExp(`[${NO_SPACES}]`, 'u');
const MARKS = '\\p{M}\\u200d\\ufe00-\\ufe0f';
/**
 * A run of Thai, Lao, Khmer or Myanmar (split into words later), one CJK character with its marks,
 * or a run of anything else (kept whole, as a token).
 */
const UNIT = new RegExp(
  `(?<run>[${SOUTHEAST_ASIAN}][${SOUTHEAST_ASIAN}${MARKS}]*)|[${CJK}][${MARKS}]*|[^${NO_SPACES}]+`,
  'gu',
);

let segmenter: Intl.Segmenter | undefined;
/** The words of a Thai, Lao, Khmer or Myanmar run, as ICU's word break rules find them. */
function words(run: string): string[] {
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'word' });
  return Array.from(segmenter.segment(run), (s) => s.segment);
}

/** Never at the start of a line: closing brackets, stops, commas, small kana, the prolonged sound mark. */
const CLOSING =
  /^[、。，．・：；？！）］｝〕〉》」』】〙〗〟｠ー々ゝゞヽヾぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ％]/u;
/** Never at the end of a line: opening brackets. */
const OPENING = /[（［｛〔〈《「『【〘〖〝｟]$/u;

/** Widths of characters and short words, remembered: text repeats few of them. */
const charWidths = new Map<string, number>();
function pieceWidth(piece: string): number {
  if (piece.length > 24) return textWidth(piece);
  let w = charWidths.get(piece);
  if (w === undefined) {
    if (charWidths.size > 8192) charWidths.clear();
    w = textWidth(piece);
    charWidths.set(piece, w);
  }
  return w;
}

/**
 * The pieces of a space-free token that a line may break between, each with its width: the token
 * itself unless it holds characters of a script written without spaces. Linear in the token.
 */
export function breakPieces(token: string): { text: string; width: number }[] {
  if (PRINTABLE_ASCII.test(token) || !HAS_NO_SPACES.test(token))
    return [{ text: token, width: textWidth(token) }];
  const out: { text: string; width: number }[] = [];
  let open = '';
  for (const match of token.matchAll(UNIT)) {
    const unit = match[0];
    if (match.groups?.run !== undefined) {
      const [first = '', ...rest] = words(unit);
      out.push({ text: open + first, width: (open ? textWidth(open) : 0) + pieceWidth(first) });
      open = '';
      for (const word of rest) out.push({ text: word, width: pieceWidth(word) });
      continue;
    }
    const last = out.at(-1);
    if (last && open === '' && CLOSING.test(unit)) {
      last.text += unit;
      last.width += pieceWidth(unit);
    } else if (OPENING.test(unit) && unit.length <= 2) {
      open += unit;
    } else {
      const text = open + unit;
      out.push({ text, width: (open ? textWidth(open) : 0) + pieceWidth(unit) });
      open = '';
    }
  }
  if (open) {
    const last = out.at(-1);
    if (last) {
      last.text += open;
      last.width += textWidth(open);
    } else out.push({ text: open, width: textWidth(open) });
  }
  return out;
}

/** The widest line of a multi-line text. */
export function linesWidth(text: string): number {
  let max = 0;
  for (const line of text.split('\n')) max = Math.max(max, textWidth(line));
  return max;
}

/**
 * The widest piece that cannot be broken, after its line's indentation (which `wrapText` keeps on
 * every line it makes): the narrowest a column can be without breaking one.
 */
export function longestToken(text: string): number {
  let max = 0;
  for (const line of text.split('\n')) {
    const indent = /^ */.exec(line)![0].length;
    for (const token of line.slice(indent).split(/ +/))
      for (const piece of breakPieces(token)) max = Math.max(max, indent + piece.width);
  }
  return max;
}

/**
 * Lines at most `width` columns wide, broken at spaces, and between the characters of scripts
 * written without spaces. A token wider than `width` stands alone on its line, whole (callers
 * pick widths that fit every token, or lay out without a table). Existing line breaks are kept;
 * a line that fits is kept as is, spaces included. Linear in the text.
 */
export function wrapText(text: string, width: number): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    if (textWidth(line) <= width) {
      out.push(line);
      continue;
    }
    const indent = /^ */.exec(line)![0];
    let current = '';
    let used = 0;
    for (const token of line.slice(indent.length).split(/ +/)) {
      if (token === '') continue;
      for (const [i, piece] of breakPieces(token).entries()) {
        // Pieces of one token join without a space.
        const gap = i === 0 ? 1 : 0;
        if (current === '') {
          current = indent + piece.text;
          used = indent.length + piece.width;
        } else if (used + gap + piece.width <= width) {
          current += (gap ? ' ' : '') + piece.text;
          used += gap + piece.width;
        } else {
          out.push(current);
          current = indent + piece.text;
          used = indent.length + piece.width;
        }
      }
    }
    out.push(current);
  }
  return out;
}

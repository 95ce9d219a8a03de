// Bytes → text for any charset the platform's ICU knows; unknown labels fall back to Latin-1
// so no byte is ever lost or throws.

import { TextDecoder } from 'node:util';

const decoders = new Map<string, TextDecoder | null>();

// Labels seen in real mail that WHATWG TextDecoder does not accept under that name.
const ALIASES: Record<string, string> = {
  'x-sjis': 'shift_jis',
  sjis: 'shift_jis',
  ms932: 'shift_jis',
  cp932: 'shift_jis',
  'x-euc-jp': 'euc-jp',
  'iso-2022-jp-2': 'iso-2022-jp',
  'iso-2022-jp-3': 'iso-2022-jp',
  utf8: 'utf-8',
};

// Node 20's TextDecoder decodes every Latin-1/windows-1252 label as ISO-8859-1, losing the
// 0x80-0x9F punctuation Windows mailers use, so that one table is applied here.
const LATIN1_LABELS = new Set([
  'windows-1252',
  'cp1252',
  'x-cp1252',
  'iso-8859-1',
  'latin1',
  'l1',
  'us-ascii',
  'ascii',
  'ansi_x3.4-1968',
  'x-unknown',
  'unknown',
]);
const CP1252 =
  '\u20ac\x81\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\x8d\u017d\x8f' +
  '\x90\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\x9d\u017e\u0178';

function fromCp1252(bin: string): string {
  return bin.replace(/[\x80-\x9f]/g, (c) => CP1252[c.charCodeAt(0) - 0x80]!);
}

function decoderFor(label: string): TextDecoder | null {
  const name = ALIASES[label] ?? label;
  let d = decoders.get(name);
  if (d === undefined) {
    try {
      d = new TextDecoder(name);
    } catch {
      d = null;
    }
    decoders.set(name, d);
  }
  return d;
}

/** True when the bytes (as a Latin-1 string) are plain 7-bit ASCII without escape sequences. */
function isAscii(bin: string): boolean {
  return !/[\x1b\x80-\xff]/.test(bin);
}

/**
 * Decode a byte string (one char per byte, as read with 'latin1') in the given charset.
 * Without a charset, valid UTF-8 is assumed, else Latin-1 (the bytes stay readable).
 */
export function decodeText(bin: string, charset?: string): string {
  if (isAscii(bin)) return bin;
  const bytes = Buffer.from(bin, 'latin1');
  if (charset) {
    const label = charset
      .trim()
      .toLowerCase()
      .replace(/^["']|["']$/g, '');
    if (LATIN1_LABELS.has(label)) return fromCp1252(bin);
    const d = decoderFor(label);
    if (d) return d.decode(bytes);
  }
  if (/\x1b\$[@B]/.test(bin)) return decoderFor('iso-2022-jp')!.decode(bytes);
  const utf8 = bytes.toString('utf8');
  return utf8.includes('\ufffd') ? fromCp1252(bin) : utf8;
}

// Which format a log is in, from its first lines: each format's parser is asked, and the one that
// reads the most lines wins (ties: the order below). `--format-in` skips the guess.
import type { LineParser } from './event.js';
import { ExchangeProtocolParser } from './formats/exchange-protocol.js';
import { ExchangeTrackingParser } from './formats/exchange-tracking.js';
import { EximParser } from './formats/exim.js';
import { PostfixParser } from './formats/postfix.js';
import { W3cSmtpParser } from './formats/w3c.js';
import { TimeReader } from './time.js';

export const INPUT_FORMATS = ['auto', 'postfix', 'exim', 'exchange', 'exchange-protocol', 'w3c'] as const;
export type InputFormat = (typeof INPUT_FORMATS)[number];

export function makeParser(format: Exclude<InputFormat, 'auto'>, time: TimeReader): LineParser {
  switch (format) {
    case 'postfix':
      return new PostfixParser(time);
    case 'exim':
      return new EximParser(time);
    case 'exchange':
      return new ExchangeTrackingParser(time);
    case 'exchange-protocol':
      return new ExchangeProtocolParser(time);
    case 'w3c':
      return new W3cSmtpParser(time);
  }
}

/** The format that reads most of `sample` (the first lines of a file), or undefined when none reads any. */
export function detectFormat(sample: readonly string[]): Exclude<InputFormat, 'auto'> | undefined {
  let best: Exclude<InputFormat, 'auto'> | undefined;
  let bestCount = 0;
  for (const f of INPUT_FORMATS) {
    if (f === 'auto') continue;
    const p = makeParser(f, new TimeReader());
    let n = 0;
    for (const line of sample) {
      const got = p.parse(line);
      if (got && (!Array.isArray(got) || got.length > 0 || line.startsWith('#'))) n++;
    }
    if (n > bestCount) {
      best = f;
      bestCount = n;
    }
  }
  return best;
}

// Last resort for anything else: a pasted paragraph or a single reply line. Takes each line that
// carries an SMTP reply or enhanced status code as a failure, and the nearest address as its recipient.
import { findReply, findStatus } from './codes.js';
import { firstAddress, hostBefore, joinLines, recipientOfLine } from './text.js';
import type { BounceText, Format, RawRecipient } from './types.js';

const FAILURE = /(?:^|[\s:#'"(<[;=])(?:[45]\d\d[\s-]|[45]\.[0-7]\.\d{1,3}\b)/;
const MAX_LINES = 5000;

function isFailureLine(line: string): boolean {
  return FAILURE.test(line) && (findReply(line) !== undefined || findStatus(line) !== undefined);
}

export const fallback: Format = {
  name: 'text',
  detect: () => true,
  parse(b: BounceText): RawRecipient[] {
    const lines = b.text.split('\n', MAX_LINES);
    const out: RawRecipient[] = [];
    const seen = new Set<string>();
    let lastRecipient: string | undefined;
    let lastRecipientLine = -1;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      const named = recipientOfLine(line);
      if (named) {
        lastRecipient = named;
        lastRecipientLine = i;
      }
      if (!isFailureLine(line)) continue;
      const diag = [line];
      // Multi-line replies (550-…) and indented continuations belong to the same failure.
      for (let j = i + 1; j < lines.length && j < i + 8; j++) {
        const next = lines[j]!;
        if (!next.trim() || (!/^\s/.test(next) && !/^[45]\d\d[ -]/.test(next))) break;
        diag.push(next);
        i = j;
      }
      const recipient =
        firstAddress(line) ??
        (i - lastRecipientLine < 12 ? lastRecipient : undefined) ??
        firstAddress(b.headers.get('x-failed-recipients')) ??
        firstAddress(b.returned[0]?.get('to'));
      const key = recipient ?? '';
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({
        recipient,
        diagnostic: joinLines(diag),
        remoteMta: hostBefore(lines.slice(Math.max(0, i - 2), i + 1).join(' ')),
      });
    }
    return out;
  },
};

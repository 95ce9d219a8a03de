// Splitting an mbox (several messages, each after a `From ` envelope line) into its messages.
// Pure and conservative: a lone message whose body has a line starting "From " stays whole.

/** Messages decoded per mbox; more than this is not a mailbox of bounces a user pasted. */
export const MAX_MBOX_MESSAGES = 1000;

const DAY = '(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)';
const MONTH = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)';
/**
 * `From <sender> <asctime>` as mbox writers put it (sender may be `<>` or MAILER-DAEMON, some add
 * a zone or offset before the year), followed by a header line: the form a body line hardly takes.
 */
const ENVELOPE = new RegExp(
  `^From \\S+ +${DAY} ${MONTH} [ \\d]?\\d \\d\\d:\\d\\d(?::\\d\\d)?(?: (?:[A-Z]{2,5}|[+-]\\d{4}))? \\d{4}(?: (?:[A-Z]{2,5}|[+-]\\d{4}))?[ \\t]*\\r?\\n[!-9;-~]+:`,
  'gm',
);

/**
 * The messages of an mbox, or the input alone when it is not one. An input is an mbox only when
 * it starts with an envelope line; it is then cut at each later envelope line that follows a
 * blank line (mbox writers separate messages so).
 */
export function splitMbox(bin: string): string[] {
  if (!bin.startsWith('From ')) return [bin];
  ENVELOPE.lastIndex = 1;
  const starts = [0];
  for (let m = ENVELOPE.exec(bin); m; m = ENVELOPE.exec(bin)) {
    if (/\n\r?\n$/.test(bin.slice(Math.max(0, m.index - 3), m.index))) starts.push(m.index);
    if (starts.length > MAX_MBOX_MESSAGES) break;
    ENVELOPE.lastIndex = m.index + 5;
  }
  if (starts.length === 1) return [bin];
  return starts.slice(0, MAX_MBOX_MESSAGES).map((s, i) => bin.slice(s, starts[i + 1] ?? bin.length));
}

// Sendmail: "----- The following addresses had permanent fatal errors -----" lists recipients,
// "----- Transcript of session follows -----" holds the SMTP dialogue (`<<< 550 5.1.1 ...`)
// or sendmail's own lines (`550 5.1.1 <x>... User unknown`).
import { commandOf, firstAddress, has, hostBefore, joinLines, section } from './text.js';
import type { Format, RawRecipient } from './types.js';

// Variants (Biglobe and other sendmail-derived MTAs) say "had delivery problems".
const LIST =
  /The following addresses? (?:had|has) (?:permanent fatal errors|transient non-fatal errors|delivery problems)\s*-+\s*\n/i;
/** Without a transcript, such variants give the reason in the next dashed section ("----- Non-delivered information -----"). */
const OTHER_SECTION = /^[ \t]*-{3,}[ \t]*(?![ \t-]|The following|Transcript)[^\n]*?-{3,}[ \t]*\n/im;
const TRANSCRIPT = /Transcript of (?:the )?session follows\s*-+\s*\n/i;
const CODE_LINE = /^(?:<<<\s*)?[45]\d\d[ -]/;

/** Without a list of addresses, the transcript's `550 <rcpt>... reason` lines name them (never the MAIL From). */
function fromTranscript(lines: string[]): { addr?: string; reason?: string }[] {
  const senders = new Set(lines.filter((l) => /^>>> MAIL From:/i.test(l)).map((l) => firstAddress(l)));
  const out: { addr?: string; reason?: string }[] = [];
  for (const l of lines) {
    const addr = /^(?:<<<\s*)?[45]\d\d[ -]<([^>\s]+@[^>\s]+)>\.\.\./.exec(l.trim())?.[1];
    if (addr && !senders.has(addr) && !out.some((x) => x.addr === addr)) out.push({ addr });
  }
  return out.length ? out : [{}];
}

const replyClass = (l: string) => l.trim().replace(/^<<<\s*/, '')[0];

function otherSection(text: string): string[] {
  const body = section(text, OTHER_SECTION, /\n\s*\n|\n[ \t]*-{3,}/);
  // A reason is a sentence or two; a longer section is not one.
  return body
    ? body
        .split('\n', 50)
        .filter((l) => l.trim())
        .slice(0, 5)
    : [];
}

export const sendmail: Format = {
  name: 'sendmail',
  detect: (b) =>
    has(
      b,
      'transcript of session follows',
      'transcript of the session follows',
      'the following addresses had',
      'the following address had',
    ),
  parse(b) {
    const transcript = section(b.text, TRANSCRIPT, /\n[ \t]*-{3,}|\n\n\n/) ?? '';
    const lines = transcript.split('\n');
    const listed: { addr?: string; reason?: string }[] = [];
    for (const line of (section(b.text, LIST, /\n\s*\n|\n\s*-{3,}/) ?? '').split('\n')) {
      // A listed line is an address and a short note; a longer one is cut (no regex runs over it whole).
      const l = line.slice(0, 1000);
      // One '@' per address: with '@' allowed on both sides the match is quadratic in the line length.
      const addr = /^\s*<?([^\s<>()@]+@[^\s<>()@]+?)>?\s*(?:\.\.\.|$)/.exec(l)?.[1];
      const reason = /\(reason: ([^)]*)\)/.exec(l)?.[1];
      const exp = /\(expanded from:?\s*(.*)/i.exec(l)?.[1];
      const expanded = exp ? firstAddress(exp.split(')', 1)[0]) : undefined;
      const last = listed[listed.length - 1];
      if (addr && !listed.some((x) => x.addr === addr)) listed.push({ addr });
      // A pipe or file (local delivery) is listed by name; "(expanded from: <addr>)" names the recipient.
      else if (/^\s*"?[|/]/.test(l)) listed.push({});
      else if (reason && last) last.reason ??= reason;
      else if (expanded && last && !last.addr) last.addr = expanded;
    }
    // A pipe or file whose address is not given is dropped when the list names others.
    const named = listed.filter((x) => x.addr);
    const recipients = named.length ? named : listed.length ? listed : fromTranscript(lines);
    // The transcript lines of one recipient end where another recipient is named.
    const others = (addr?: string) =>
      recipients.map((r) => r.addr).filter((a): a is string => !!a && a !== addr);
    return recipients.map(({ addr, reason }): RawRecipient => {
      // The dialogue lines after this recipient's RCPT, or the lines naming it, else every code line.
      const at = addr ? lines.findIndex((l) => l.toLowerCase().includes(addr.toLowerCase())) : -1;
      const from = Math.max(at, 0);
      const codes: string[] = [];
      for (const l of lines.slice(from)) {
        if (codes.length >= 3 || (codes.length > 0 && others(addr).some((o) => l.includes(o)))) break;
        if (!CODE_LINE.test(l.trim())) continue;
        // A reply of the other class is another event (a later 421 for the whole domain after the
        // recipient's 550): it does not describe this recipient.
        if (codes.length > 0 && replyClass(l) !== replyClass(codes[0]!)) break;
        codes.push(l);
      }
      const mine = codes.length ? codes : reason ? [reason] : transcript ? [] : otherSection(b.text);
      const talking = lines
        .slice(0, from + 1)
        .reverse()
        .find((l) => /while talking to/i.test(l));
      const diagnostic = joinLines(mine.map((l) => l.trim().replace(/^<<<\s*/, '')));
      return {
        recipient: addr ?? firstAddress(diagnostic),
        diagnostic: diagnostic || reason,
        remoteMta: talking
          ? /while talking to ([^\s:]+)/i.exec(talking)?.[1]?.replace(/\.$/, '')
          : hostBefore(diagnostic),
        command: commandOf(
          lines
            .slice(from)
            .find((l) => l.startsWith('>>>'))
            ?.replace('>>>', 'to'),
        ),
      };
    });
  },
};

// Microsoft Exchange / Outlook / Office 365 notices: "Delivery has failed to these recipients",
// "Remote Server returned '550 5.1.1 ...'", `#550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##`,
// Exchange 2003's `<host #5.1.1 smtp;550 ...>`, and "Generating server: X" naming the reporter.
import {
  allAddresses,
  firstAddress,
  has,
  hostBefore,
  joinLines,
  MAX_RECIPIENTS,
  recipientBlocks,
  section,
} from './text.js';
import type { Format, RawRecipient } from './types.js';

const HASHED = /#\d{3}[ -]#?\d\.\d{1,3}\.\d{1,3}|#\d\.\d\.\d+ smtp;/;
const RETURNED = /Remote Server (?:at ([^\s(]+)[^\n]*? )?returned '([^']*)'/gi;
const HASH = /#([45]\d\d[ -][^\n#]*?)(?:\s*##|$)/m;
// The quoted reply may itself hold an address in angle brackets: `<host #5.1.1 smtp;550 <a@b>... unknown>`.
const E2003 = /<([^\s#<>]+)\s+#(\d\.\d{1,3}\.\d{1,3})\s+(?:smtp|x-)?;?\s*((?:[^<>]|<[^<>]*>)*)>/i;

/** Exchange 5.5/2003: "did not reach the following recipient(s):" then `addr on <date>` and the reason. */
function exchange2003(text: string, reporting: string | undefined): RawRecipient[] {
  const listed = section(
    text,
    /(?:did not reach the following recipient\(s\)|following recipient\(s\) could not be reached):[^\n]*\n/i,
  );
  if (!listed) return [];
  const blocks = recipientBlocks(listed, (l) => /^\s*<?([^\s<>@]+@[^\s<>]+?)>?\s+on\s+/i.exec(l)?.[1]);
  return blocks.map((bl) => {
    const reason = joinLines(bl.lines.slice(1));
    const old = E2003.exec(reason);
    return {
      recipient: bl.recipient,
      diagnostic: old ? `${old[3]} ${old[2]} ${reason}`.trim() : reason,
      status: old?.[2],
      remoteMta: old?.[1],
      reportingMta: reporting,
    };
  });
}

export const exchange: Format = {
  name: 'exchange',
  detect: (b) =>
    has(
      b,
      'remote server',
      'diagnostic information for administrators',
      'delivery has failed to these recipients',
      'the intended recipient',
      'could not be reached',
      'did not reach the following recipient',
      'generating server:',
    ) ||
    (b.text.includes('#') && HASHED.test(b.text)) ||
    /Undeliverable:|Undeliverable mail/i.test(b.subject),
  parse(b) {
    const text = b.text;
    const reporting = /Generating server:\s*(\S+)/i.exec(text)?.[1];
    const out: RawRecipient[] = [];
    const admin = text.search(/Diagnostic information for administrators/i);
    const diagPart = admin >= 0 ? text.slice(admin) : text;
    // Per-recipient lines: the address, then its `#550 ...##` or `Remote Server returned` line.
    const lines = diagPart.split('\n');
    for (let i = 0; i < lines.length && out.length < MAX_RECIPIENTS; i++) {
      const l = lines[i]!;
      if (!l.includes('@')) continue;
      const addr = firstAddress(l);
      if (!addr || /Generating server|^\s*(from|to|sender|subject):/i.test(l)) continue;
      const near = lines.slice(i, i + 4).join('\n');
      const hash = HASH.exec(near)?.[1];
      const rs = [...near.matchAll(RETURNED)][0];
      const old = E2003.exec(near);
      if (!hash && !rs && !old) continue;
      if (out.some((r) => r.recipient === addr)) continue;
      out.push({
        recipient: addr,
        diagnostic: rs?.[2] ?? (old ? `${old[3]} ${old[2]}`.trim() : hash),
        status: old?.[2],
        remoteMta: rs?.[1]?.replace(/\W+$/, '') ?? old?.[1] ?? hostBefore(near),
        reportingMta: reporting,
      });
    }
    if (out.length) return out;
    const listed = exchange2003(text, reporting);
    if (listed.length) return listed;
    // Older layout: recipients listed first, one "Remote Server returned" for all of them.
    const rs = [...text.matchAll(RETURNED)][0];
    const hash = HASH.exec(text)?.[1];
    const diagnostic = rs?.[2] ?? hash;
    if (!diagnostic) return [];
    const head = text.split(/Diagnostic information for administrators|Remote Server/i)[0] ?? '';
    const rcpts = allAddresses(head).filter((a) => !/^(postmaster|mailer-daemon)@/i.test(a));
    const list = rcpts.length ? [...new Set(rcpts)] : [firstAddress(diagnostic)];
    return list.map((recipient) => ({
      recipient,
      diagnostic: joinLines([diagnostic]),
      remoteMta: rs?.[1],
      reportingMta: reporting,
    }));
  },
};

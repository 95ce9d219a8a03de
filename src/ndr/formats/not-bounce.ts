// Messages users mistake for bounces that are something else: say what they are, so the
// "no failure found" answer is useful (ARF reports are recognised in decode.ts by their MIME type).
import type { BounceText } from './types.js';

const NOTES: ReadonlyArray<{ test: (b: BounceText) => boolean; note: string }> = [
  {
    // Microsoft's Junk Mail Reporting Program encloses the reported message with this header.
    test: (b) => b.returned.some((h) => h.get('x-hmxmroriginalrecipient') !== undefined),
    note: 'This is a junk-mail complaint from Microsoft (Outlook.com/Hotmail Junk Mail Reporting Program): a recipient marked a delivered message as spam; it is not a delivery failure.',
  },
  {
    // Mail clients send these for a List-Unsubscribe mailto: link (Apple Mail marks them so).
    test: (b) =>
      b.headers.get('x-apple-unsubscribe') !== undefined ||
      (/^\s*unsubscribe\s*$/i.test(b.subject) && b.headers.get('auto-submitted') !== undefined),
    note: "This is an unsubscribe request sent by the recipient's mail client (a List-Unsubscribe mailto: link), not a delivery failure: remove the sender address from the list.",
  },
  {
    // Auto-replies (vacation, out of office) are delivered mail answering back. Not judged by
    // Auto-Submitted: auto-replied, which bounces carry too.
    // Localised subjects (German, French, Spanish, Dutch, Russian, Japanese) and the headers
    // vacation programs add (X-Autoreply, X-Autorespond, Precedence: auto_reply) say it too.
    test: (b) =>
      /^(?:out of office|automatic reply|auto(?:matic)?[- ]?(?:reply|response)|abwesenheitsnotiz|automatische antwort|r[ée]ponse automatique|absence|respuesta autom[aá]tica|fuera de la oficina|afwezig|автоответ|自動応答|自動返信|不在)/i.test(
        b.subject,
      ) ||
      b.headers.get('x-autoreply') !== undefined ||
      b.headers.get('x-autorespond') !== undefined ||
      /^\s*auto[_-]reply\s*$/i.test(b.headers.get('precedence') ?? ''),
    note: 'This is an automatic reply (out of office / vacation), which means the message was delivered; it is not a delivery failure.',
  },
  {
    // Read receipts (RFC 8098 MDNs) come back from the recipient's mail client after delivery.
    test: (b) => /disposition-notification/i.test(b.headers.get('content-type') ?? ''),
    note: "This is a read receipt (message disposition notification, RFC 8098): the message was delivered and the recipient's mail client reports what happened to it; it is not a delivery failure.",
  },
];

/** What a message that reports no failure is instead, when it is recognisably something else. */
export function notBounceNote(b: BounceText): string | undefined {
  return NOTES.find((n) => n.test(b))?.note;
}

// Amazon SES notifications (JSON, as SNS delivers them or as pasted from a console or an SNS
// e-mail subscription): a Bounce lists its failed recipients; Complaint, Delivery and other event
// types are not delivery failures and say so.
import { typedValue } from './rfc3464.js';
import type { RawRecipient } from './types.js';

/** JSON larger than this is not a notification (SES ones are a few KB, with headers a few hundred). */
const MAX_JSON_CHARS = 4 * 1024 * 1024;

export type SesDecoded = { recipients: RawRecipient[]; note?: undefined } | { recipients: []; note: string };

type Json = Record<string, unknown>;

const obj = (v: unknown): Json | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined;
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** Words for a bounce subtype when SES gives no diagnostic of its own (they also drive the category). */
const SUBTYPE_TEXT: Record<string, string> = {
  NoEmail: 'the recipient address does not exist',
  MailboxFull: "the recipient's mailbox is full",
  MessageTooLarge: 'the message is too large for the recipient',
  ContentRejected: 'the message content was rejected by the recipient server',
  AttachmentRejected: 'the message content was rejected because of an attachment',
  Suppressed:
    'SES did not send: the address is on the SES global suppression list after earlier hard bounces',
  OnAccountSuppressionList: "SES did not send: the address is on the sending account's suppression list",
};

/** The notification object in a text: the whole text, or the JSON between its first '{' and last '}'. */
function parseJson(text: string): Json | undefined {
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  if (start < 0 || end <= start || end - start > MAX_JSON_CHARS) return undefined;
  const body = text.slice(start, end + 1);
  if (!/"(?:notificationType|eventType|Message)"\s*:/.test(body)) return undefined;
  try {
    return obj(JSON.parse(body));
  } catch {
    return undefined;
  }
}

/** The SES notification inside an SNS envelope (`"Type":"Notification"`, the notification as a JSON string in `Message`). */
function unwrap(o: Json): Json | undefined {
  if (str(o.notificationType) || str(o.eventType)) return o;
  const inner = str(o.Message);
  if (!inner || inner.length > MAX_JSON_CHARS) return undefined;
  try {
    const m = obj(JSON.parse(inner));
    return m && (str(m.notificationType) || str(m.eventType)) ? m : undefined;
  } catch {
    return undefined;
  }
}

function notFailure(type: string, n: Json): string {
  const to = list(obj(n.mail)?.destination).filter((d) => typeof d === 'string');
  const dest = to.length ? ` to ${to.slice(0, 5).join(', ')}${to.length > 5 ? ', …' : ''}` : '';
  switch (type) {
    case 'Delivery':
      return `This is an Amazon SES delivery notification: the message${dest} was accepted by the recipient's server, so nothing failed.`;
    case 'Complaint':
      return `This is an Amazon SES complaint notification: a recipient${dest} marked a delivered message as spam (a feedback report, not a delivery failure).`;
    default:
      return `This is an Amazon SES "${type}" event notification, not a bounce; only Bounce (and DeliveryDelay) notifications report recipients that did not get the message.`;
  }
}

function bounced(b: Json): RawRecipient[] {
  const reportingMta = typedValue(str(b.reportingMTA));
  const remoteMta = str(b.remoteMtaIp);
  const kind = [str(b.bounceType), str(b.bounceSubType)].filter(Boolean).join('/');
  return list(b.bouncedRecipients ?? b.delayedRecipients)
    .map(obj)
    .filter((r): r is Json => r !== undefined)
    .map((r) => {
      const sub = str(b.bounceSubType);
      const diagnostic =
        typedValue(str(r.diagnosticCode)) ??
        (sub && SUBTYPE_TEXT[sub]
          ? `${SUBTYPE_TEXT[sub]} (SES ${kind} bounce)`
          : kind
            ? `SES ${kind} bounce`
            : undefined);
      const out: RawRecipient = {};
      const set = <K extends keyof RawRecipient>(k: K, v: RawRecipient[K] | undefined) => {
        if (v !== undefined) out[k] = v;
      };
      set('recipient', str(r.emailAddress));
      set('action', str(r.action)?.toLowerCase());
      set('status', str(r.status)?.match(/^[245]\.\d{1,3}\.\d{1,3}$/)?.[0]);
      set('diagnostic', diagnostic);
      set('reportingMta', reportingMta);
      set('remoteMta', remoteMta);
      return out;
    });
}

/** The recipients of an SES Bounce or DeliveryDelay notification; a note for other SES notifications; undefined when the text is not one. */
export function decodeSes(text: string): SesDecoded | undefined {
  const head = text.trimStart();
  // A pasted notification starts with its JSON; an SNS e-mail subscription's body may add a footer.
  if (!head.startsWith('{') || !/"(?:notificationType|eventType)\\?"/.test(head.slice(0, MAX_JSON_CHARS)))
    return undefined;
  const o = parseJson(head);
  const n = o && unwrap(o);
  if (!n) return undefined;
  const type = str(n.notificationType) ?? str(n.eventType) ?? '';
  if (type === 'Bounce' || type === 'DeliveryDelay') {
    const detail = obj(type === 'Bounce' ? n.bounce : n.deliveryDelay) ?? {};
    const recipients = bounced(detail);
    if (type === 'DeliveryDelay') for (const r of recipients) r.action ??= 'delayed';
    if (recipients.length) return { recipients };
    return {
      recipients: [],
      note: `This Amazon SES ${type} notification lists no recipients (no ${type === 'Bounce' ? 'bounce.bouncedRecipients' : 'deliveryDelay.delayedRecipients'}).`,
    };
  }
  return { recipients: [], note: notFailure(type, n) };
}

// What a filter wrote about a message, read back in plain language.
import type { Headers } from '../../ndr/mime/headers.js';

export interface Verdict {
  /** The filter: "Exchange Online Protection", "SpamAssassin", "rspamd", … */
  vendor: string;
  /** The header field it was read from. */
  header: string;
  /** The field inside it (SCL, SFV, BCL, score, …), or '' for the whole value. */
  field: string;
  value: string;
  /** What it means, in a sentence. */
  meaning: string;
  /** true: this says spam/phishing/bulk/blocked; false: says clean; null: neither. */
  spam: boolean | null;
  /** Where the meaning comes from. */
  source: string;
}

export type VerdictReader = (h: Headers) => Verdict[];

/** A value shortened for display. */
export function short(v: string, max = 200): string {
  return v.length > max ? `${v.slice(0, max)}…` : v;
}

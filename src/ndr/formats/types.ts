// What every format module produces and what it gets to look at.
import type { Headers } from '../mime/headers.js';

/** One failed (or delayed) recipient as a bounce reports it; codes are resolved later. */
export interface RawRecipient {
  recipient?: string;
  action?: string;
  /** The Status: field or the code the format states explicitly. */
  status?: string;
  replyCode?: number;
  diagnostic?: string;
  remoteMta?: string;
  reportingMta?: string;
  /** The SMTP command the remote server answered (RCPT, DATA, ...), when the format says. */
  command?: string;
}

export interface BounceText {
  /** Top-level headers of the bounce (empty for a pasted fragment). */
  headers: Headers;
  subject: string;
  from: string;
  /** The human-readable notice (text parts outside the returned message, joined), LF line ends. */
  text: string;
  /** `text` lower-cased, for cheap phrase tests in detect(). */
  lower: string;
  /** Headers of the returned original message(s). */
  returned: Headers[];
}

export interface Format {
  /** Stable name reported as `format` in JSON. */
  name: string;
  /** Cheap test on headers and text; only then is parse() run. */
  detect(b: BounceText): boolean;
  parse(b: BounceText): RawRecipient[];
}

// The syslog envelope around a program's message: time, host, tag ("postfix/smtpd[123]") and the
// message text. Reads classic BSD syslog, ISO/RFC 3339 stamps (rsyslog, journalctl -o short-iso)
// and RFC 5424 ("<22>1 2026-… host postfix/smtpd 123 - - msg"). Plain string scanning, no regex.
import { CLASSIC_LEN, type TimeReader } from './time.js';

export interface SyslogLine {
  t: number;
  host: string;
  /** The tag without its [pid]: "postfix/smtpd", "postfix/submission/smtpd", "exim". */
  tag: string;
  pid: string;
  /** Offset in the line where the program's own message starts. */
  body: number;
}

function skipSpaces(line: string, i: number): number {
  while (line.charCodeAt(i) === 32) i++;
  return i;
}

export function splitSyslog(line: string, time: TimeReader): SyslogLine | undefined {
  let i = 0;
  if (line.charCodeAt(0) === 60 /* < */) {
    const gt = line.indexOf('>');
    if (gt < 0 || gt > 5) return undefined;
    i = gt + 1;
    // RFC 5424: "<PRI>1 TIMESTAMP HOST APP PROCID MSGID SD MSG"
    if (line.charCodeAt(i) === 49 /* 1 */ && line.charCodeAt(i + 1) === 32) return rfc5424(line, i + 2, time);
  }
  let t: number;
  const c = line.charCodeAt(i);
  if (c >= 48 && c <= 57) {
    const sp = line.indexOf(' ', i);
    if (sp < 0) return undefined;
    t = time.iso(line.slice(i, sp));
    i = sp + 1;
  } else {
    if (line.length < i + CLASSIC_LEN + 2) return undefined;
    t = time.classic(line.slice(i, i + CLASSIC_LEN));
    i = skipSpaces(line, i + CLASSIC_LEN);
  }
  const hostEnd = line.indexOf(' ', i);
  if (hostEnd < 0) return undefined;
  const host = line.slice(i, hostEnd);
  const tagStart = hostEnd + 1;
  const colon = line.indexOf(': ', tagStart);
  if (colon < 0) return undefined;
  let tagEnd = colon;
  let pid = '';
  if (line.charCodeAt(colon - 1) === 93 /* ] */) {
    const br = line.lastIndexOf('[', colon);
    if (br > tagStart) {
      pid = line.slice(br + 1, colon - 1);
      tagEnd = br;
    }
  }
  const tag = line.slice(tagStart, tagEnd);
  if (tag.indexOf(' ') >= 0) return undefined;
  return { t, host, tag, pid, body: colon + 2 };
}

function rfc5424(line: string, i: number, time: TimeReader): SyslogLine | undefined {
  const fields: string[] = [];
  for (let k = 0; k < 5; k++) {
    const sp = line.indexOf(' ', i);
    if (sp < 0) return undefined;
    fields.push(line.slice(i, sp));
    i = sp + 1;
  }
  // Structured data: '-' or one or more [..] elements.
  if (line.charCodeAt(i) === 45 /* - */) i += 2;
  else if (line.charCodeAt(i) === 91 /* [ */) {
    const end = line.indexOf('] ', i);
    if (end < 0) return undefined;
    i = end + 2;
  }
  if (line.charCodeAt(i) === 0xfeff) i++; // BOM before a UTF-8 message
  const [stamp, host, app, procid] = fields as [string, string, string, string, string];
  return { t: time.iso(stamp), host, tag: app, pid: procid === '-' ? '' : procid, body: i };
}

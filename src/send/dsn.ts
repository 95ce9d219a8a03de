// Delivery Status Notification requests (RFC 3461): what `send --dsn-notify/--dsn-ret` adds to
// MAIL FROM and RCPT TO. Pure text building; the flow decides whether the server offers DSN.
import { randomBytes } from 'node:crypto';

export type DsnNotify = 'success' | 'failure' | 'delay' | 'never';

export interface DsnRequest {
  /** NOTIFY= per recipient; absent: the server's default (failures, and delays at its choice). */
  notify?: DsnNotify[];
  /** RET=: return the whole message or only its headers in a failure report. */
  ret?: 'full' | 'hdrs';
  /** ENVID=: printed in every report about this message, to match it to this test. */
  envid: string;
}

export function newEnvid(): string {
  return `mailflow-${randomBytes(6).toString('hex')}`;
}

/**
 * xtext (RFC 3461 §4): printable ASCII except '+' and '=' as is, everything else as +HH. The
 * values are addresses already refused if they hold CR, LF or NUL; this keeps them one word.
 */
export function xtext(s: string): string {
  let out = '';
  for (const byte of Buffer.from(s, 'utf8')) {
    out +=
      byte >= 0x21 && byte <= 0x7e && byte !== 0x2b && byte !== 0x3d
        ? String.fromCharCode(byte)
        : `+${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

export function dsnMailParams(dsn: DsnRequest): string[] {
  return [...(dsn.ret ? [`RET=${dsn.ret.toUpperCase()}`] : []), `ENVID=${xtext(dsn.envid)}`];
}

/**
 * ORCPT is optional; it is left out for an address that is not ASCII, which would need the
 * utf-8 address type of RFC 6533 rather than rfc822.
 */
export function dsnRcptParams(dsn: DsnRequest, address: string): string[] {
  const notify = dsn.notify?.length
    ? [`NOTIFY=${[...new Set(dsn.notify)].map((n) => n.toUpperCase()).join(',')}`]
    : [];
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the ASCII range is the point
  const ascii = /^[\x00-\x7f]*$/.test(address);
  return [...notify, ...(ascii ? [`ORCPT=rfc822;${xtext(address)}`] : [])];
}

// Every way an SMTP conversation can fail, each with its own code, so callers (and
// findings) can tell a firewall that drops packets from a tarpit or a broken server.

export const SMTP_ERROR_CODES = [
  'connect-timeout', // TCP SYN unanswered: packets dropped on the way
  'refused', // RST on connect: nothing listening, or a firewall that rejects
  'unreachable', // no route to the host or network from here
  'greeting-timeout', // connected, but the 220 banner never (fully) arrived
  'reply-timeout', // a complete reply did not arrive within the per-reply time
  'deadline', // the whole session ran past its overall deadline
  'line-too-long', // one reply line exceeded the maximum line length
  'reply-too-large', // a reply exceeded the maximum size in bytes
  'too-many-lines', // a reply exceeded the maximum number of lines
  'code-mismatch', // lines of one multi-line reply carried different codes
  'malformed-reply', // a line that is not `ddd`, `ddd-text` or `ddd text`
  'closed', // the server closed the connection (possibly mid-reply)
  'reset', // the connection was reset (RST) by the server or a middlebox
  'tls-error', // TLS handshake failed
  'unsolicited-reply', // a reply arrived when no command was waiting for one (RFC 5321 §4.3, RFC 2920)
  'protocol', // the server broke the protocol in another way (e.g. data after STARTTLS's 220)
  'network', // any other socket error
  'proxy', // the SOCKS proxy (--proxy) could not be reached, refused us, or could not connect onwards
  'state', // the caller used the session wrongly (e.g. a command after close)
] as const;
export type SmtpErrorCode = (typeof SMTP_ERROR_CODES)[number];

export class SmtpError extends Error {
  override name = 'SmtpError';
  constructor(
    readonly code: SmtpErrorCode,
    message: string,
    /** What had arrived of the reply in progress, if anything (for the transcript). */
    readonly partial?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function isSmtpError(e: unknown, code?: SmtpErrorCode): e is SmtpError {
  return e instanceof SmtpError && (code === undefined || e.code === code);
}

/** Map a Node socket error to our codes (errno names are stable across platforms). */
export function fromSocketError(err: NodeJS.ErrnoException, during: string): SmtpError {
  const errno = err.code ?? '';
  if (errno === 'ECONNREFUSED')
    return new SmtpError('refused', `connection refused ${during}`, undefined, { cause: err });
  if (errno === 'ECONNRESET' || errno === 'EPIPE') {
    return new SmtpError('reset', `connection reset by peer ${during}`, undefined, { cause: err });
  }
  if (['EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL', 'EAFNOSUPPORT'].includes(errno)) {
    return new SmtpError('unreachable', `no route to host ${during} (${errno})`, undefined, { cause: err });
  }
  if (errno === 'ETIMEDOUT')
    return new SmtpError('connect-timeout', `timed out ${during}`, undefined, { cause: err });
  if (errno.startsWith('ERR_SSL') || errno.startsWith('ERR_TLS') || /SSL|TLS/.test(err.message)) {
    return new SmtpError('tls-error', `TLS failed ${during}: ${err.message}`, undefined, { cause: err });
  }
  return new SmtpError('network', `${err.message} ${during}`, undefined, { cause: err });
}

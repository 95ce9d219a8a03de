// Basic SMTP reply codes (RFC 5321 §4.2, plus RFC 3207, RFC 4954, RFC 7504), in our own words.

export interface ReplyCodeEntry {
  meaning: string;
  rfc: string;
}

const R5321 = 'RFC 5321 §4.2';

export const REPLY_CODES: ReadonlyMap<number, ReplyCodeEntry> = new Map([
  [211, { meaning: 'System status or help reply.', rfc: R5321 }],
  [214, { meaning: 'Help message.', rfc: R5321 }],
  [220, { meaning: 'Service ready (the greeting).', rfc: R5321 }],
  [221, { meaning: 'Server is closing the connection.', rfc: R5321 }],
  [235, { meaning: 'Authentication succeeded.', rfc: 'RFC 4954 §6' }],
  [250, { meaning: 'Requested action completed.', rfc: R5321 }],
  [251, { meaning: 'User not local; the server will forward the message.', rfc: R5321 }],
  [
    252,
    { meaning: 'Cannot verify the user, but will accept the message and try to deliver it.', rfc: R5321 },
  ],
  [
    354,
    { meaning: 'Go ahead and send the message body, ending with a line holding only a dot.', rfc: R5321 },
  ],
  [
    421,
    {
      meaning:
        'Service not available; the server is closing the connection (overload, rate limit, shutdown).',
      rfc: R5321,
    },
  ],
  [
    422,
    { meaning: 'The recipient mailbox has exceeded its storage limit (non-standard).', rfc: 'non-standard' },
  ],
  [432, { meaning: 'A password transition is needed.', rfc: 'RFC 4954 §6' }],
  [
    450,
    {
      meaning: 'Mailbox unavailable for now (busy, or temporarily refused by policy, e.g. greylisting).',
      rfc: R5321,
    },
  ],
  [
    451,
    {
      meaning:
        'Action aborted because of a local error at the server (often a temporary DNS, greylisting or throttling condition).',
      rfc: R5321,
    },
  ],
  [452, { meaning: 'Insufficient system storage, or too many recipients in this transaction.', rfc: R5321 }],
  [453, { meaning: 'System not accepting network messages for now.', rfc: 'RFC 3463 (X.3.2)' }],
  [
    454,
    {
      meaning: 'Temporary authentication failure, or TLS not available right now.',
      rfc: 'RFC 4954 §6, RFC 3207 §4',
    },
  ],
  [455, { meaning: 'Server cannot accommodate the MAIL/RCPT parameters right now.', rfc: R5321 }],
  [500, { meaning: 'Syntax error: command not recognised (or line too long).', rfc: R5321 }],
  [501, { meaning: 'Syntax error in the parameters or arguments.', rfc: R5321 }],
  [502, { meaning: 'Command not implemented.', rfc: R5321 }],
  [503, { meaning: 'Bad sequence of commands (e.g. MAIL before EHLO, or RCPT before MAIL).', rfc: R5321 }],
  [504, { meaning: 'Command parameter not implemented.', rfc: R5321 }],
  [521, { meaning: 'This host does not accept mail at all.', rfc: 'RFC 7504 §3' }],
  [523, { meaning: 'Encryption is needed before this can proceed.', rfc: 'RFC 5248' }],
  [524, { meaning: 'Encryption is required for the requested authentication mechanism.', rfc: 'RFC 4954' }],
  [525, { meaning: 'The user account is disabled.', rfc: 'RFC 5248' }],
  [
    530,
    {
      meaning: 'Authentication required, or STARTTLS must be issued first.',
      rfc: 'RFC 4954 §6, RFC 3207 §4',
    },
  ],
  [534, { meaning: 'The authentication mechanism is too weak.', rfc: 'RFC 4954 §6' }],
  [535, { meaning: 'Authentication credentials were not accepted.', rfc: 'RFC 4954 §6' }],
  [
    538,
    { meaning: 'Encryption is required for the requested authentication mechanism.', rfc: 'RFC 4954 §6' },
  ],
  [550, { meaning: 'Mailbox unavailable: not found, no access, or refused for policy reasons.', rfc: R5321 }],
  [
    551,
    {
      meaning: 'User not local here; the server will not forward it (often "not our customer").',
      rfc: R5321,
    },
  ],
  [552, { meaning: 'Exceeded storage allocation (mailbox full, or message too large).', rfc: R5321 }],
  [553, { meaning: 'Mailbox name not allowed (address syntax or sender refused).', rfc: R5321 }],
  [554, { meaning: 'Transaction failed; as a greeting it means "no SMTP service here".', rfc: R5321 }],
  [555, { meaning: 'MAIL FROM/RCPT TO parameters not recognised or not implemented.', rfc: R5321 }],
  [556, { meaning: 'The domain does not accept mail (null MX).', rfc: 'RFC 7504 §3' }],
]);

/** Meaning of a reply code, falling back to its first digit (RFC 5321 §4.2.1). */
export function replyMeaning(code: number): ReplyCodeEntry | undefined {
  const exact = REPLY_CODES.get(code);
  if (exact) return exact;
  switch (Math.floor(code / 100)) {
    case 2:
      return { meaning: 'Positive completion.', rfc: 'RFC 5321 §4.2.1' };
    case 3:
      return { meaning: 'Intermediate reply; the server waits for more.', rfc: 'RFC 5321 §4.2.1' };
    case 4:
      return { meaning: 'Transient negative reply; trying again later may work.', rfc: 'RFC 5321 §4.2.1' };
    case 5:
      return {
        meaning: 'Permanent negative reply; the same request will fail again.',
        rfc: 'RFC 5321 §4.2.1',
      };
    default:
      return undefined;
  }
}

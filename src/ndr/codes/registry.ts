// IANA "SMTP Enhanced Status Codes" registry (updated 2024-12-06): classes, subjects and every
// enumerated X.subject.detail code. Titles are the registry's names; meanings are our own wording.

export interface RegistryEntry {
  /** The registry's name for the code (its "sample text"). */
  title: string;
  /** What it means in plain words. */
  meaning: string;
  /** Defining document(s), e.g. "RFC 3463". */
  rfc: string;
}

export const CLASSES: ReadonlyMap<string, RegistryEntry> = new Map([
  ['2', { title: 'Success', meaning: 'The action succeeded.', rfc: 'RFC 3463' }],
  [
    '4',
    {
      title: 'Persistent transient failure',
      meaning:
        'A temporary condition stopped delivery for now; the message itself is fine and a later attempt may work.',
      rfc: 'RFC 3463',
    },
  ],
  [
    '5',
    {
      title: 'Permanent failure',
      meaning: 'Resending the same message to the same address will fail again until something is changed.',
      rfc: 'RFC 3463',
    },
  ],
]);

export const SUBJECTS: ReadonlyMap<string, RegistryEntry> = new Map([
  [
    '0',
    {
      title: 'Other or undefined status',
      meaning: 'The server gave no detail about the kind of problem.',
      rfc: 'RFC 3463',
    },
  ],
  [
    '1',
    {
      title: 'Addressing status',
      meaning: 'Something is wrong with the sender or recipient address.',
      rfc: 'RFC 3463',
    },
  ],
  [
    '2',
    {
      title: 'Mailbox status',
      meaning: "The recipient's mailbox is the problem (full, disabled, list expansion).",
      rfc: 'RFC 3463',
    },
  ],
  [
    '3',
    {
      title: 'Mail system status',
      meaning: 'The destination mail system as a whole is the problem (storage, size limits, configuration).',
      rfc: 'RFC 3463',
    },
  ],
  [
    '4',
    {
      title: 'Network and routing status',
      meaning: 'The network, DNS or routing between the servers is the problem.',
      rfc: 'RFC 3463',
    },
  ],
  [
    '5',
    {
      title: 'Mail delivery protocol status',
      meaning: 'The SMTP conversation itself failed (bad command, syntax, too many recipients).',
      rfc: 'RFC 3463',
    },
  ],
  [
    '6',
    {
      title: 'Message content or media status',
      meaning: 'The content of the message could not be handled or converted.',
      rfc: 'RFC 3463',
    },
  ],
  [
    '7',
    {
      title: 'Security or policy status',
      meaning: 'A security or policy rule refused the message (filtering, authentication, encryption).',
      rfc: 'RFC 3463',
    },
  ],
]);

type Row = [code: string, title: string, meaning: string, rfc?: string];

// [subject.detail, registry title, our explanation, RFC]. RFC defaults to RFC 3463.
const ROWS: Row[] = [
  [
    '0.0',
    'Other undefined Status',
    'Only the class (success, temporary, permanent) is known; the text after the code is the only clue.',
  ],
  [
    '1.0',
    'Other address status',
    'Something about an address caused the failure; no more specific code applied.',
  ],
  [
    '1.1',
    'Bad destination mailbox address',
    'The mailbox (the part before the @) does not exist at the destination.',
  ],
  [
    '1.2',
    'Bad destination system address',
    'The destination domain (the part after the @) does not exist or cannot take mail.',
  ],
  [
    '1.3',
    'Bad destination mailbox address syntax',
    'The recipient address is not a syntactically valid address.',
  ],
  [
    '1.4',
    'Destination mailbox address ambiguous',
    'The address matches more than one mailbox at the destination.',
  ],
  ['1.5', 'Destination address valid', 'The recipient address was accepted (seen in success reports).'],
  [
    '1.6',
    'Destination mailbox has moved, No forwarding address',
    'The address used to work but no longer receives mail and has no forwarding address.',
  ],
  ['1.7', "Bad sender's mailbox address syntax", 'The envelope sender address is not syntactically valid.'],
  [
    '1.8',
    "Bad sender's system address",
    "The sender's domain does not exist or cannot receive replies, so the receiver refused it.",
  ],
  [
    '1.9',
    'Message relayed to non-compliant mailer',
    'The message was handed to a system that does not return delivery reports, so nothing more is known.',
    'RFC 3886',
  ],
  [
    '1.10',
    'Recipient address has null MX',
    'The recipient domain publishes a null MX record: it declares that it never accepts mail.',
    'RFC 7505',
  ],
  ['2.0', 'Other or undefined mailbox status', 'The mailbox exists but something about it stopped delivery.'],
  [
    '2.1',
    'Mailbox disabled, not accepting messages',
    'The mailbox exists but has been disabled or suspended.',
  ],
  ['2.2', 'Mailbox full', "The recipient's mailbox is over its storage quota."],
  [
    '2.3',
    'Message length exceeds administrative limit',
    'The message is larger than this mailbox is allowed to receive.',
  ],
  [
    '2.4',
    'Mailing list expansion problem',
    'The recipient is a mailing list that could not be expanded into its members.',
  ],
  [
    '3.0',
    'Other or undefined mail system status',
    'The destination mail system had a problem it did not describe further.',
  ],
  [
    '3.1',
    'Mail system full',
    'The destination server has run out of storage (the whole system, not one mailbox).',
  ],
  [
    '3.2',
    'System not accepting network messages',
    'The destination host is not accepting mail right now (shutdown, overload, maintenance) or at all.',
    'RFC 3463, RFC 7504',
  ],
  [
    '3.3',
    'System not capable of selected features',
    'The destination cannot provide a feature the message asked for.',
  ],
  ['3.4', 'Message too big for system', 'The message exceeds the size limit of a server on the path.'],
  [
    '3.5',
    'System incorrectly configured',
    'The destination is configured in a way that stops it accepting the message (often a mail loop).',
  ],
  [
    '3.6',
    'Requested priority was changed',
    'Accepted, but at a different priority than was asked for.',
    'RFC 6710',
  ],
  [
    '4.0',
    'Other or undefined network or routing status',
    'A network or routing problem (often DNS or a smart host) that was not described further.',
  ],
  ['4.1', 'No answer from host', 'The destination server did not answer the connection attempt.'],
  ['4.2', 'Bad connection', 'A connection was made but broke or timed out before the transaction finished.'],
  [
    '4.3',
    'Directory server failure',
    'A directory server, usually DNS, could not be reached to route the message.',
  ],
  [
    '4.4',
    'Unable to route',
    'No route to the destination could be found (for example, DNS has no MX or address for it).',
  ],
  ['4.5', 'Mail system congestion', 'The mail system was too congested to take the message.'],
  ['4.6', 'Routing loop detected', 'The message went round in a loop between servers and was stopped.'],
  ['4.7', 'Delivery time expired', 'The sending server retried until the message expired from its queue.'],
  ['5.0', 'Other or undefined protocol status', 'An SMTP protocol problem that was not described further.'],
  [
    '5.1',
    'Invalid command',
    'The server did not accept a command: unknown, out of sequence, or not allowed now.',
  ],
  ['5.2', 'Syntax error', 'A command could not be parsed.'],
  ['5.3', 'Too many recipients', 'The message had more recipients than the server takes in one transaction.'],
  ['5.4', 'Invalid command arguments', 'A valid command had invalid or unsupported arguments.'],
  ['5.5', 'Wrong protocol version', 'The two servers could not agree on a protocol version.'],
  [
    '5.6',
    'Authentication Exchange line is too long',
    "The client's AUTH response was longer than the server accepts.",
    'RFC 4954',
  ],
  ['6.0', 'Other or undefined media error', 'Something about the content made it undeliverable.'],
  ['6.1', 'Media not supported', 'The content type is not supported on the path to the recipient.'],
  [
    '6.2',
    'Conversion required and prohibited',
    'The content had to be converted, but conversion was forbidden.',
  ],
  [
    '6.3',
    'Conversion required but not supported',
    'The content had to be converted (e.g. 8-bit to 7-bit) and a server could not do it.',
  ],
  ['6.4', 'Conversion with loss performed', 'Delivered, but a conversion lost some data.'],
  ['6.5', 'Conversion Failed', 'A required content conversion was tried and failed.'],
  [
    '6.6',
    'Message content not available',
    'The message content could not be fetched from where it was referenced.',
    'RFC 4468',
  ],
  [
    '6.7',
    'Non-ASCII addresses not permitted for that sender/recipient',
    'An internationalised (non-ASCII) address was used where it is not allowed.',
    'RFC 6531',
  ],
  [
    '6.8',
    'UTF-8 string reply is required, but not permitted by the SMTP client',
    'The server needed to answer in UTF-8 but the client did not allow it.',
    'RFC 6531',
  ],
  [
    '6.9',
    'UTF-8 header message cannot be transferred to one or more recipients, so the message must be rejected',
    'A message with UTF-8 headers cannot be passed on to a recipient that does not support them.',
    'RFC 6531',
  ],
  ['6.10', '(deprecated)', 'Deprecated duplicate of X.6.8.', 'RFC 6531'],
  [
    '7.0',
    'Other or undefined security status',
    'A security or policy rule refused the action without saying which.',
  ],
  [
    '7.1',
    'Delivery not authorized, message refused',
    'The sender is not allowed to send to this recipient or through this server (relay, restrictions, filtering).',
  ],
  ['7.2', 'Mailing list expansion prohibited', 'The sender is not allowed to post to this mailing list.'],
  [
    '7.3',
    'Security conversion required but not possible',
    'Converting between secure message formats was needed and not possible.',
  ],
  [
    '7.4',
    'Security features not supported',
    'The message asked for security features the path cannot provide.',
  ],
  [
    '7.5',
    'Cryptographic failure',
    'A server entitled to verify or decrypt the message lacked a valid key or data.',
  ],
  ['7.6', 'Cryptographic algorithm not supported', 'A required cryptographic algorithm is not supported.'],
  ['7.7', 'Message integrity failure', 'The message was altered or corrupted in transit.'],
  [
    '7.8',
    'Authentication credentials invalid',
    'SMTP AUTH failed: the user name or password was not accepted.',
    'RFC 4954',
  ],
  [
    '7.9',
    'Authentication mechanism is too weak',
    'The AUTH mechanism chosen is weaker than the server allows.',
    'RFC 4954',
  ],
  [
    '7.10',
    'Encryption Needed',
    'The connection must be encrypted (STARTTLS) before this, usually before authenticating.',
    'RFC 5248',
  ],
  [
    '7.11',
    'Encryption required for requested authentication mechanism',
    'This AUTH mechanism may only be used over an encrypted connection.',
    'RFC 4954',
  ],
  [
    '7.12',
    'A password transition is needed',
    'The user must authenticate once with a plain mechanism to move to the requested one.',
    'RFC 4954',
  ],
  ['7.13', 'User Account Disabled', 'The account has been disabled by an administrator.', 'RFC 5248'],
  [
    '7.14',
    'Trust relationship required',
    'The server needs a configured trust relationship with another server to continue.',
    'RFC 5248',
  ],
  [
    '7.15',
    'Priority Level is too low',
    'The message priority is below what the server currently accepts.',
    'RFC 6710',
  ],
  [
    '7.16',
    'Message is too big for the specified priority',
    'The message is too large for its priority level.',
    'RFC 6710',
  ],
  [
    '7.17',
    'Mailbox owner has changed',
    'The mailbox has changed owner since the date the sender required (RRVS).',
    'RFC 7293',
  ],
  [
    '7.18',
    'Domain owner has changed',
    'The domain has changed owner since the date the sender required (RRVS).',
    'RFC 7293',
  ],
  [
    '7.19',
    'RRVS test cannot be completed',
    'The receiver cannot check the required-valid-since date.',
    'RFC 7293',
  ],
  [
    '7.20',
    'No passing DKIM signature found',
    'The message carried no DKIM signature that verified.',
    'RFC 7372',
  ],
  [
    '7.21',
    'No acceptable DKIM signature found',
    'DKIM signatures verified but none was acceptable to the receiver.',
    'RFC 7372',
  ],
  [
    '7.22',
    'No valid author-matched DKIM signature found',
    'No verifying DKIM signature matched the From: domain.',
    'RFC 7372',
  ],
  [
    '7.23',
    'SPF validation failed',
    "The sending IP is not authorised by the sender domain's SPF record.",
    'RFC 7372, RFC 7208',
  ],
  [
    '7.24',
    'SPF validation error',
    "Evaluating the sender domain's SPF record produced an error.",
    'RFC 7372, RFC 7208',
  ],
  [
    '7.25',
    'Reverse DNS validation failed',
    "The sending IP's reverse DNS (PTR) did not pass the receiver's check.",
    'RFC 7372',
  ],
  [
    '7.26',
    'Multiple authentication checks failed',
    'Several sender authentication checks (SPF, DKIM, DMARC) failed.',
    'RFC 7372',
  ],
  [
    '7.27',
    'Sender address has null MX',
    "The sender's domain publishes a null MX, so bounces could never be returned.",
    'RFC 7505',
  ],
  [
    '7.28',
    'Mail flood detected',
    'The message looks like part of a flood of similar mail.',
    'draft-levine-mailbomb-header',
  ],
  [
    '7.29',
    'ARC validation failure',
    'The message failed ARC (Authenticated Received Chain) validation.',
    'RFC 8617',
  ],
  [
    '7.30',
    'REQUIRETLS support required',
    'The message required TLS all the way (REQUIRETLS) and the next hop does not support it.',
    'RFC 8689',
  ],
];

/** Enumerated codes keyed by "subject.detail" (e.g. "1.1"). */
export const DETAILS: ReadonlyMap<string, RegistryEntry> = new Map(
  ROWS.map(([code, title, meaning, rfc]) => [code, { title, meaning, rfc: rfc ?? 'RFC 3463' }]),
);

/** Look up "5.1.1" → the registry entry for X.1.1 (undefined for vendor codes such as 5.7.606). */
export function registryDetail(status: string): RegistryEntry | undefined {
  const parts = status.split('.');
  return parts.length === 3 ? DETAILS.get(`${Number(parts[1])}.${Number(parts[2])}`) : undefined;
}

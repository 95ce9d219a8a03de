// Default "who acts / what next" per category, used when no vendor rule or specific code says more.

import type { Category, CommandKind, WhoActs } from './types.js';

export interface Advice {
  /** Short name for the condition, when the wording identifies it better than the code. */
  title?: string;
  whoActs: WhoActs;
  nextStep: string;
  cmd?: CommandKind;
}

export const CATEGORY_ADVICE: Readonly<Record<Category, Advice>> = {
  'unknown-user': {
    whoActs: 'sender',
    nextStep:
      'Check the recipient address for typos (and stale address-book or Auto-Complete entries) and resend. If the address is right, ask the recipient by another channel; their admin must create or restore the mailbox.',
  },
  'mailbox-full': {
    whoActs: 'recipient-admin',
    nextStep:
      'Nothing the sender can fix: the recipient must delete mail or their admin must raise the quota. Resend later or reach them another way.',
  },
  'message-too-large': {
    whoActs: 'sender',
    nextStep:
      'Send a smaller message: remove or compress attachments, or share large files by link. The SIZE value in the EHLO reply shows the server limit.',
    cmd: 'ehlo',
  },
  blocked: {
    whoActs: 'sender-admin',
    nextStep:
      "The sending server's IP, domain or account is blocked or throttled. Find the list or rule named in the text, fix the cause (compromised account, open relay, volume, missing authentication), then ask for delisting.",
    cmd: 'check-sender',
  },
  policy: {
    whoActs: 'sender-admin',
    nextStep:
      "Meet the receiver's policy named in the text: publish SPF/DKIM/DMARC that pass for the sending domain, authenticate or use STARTTLS when required, or ask the recipient to allow the sender.",
    cmd: 'check-sender',
  },
  'relay-denied': {
    whoActs: 'sender-admin',
    nextStep:
      "The server would not pass the message on. A client must authenticate (SMTP AUTH) or be allowed to relay; if the server should be the recipient domain's destination, its MX record or accepted domains are wrong.",
    cmd: 'relay',
  },
  'host-not-found': {
    whoActs: 'recipient-admin',
    nextStep:
      "Check the domain part of the address for typos first. If it is right, the recipient domain's DNS (MX records) is broken or missing and its admin must fix it.",
    cmd: 'mx',
  },
  network: {
    whoActs: 'recipient-admin',
    nextStep:
      "The recipient's mail server could not be reached or dropped the connection. Check that its MX hosts answer on port 25 from outside; a firewall or an outage on their side is the usual cause.",
    cmd: 'probe',
  },
  expired: {
    whoActs: 'recipient-admin',
    nextStep:
      'The sending server gave up after retrying. Find out why the destination did not accept the message (down, unreachable, refusing); once it works, resend the message.',
    cmd: 'probe',
  },
  'spam-virus': {
    whoActs: 'sender',
    nextStep:
      'The content was judged as spam or carried a flagged attachment. Remove the attachment or suspicious links, make sure the mail is authenticated (SPF/DKIM/DMARC), and resend; ask the recipient to allow you if it persists.',
    cmd: 'check-sender',
  },
  other: {
    whoActs: 'unknown',
    nextStep:
      'Read the server text after the code: it names the reason. If it points at the SMTP conversation, compare with what the server advertises.',
  },
};

/** Specific codes whose advice differs from their category's default (keyed "class.subject.detail" or "X.s.d"). */
export const CODE_ADVICE: ReadonlyMap<string, Advice> = new Map([
  [
    'X.1.2',
    {
      whoActs: 'sender',
      nextStep:
        'The domain after the @ does not exist or cannot receive mail: check it for typos. If it is right, its admin must publish MX records.',
      cmd: 'mx',
    },
  ],
  [
    'X.1.10',
    {
      whoActs: 'sender',
      nextStep:
        'The domain says it never accepts mail (null MX): the address cannot work. Check for a typo in the domain or use another address.',
      cmd: 'mx',
    },
  ],
  [
    '5.4.0',
    {
      whoActs: 'sender-admin',
      nextStep:
        "Name resolution failed on the server that reported it: check its DNS settings and smart host, and the recipient domain's MX records.",
      cmd: 'mx',
    },
  ],
  [
    'X.1.7',
    {
      whoActs: 'sender-admin',
      nextStep:
        'The envelope sender address is malformed: fix the sending software or account configuration.',
    },
  ],
  [
    'X.1.8',
    {
      whoActs: 'sender-admin',
      nextStep: "The sender's domain does not resolve for mail: publish MX (or A) records for it.",
      cmd: 'check-sender',
    },
  ],
  [
    'X.7.27',
    {
      whoActs: 'sender-admin',
      nextStep:
        'The sending domain publishes a null MX, so replies cannot come back: send from a domain that receives mail.',
      cmd: 'check-sender',
    },
  ],
  [
    'X.7.8',
    {
      whoActs: 'sender',
      nextStep:
        'The user name or password was refused: check them (an app password may be required) and try again.',
      cmd: 'auth',
    },
  ],
  ['X.7.9', { whoActs: 'sender', nextStep: 'Use a stronger AUTH mechanism (over TLS).', cmd: 'auth' }],
  ['X.7.10', { whoActs: 'sender', nextStep: 'Start TLS (STARTTLS) before authenticating.', cmd: 'starttls' }],
  [
    'X.7.11',
    {
      whoActs: 'sender',
      nextStep: 'Start TLS (STARTTLS) before using this AUTH mechanism.',
      cmd: 'starttls',
    },
  ],
  [
    'X.7.13',
    {
      whoActs: 'recipient-admin',
      nextStep: 'The account is disabled; only its administrator can re-enable it.',
    },
  ],
  [
    'X.7.30',
    {
      whoActs: 'recipient-admin',
      nextStep:
        'The message demanded REQUIRETLS and the next hop lacks it: the destination must support it, or send without REQUIRETLS.',
      cmd: 'starttls',
    },
  ],
  [
    'X.7.25',
    {
      whoActs: 'sender-admin',
      nextStep: 'Publish a PTR record for the sending IP whose name resolves back to that IP.',
    },
  ],
  [
    'X.5.3',
    {
      whoActs: 'sender',
      nextStep: 'Split the recipients over several messages, or ask for a higher recipient limit.',
    },
  ],
  [
    'X.3.5',
    {
      whoActs: 'recipient-admin',
      nextStep:
        'The destination is misconfigured (often a mail loop back to itself): its admin must fix the connectors or routing.',
    },
  ],
  [
    'X.4.6',
    {
      whoActs: 'recipient-admin',
      nextStep:
        'Find the loop: forwarding rules, MX records pointing at each other, or connectors that send mail back.',
    },
  ],
]);

// Advice keyed on wording that changes who acts or which command confirms it (within 'policy').
/** Advice picked by wording, within the categories listed (first match wins). */
export const TEXT_ADVICE: readonly [readonly Category[], RegExp, Advice][] = [
  [
    ['host-not-found'],
    /nxdomain|no such domain|non-?existent domain|(?:domain|host) (?:\S+ )?(?:does not exist|doesn't exist|not found|unknown)|couldn't find any host|unknown (?:host|domain)/i,
    {
      title: 'Recipient domain does not exist',
      whoActs: 'sender',
      nextStep:
        'The domain after the @ does not exist in DNS: check it for typos (gmial.com, example.con). If it is spelled right, the domain has expired or its DNS is broken and only its owner can fix that.',
      cmd: 'mx',
    },
  ],
  [
    ['policy'],
    /\bdmarc\b/i,
    {
      title: 'DMARC check failed',
      whoActs: 'sender-admin',
      nextStep:
        "The From: domain's DMARC policy told the receiver to refuse mail that fails it. Make SPF or DKIM pass for a domain aligned with the From: address (DKIM-sign with that domain, send from servers its SPF lists), then watch the DMARC aggregate reports.",
      cmd: 'check-sender',
    },
  ],
  [
    ['policy'],
    /\bspf\b|sender policy framework/i,
    {
      title: 'SPF check failed',
      whoActs: 'sender-admin',
      nextStep:
        "The sending server's IP is not authorised by the sender domain's SPF record (or the record is broken): add the server, or its provider's include:, to SPF and keep it under 10 DNS lookups.",
      cmd: 'check-sender',
    },
  ],
  [
    ['policy'],
    /\bdkim\b/i,
    {
      title: 'DKIM check failed',
      whoActs: 'sender-admin',
      nextStep:
        'Sign outgoing mail with DKIM for the sending domain and publish the matching public key in DNS; make sure nothing alters the message after signing.',
      cmd: 'check-sender',
    },
  ],
  [
    ['policy', 'other'],
    /gr[ae]y-?list/i,
    {
      title: 'Greylisted (temporary deferral)',
      whoActs: 'unknown',
      nextStep:
        'Nothing: greylisting defers the first attempt from an unknown sender, and the automatic retry minutes later is normally accepted.',
    },
  ],
  [
    ['policy', 'other'],
    /starttls|tls (?:is )?(?:required|not available)|requires? tls|must use tls|encryption (?:is )?(?:needed|required)/i,
    {
      title: 'STARTTLS required',
      whoActs: 'sender-admin',
      nextStep:
        'The server requires an encrypted session: issue STARTTLS (then EHLO again) before this command; configure the client or sending server to use TLS.',
      cmd: 'starttls',
    },
  ],
  [
    ['policy', 'other'],
    /authentication (?:is )?(?:required|unsuccessful|failed|credentials)|not authenticated|smtp auth|client was not authenticated|password not accepted|credentials|must authenticate|log ?in with your web browser/i,
    {
      title: 'Authentication required or refused',
      whoActs: 'sender',
      nextStep:
        'Authenticate with SMTP AUTH using valid credentials (over TLS); check the user name and password, or whether the account needs an app password or has SMTP AUTH disabled.',
      cmd: 'auth',
    },
  ],
  [
    ['policy', 'other'],
    /\bptr\b|reverse (?:dns|lookup|hostname)|\brdns\b|cannot find your hostname/i,
    {
      title: 'Reverse DNS (PTR) check failed',
      whoActs: 'sender-admin',
      nextStep: 'Publish a PTR record for the sending IP whose name resolves back to the same IP.',
    },
  ],
];

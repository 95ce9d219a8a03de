// Shared shapes for the explainer's data tables (kept free of logic so tables stay plain data).

export type Category =
  | 'unknown-user'
  | 'mailbox-full'
  | 'message-too-large'
  | 'blocked'
  | 'policy'
  | 'relay-denied'
  | 'host-not-found'
  | 'network'
  | 'expired'
  | 'spam-virus'
  | 'other';

export type WhoActs = 'sender' | 'sender-admin' | 'recipient-admin' | 'unknown';

/** Which mailflow command confirms the diagnosis; explain() fills in the domain or host. */
export type CommandKind =
  | 'mx' // mailflow mx <recipient-domain>
  | 'probe' // mailflow probe <recipient-domain>
  | 'ehlo' // mailflow ehlo <recipient-domain> (shows SIZE, AUTH, STARTTLS)
  | 'starttls' // mailflow ehlo --starttls <recipient-domain>
  | 'relay' // mailflow relay <server>
  | 'auth' // mailflow send --auth login ... (authenticated test send)
  | 'oauth' // mailflow send --auth xoauth2 ... (OAuth test send: Microsoft 365 without Basic auth)
  | 'check-sender' // mailflow check <sender-domain> (SPF, DMARC)
  | 'check-recipient'; // mailflow check <recipient-domain> (MTA-STS, DANE, TLS)

export type Provider = 'microsoft' | 'outlook.com' | 'gmail' | 'yahoo' | 'icloud' | 'amazon-ses';

/**
 * A vendor-specific reading of a code and/or reply text. A rule applies when its text pattern matches
 * the diagnostic (and its codes, if given, include the status); a rule without text applies only when
 * the status is in its codes and the provider was detected (or the code is vendor-only).
 */
export interface VendorRule {
  provider: Provider;
  /** Exact codes ("5.1.10") or detail ranges ("5.7.606-649"); absent = any code. */
  codes?: readonly string[];
  text?: RegExp;
  /** The text is common wording, so the rule also needs the provider detected. */
  generic?: boolean;
  title: string;
  meaning: string;
  fix: string;
  category: Category;
  whoActs: WhoActs;
  cmd?: CommandKind;
  ref: string;
}

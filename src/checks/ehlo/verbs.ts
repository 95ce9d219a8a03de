// One line on what each common EHLO keyword means (the book's Chapter 8 Tables 5 and 6,
// and the RFCs that define the rest), for the human table of advertised extensions.
export const VERB_MEANINGS: Record<string, string> = {
  TURN: 'Swap client and server roles on this connection (Book ch. 8, Table 5)',
  ATRN: 'Authenticated TURN: fetch queued mail for a domain after AUTH (RFC 2645)',
  ETRN: 'Ask the server to flush its queue for a domain (RFC 1985)',
  SIZE: 'Largest message accepted, in bytes; 0 = no fixed limit (RFC 1870)',
  PIPELINING: 'Commands may be sent without waiting for each reply (RFC 2920)',
  DSN: 'Delivery status notifications on request (RFC 3461)',
  ENHANCEDSTATUSCODES: 'Replies carry x.y.z status codes (RFC 2034)',
  '8BITMIME': '8-bit message bodies accepted (RFC 6152)',
  BINARYMIME: 'Binary bodies with BDAT (RFC 3030)',
  CHUNKING: 'BDAT: send the body in counted chunks instead of DATA (RFC 3030)',
  VRFY: 'Verify that a mailbox exists (RFC 5321 §3.5)',
  EXPN: 'Expand a mailing list (RFC 5321 §3.5)',
  HELP: 'List the commands the server knows',
  AUTH: 'SMTP authentication; the mechanisms follow (RFC 4954)',
  STARTTLS: 'Upgrade this connection to TLS (RFC 3207)',
  SMTPUTF8: 'UTF-8 addresses and headers (RFC 6531)',
  REQUIRETLS: 'Messages may demand TLS on every hop (RFC 8689)',
  MTRK: 'Message tracking (RFC 3885)',
  DELIVERBY: 'Deliver-by time limits (RFC 2852)',
  'X-EXPS': "Exchange's server-to-server authentication (Book ch. 8, Table 6)",
  'X-EXPS=LOGIN': 'Exchange authentication with Basic/LOGIN (Book ch. 8, Table 6)',
  'X-LINK2STATE': 'Exchange link state routing information (Book ch. 8, Table 6)',
  XEXCH50: 'Exchange message properties passed between servers (Book ch. 8, Table 6)',
  'X-EXCH50': 'Exchange message properties passed between servers (Book ch. 8, Table 6)',
  'X-ANONYMOUSTLS': 'Exchange 2007+: anonymous TLS between Exchange transport servers',
  XRDST: 'Exchange 2010+: redirect target for proxied sessions',
  XSHADOW: 'Exchange 2010: shadow redundancy (keeps a copy until delivery is confirmed)',
  XSHADOWREQUEST: 'Exchange 2013+: shadow redundancy request',
  XPROXY: 'Exchange 2013+: front-end proxying to the back end',
  XOORG: 'Exchange: organization of origin',
  XCLIENT: 'Postfix: a trusted proxy passes the real client details',
  XFORWARD: 'Postfix: a trusted filter passes the original client details',
};

export function verbMeaning(keyword: string): string {
  const k = keyword.toUpperCase();
  if (VERB_MEANINGS[k]) return VERB_MEANINGS[k]!;
  if (k.startsWith('AUTH=')) return 'Pre-standard AUTH announcement (old clients); mechanisms follow';
  return k.startsWith('X') ? 'Vendor extension' : '';
}

// Which Postfix restriction wrote a rejection: the reply texts are fixed strings in smtpd's
// restriction code, so a substring names the restriction (first match wins; order matters).

const BY_TEXT: [string, string][] = [
  ['Relay access denied', 'reject_unauth_destination'],
  ['cannot find your reverse hostname', 'reject_unknown_reverse_client_hostname'],
  ['cannot find your hostname', 'reject_unknown_client_hostname'],
  ['Helo command rejected: need fully-qualified hostname', 'reject_non_fqdn_helo_hostname'],
  ['Helo command rejected: Invalid name', 'reject_invalid_helo_hostname'],
  ['Helo command rejected: Host not found', 'reject_unknown_helo_hostname'],
  ['Sender address rejected: Domain not found', 'reject_unknown_sender_domain'],
  ['Recipient address rejected: Domain not found', 'reject_unknown_recipient_domain'],
  ['Sender address rejected: need fully-qualified address', 'reject_non_fqdn_sender'],
  ['Recipient address rejected: need fully-qualified address', 'reject_non_fqdn_recipient'],
  ['User unknown in local recipient table', 'reject_unlisted_recipient (local_recipient_maps)'],
  ['User unknown in virtual mailbox table', 'reject_unlisted_recipient (virtual_mailbox_maps)'],
  ['User unknown in virtual alias table', 'reject_unlisted_recipient (virtual_alias_maps)'],
  ['User unknown in relay recipient table', 'reject_unlisted_recipient (relay_recipient_maps)'],
  ['not owned by user', 'reject_sender_login_mismatch'],
  ['reject_unverified', 'reject_unverified_recipient'],
  ['Recipient address rejected: undeliverable address', 'reject_unverified_recipient'],
  ['Sender address rejected: undeliverable address', 'reject_unverified_sender'],
  ['reylist', 'check_policy_service (greylisting)'],
  ['SPF', 'check_policy_service (SPF)'],
  ['Improper use of SMTP command pipelining', 'reject_unauth_pipelining'],
  ['Message size exceeds fixed limit', 'message_size_limit'],
  ['Client host rejected: Access denied', 'check_client_access'],
  ['Sender address rejected: Access denied', 'check_sender_access'],
  ['Recipient address rejected: Access denied', 'check_recipient_access'],
  ['Helo command rejected: Access denied', 'check_helo_access'],
  ['Insufficient system storage', 'queue_minfree'],
  ['Server configuration error', 'server configuration error'],
  // Exim's ACL messages
  ['relay not permitted', 'acl_smtp_rcpt (relay not permitted)'],
  ['Unrouteable address', 'acl_smtp_rcpt (verify = recipient)'],
  ['Sender verify failed', 'acl_smtp_rcpt (verify = sender)'],
  [' is listed at ', 'acl_smtp_rcpt (dnslists)'],
];

/** The restriction behind a rejection's text; `service` tells postscreen and cleanup apart. */
export function restrictionFor(text: string, stage: string, service: string): string {
  const rbl = text.indexOf('blocked using ');
  if (rbl >= 0) {
    const list = text.slice(rbl + 14).split(/[;, ]/, 1)[0];
    return service === 'postscreen' ? `postscreen_dnsbl_sites (${list})` : `reject_rbl_client ${list}`;
  }
  if (stage === 'header' || stage === 'body') return `${stage}_checks`;
  if (stage.startsWith('milter')) return 'milter';
  for (const [needle, name] of BY_TEXT) if (text.includes(needle)) return name;
  for (const who of ['Client host', 'Helo command', 'Sender address', 'Recipient address', 'Data command'])
    if (text.includes(`${who} rejected`)) return `${who.split(' ')[0]!.toLowerCase()} restriction`;
  return 'other';
}

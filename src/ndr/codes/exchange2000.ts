// The book's Chapter 7 "Understanding Non-Delivery Reports", Table 2: the NDR codes Exchange 2000
// generates, with cause and troubleshooting (paraphrased; Exchange 2000-specific terms kept because
// they are what an admin of such a server looks for).

export interface BookEntry {
  cause: string;
  troubleshooting: string;
}

export const BOOK_REF = 'Book ch. 7, Understanding Non-Delivery Reports, Table 2';

export const EXCHANGE2000: ReadonlyMap<string, BookEntry> = new Map([
  [
    '4.3.1',
    {
      cause:
        'The server ran short of resources: memory, or disk space (for example a full disk holding the queues).',
      troubleshooting:
        'Make sure the server has enough free disk space; keep the mail queues on an NTFS partition.',
    },
  ],
  [
    '4.3.2',
    {
      cause: 'The queue holding the message was frozen (Exchange 2000 SP1 and later).',
      troubleshooting: 'Unfreeze the queue.',
    },
  ],
  [
    '4.4.1',
    {
      cause: 'The destination host did not respond, typically because of a passing network problem.',
      troubleshooting:
        'Nothing at first: the server keeps retrying and sends a permanent NDR only once its retries are used up. If it persists, check that the destination is reachable on port 25.',
    },
  ],
  [
    '4.4.2',
    {
      cause: 'The connection between the two servers dropped (network trouble or an unavailable server).',
      troubleshooting:
        'The server retries for a while and reports again; if it keeps happening, look at the network path and the remote server.',
    },
  ],
  [
    '4.4.6',
    {
      cause:
        'The message exceeded the maximum hop count, usually because it loops between servers of two organisations.',
      troubleshooting:
        'Look for the loop between the servers. The hop limit is a per-virtual-server setting (default 15) that can be raised if the path is legitimately long.',
    },
  ],
  [
    '4.4.7',
    {
      cause:
        'The message expired in the queue: delivery or relay did not finish before the expiration time. It can also mean a remote server hit a header limit or another protocol limit.',
      troubleshooting:
        'Find out why the next hop would not take the message (reachability, its logs, header size), then resend.',
    },
  ],
  [
    '5.0.0',
    {
      cause:
        'Before Exchange 2000 SP1 several failures shared this code: no route for the address space (no matching SMTP connector), DNS returned an authoritative "host not found" for the domain, no connector between routing groups, or an SMTP error.',
      troubleshooting:
        'Give an SMTP connector the address space "*", check that DNS works, connect the routing groups, and apply the latest service pack so the more precise codes are used.',
    },
  ],
  [
    '5.1.0',
    {
      cause:
        'The categorizer could not resolve an address or attribute in Active Directory: e.g. a contact without targetAddress, a user whose homeMDB cannot be determined, or a reply to a message saved as a file (only legacyExchangeDN survives).',
      troubleshooting:
        'Check how the recipient address is written and resend; then check the directory entry.',
    },
  ],
  [
    '5.1.1',
    {
      cause:
        'No such account in the destination organisation: the address is wrong, the user moved and an old legacyDN address was used (old reply, stale profile or personal address book), or a contact holds invalid SMTP characters.',
      troubleshooting: 'Check the recipient address and resend; refresh stale address book entries.',
    },
  ],
  [
    '5.1.3',
    {
      cause:
        'The address syntax is wrong, for example a contact with a targetAddress attribute but no address in it.',
      troubleshooting: 'Check the recipient address format and resend.',
    },
  ],
  [
    '5.1.4',
    {
      cause:
        'Two directory objects share the same (proxy) address; also seen when the recipient does not exist on the remote server.',
      troubleshooting: 'Check the recipient address and resend; remove the duplicate address.',
    },
  ],
  [
    '5.1.6',
    {
      cause:
        "The user's directory attributes that locate the mailbox (homeMDB, msExchHomeServerName) are missing or damaged (SP2 and later).",
      troubleshooting: "Check the user's directory attributes and rerun the Recipient Update Service.",
    },
  ],
  [
    '5.1.7',
    {
      cause: "The sender's mail attribute is missing or malformed in the directory (SP2 and later).",
      troubleshooting: "Check that the sender's directory object has a valid mail attribute.",
    },
  ],
  [
    '5.2.1',
    {
      cause:
        'Local delivery refused: the message is too large, or the recipient has no master account security ID (SID).',
      troubleshooting:
        'Check the message size and access permissions, and that the recipient has a SID in Active Directory.',
    },
  ],
  [
    '5.2.2',
    {
      cause: "The recipient's mailbox is over its storage limit (SP3).",
      troubleshooting: 'Check the mailbox storage quota (or the queue storage limit).',
    },
  ],
  [
    '5.2.3',
    {
      cause:
        'The message is larger than a size limit allows, for example a remote user limited in incoming message size.',
      troubleshooting: 'Resend without the attachments, or raise the server or client size limit.',
    },
  ],
  [
    '5.3.3',
    {
      cause:
        'The remote Exchange 2000 server ran out of disk space for mail, usually seen when sending with ESMTP BDAT; can also signal an SMTP error.',
      troubleshooting: 'Make sure the remote server has free storage; read the SMTP protocol log.',
    },
  ],
  [
    '5.3.5',
    {
      cause:
        'A mail loop: the server is set up to send mail back to itself (e.g. several SMTP virtual servers sharing an incoming port, or a bad outgoing port setting).',
      troubleshooting:
        'Check the connectors for loops; give each virtual server a unique incoming port, and none set to "All Unassigned" if there are several.',
    },
  ],
  [
    '5.4.0',
    {
      cause:
        'A name resolution or routing failure (SP1 and later): no authoritative host found in DNS, a wrong smart host entry, a DNS failure or an invalid smart host IP, a virtual server without a valid FQDN, or a contact whose domain matches no SMTP address space.',
      troubleshooting:
        'Check DNS with nslookup; write smart host IPs as IPv4 literals in brackets; make sure the names involved resolve; replace HOSTS-file names with a valid IP or name.',
    },
  ],
  [
    '5.4.4',
    {
      cause:
        'No route to deliver the message: the categorizer found no next hop, e.g. routing groups without a routing group connector between them (SP1 and later).',
      troubleshooting: 'Add or fix the routing group connector between the routing groups.',
    },
  ],
  [
    '5.4.6',
    {
      cause:
        'A categorizer forwarding loop: a mailbox-enabled user carries a targetAddress, or contacts forward to each other in a circle (common in hosting set-ups).',
      troubleshooting:
        'Check alternate recipients of the contacts involved and remove targetAddress from mailbox-enabled users.',
    },
  ],
  [
    '5.4.8',
    {
      cause:
        "A looping condition: a recipient policy lists a local domain equal to an Exchange server's FQDN (SP1 and later).",
      troubleshooting:
        'Check the recipient policies; none may match the FQDN of a server in the organisation.',
    },
  ],
  [
    '5.5.2',
    {
      cause:
        'SMTP commands arrived out of order (e.g. AUTH before EHLO); a full system disk can also cause it.',
      troubleshooting:
        'Read the SMTP log or a network trace; make sure there is enough disk space and virtual memory.',
    },
  ],
  [
    '5.5.3',
    {
      cause: 'Too many recipients on one message.',
      troubleshooting:
        'Split the message into several, or raise the recipient limit (Exchange 2000 default 5,000; Global Settings > Message Delivery, or per user).',
    },
  ],
  [
    '5.7.1',
    {
      cause:
        'Access denied: the sender lacks permission, the server refuses to relay for this client, or the recipient has delivery restrictions (e.g. accepts mail only from certain senders or a list).',
      troubleshooting:
        'Check the permissions and delivery restrictions on the recipient or contact, and the relay settings if you are relaying; then resend.',
    },
  ],
]);

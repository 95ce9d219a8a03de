// The open-relay attempts, as data (book ch. 6, "Disabling Open Relaying"): each asks the server,
// without authenticating, to take mail for a domain that is not its own. Addresses default to
// the reserved example domains (RFC 2606), so a relay that is open delivers nowhere real.

export interface RelayVariant {
  id: string;
  label: string;
  /** MAIL FROM address ('' = the null sender <>). */
  from: string;
  /** RCPT TO address, exactly as sent inside <>. */
  to: string;
}

export interface RelayAddresses {
  /** An outside sender (default relay-test@example.org). */
  outsideSender: string;
  /** An outside recipient (default relay-test@example.net). */
  outsideRecipient: string;
  /** The server's own domain, when known: enables the own-domain and routing variants. */
  ownDomain?: string;
}

export const DEFAULT_OUTSIDE_SENDER = 'relay-test@example.org';
export const DEFAULT_OUTSIDE_RECIPIENT = 'relay-test@example.net';

function split(addr: string): { local: string; domain: string } {
  const at = addr.lastIndexOf('@');
  return { local: addr.slice(0, at), domain: addr.slice(at + 1) };
}

export function relayVariants(a: RelayAddresses): RelayVariant[] {
  const out = split(a.outsideRecipient);
  const list: RelayVariant[] = [
    {
      id: 'outside-to-outside',
      label: 'outside sender to outside recipient',
      from: a.outsideSender,
      to: a.outsideRecipient,
    },
    { id: 'null-sender', label: 'empty sender <> to outside recipient', from: '', to: a.outsideRecipient },
  ];
  if (a.ownDomain) {
    const own = a.ownDomain;
    list.push(
      {
        id: 'own-domain-sender',
        label: `sender in ${own} to outside recipient`,
        from: `postmaster@${own}`,
        to: a.outsideRecipient,
      },
      // Sender-specified routing through the server's own domain: old sendmail-era holes.
      {
        id: 'percent-hack',
        label: 'percent hack (user%outside@own)',
        from: a.outsideSender,
        to: `${out.local}%${out.domain}@${own}`,
      },
      {
        id: 'bang-path',
        label: 'UUCP bang path (outside!user@own)',
        from: a.outsideSender,
        to: `${out.domain}!${out.local}@${own}`,
      },
    );
  }
  return list;
}

/**
 * A recipient at a domain that cannot exist (RFC 2606 ".invalid"). A server that accepts this
 * too accepts every RCPT without looking, so an accepted variant proves little by itself.
 */
export function canaryVariant(a: RelayAddresses, nonce: string): RelayVariant {
  return {
    id: 'accept-all-canary',
    label: 'recipient at a domain that cannot exist (.invalid)',
    from: a.outsideSender,
    to: `mailflow-${nonce}@relay-canary.invalid`,
  };
}

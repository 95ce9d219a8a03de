// Where each piece of MX advice comes from: the book's chapters and the RFCs, as data.
export const REF = {
  nslookup: 'Book ch. 5, "Using Nslookup to Verify DNS Configuration"',
  single:
    'Book ch. 5, "Using Nslookup to Verify DNS Configuration" (Example 4, single mail exchanger); RFC 5321 §5.1',
  nxdomain: 'Book ch. 5, "Using Nslookup to Verify DNS Configuration"; RFC 1035 §4.1.1',
  implicit: 'RFC 5321 §5.1 (implicit MX); book ch. 5, "Using Nslookup to Verify DNS Configuration"',
  nullMx: 'RFC 7505 §3 and §4',
  cname:
    'Book appendix A, Q280794 ("Message Cannot Be Sent to Domains with MX Record Pointing to CNAME Record"); RFC 2181 §10.3',
  ipLiteral: 'RFC 1035 §3.3.9 (EXCHANGE is a domain name); RFC 5321 §5.1',
  unresolvable: 'Book ch. 5 (an MX record must point to an A record); RFC 5321 §5.1',
  duplicate: 'RFC 5321 §5.1 (several MX hosts exist for redundancy)',
  privateAddr: 'RFC 6890 (special-purpose address registries); RFC 1918',
  ptr: 'RFC 1912 §2.1 (every Internet-reachable host should have a matching PTR)',
  truncated: 'RFC 5321 §5.1 (senders try the MX hosts in preference order, and give up after a few)',
  dnsError: 'Book ch. 5, "Using Nslookup to Verify DNS Configuration" (server <IP address>); RFC 1035 §4.1.1',
} as const;

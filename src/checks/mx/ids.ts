// Finding ids of `mailflow mx` and the mx group of `check`: each declared once, with the severities it can have, a title and a ref (the first is the
// default). Ids are never renamed: monitoring keys on them (test/core/catalogue.test.ts).
import type { Catalogue } from '../../findings/catalogue.js';

export const MX_IDS = {
  'mx.cname': {
    severity: ['fail'],
    title: 'An MX points to a CNAME',
    ref: 'Book appendix A, Q280794 ("Message Cannot Be Sent to Domains with MX Record Pointing to CNAME Record"); RFC 2181 §10.3',
  },
  'mx.duplicate-address': {
    severity: ['warn'],
    title: 'Several MX hosts share an address',
    ref: 'RFC 5321 §5.1 (several MX hosts exist for redundancy)',
  },
  'mx.ip-literal': {
    severity: ['fail'],
    title: 'An MX names an IP address instead of a host',
    ref: 'RFC 1035 §3.3.9 (EXCHANGE is a domain name); RFC 5321 §5.1',
  },
  'mx.no-ptr': {
    severity: ['warn'],
    title: 'An exchanger address has no reverse DNS',
    ref: 'RFC 1912 §2.1 (every Internet-reachable host should have a matching PTR)',
  },
  'mx.none': {
    severity: ['warn'],
    title: "No MX records (mail goes to the domain's address)",
    ref: 'RFC 5321 §5.1 (implicit MX); book ch. 5, "Using Nslookup to Verify DNS Configuration"',
  },
  'mx.null': { severity: ['fail'], title: 'The domain publishes a null MX', ref: 'RFC 7505 §3 and §4' },
  'mx.nxdomain': {
    severity: ['fail'],
    title: 'The domain does not exist',
    ref: 'Book ch. 5, "Using Nslookup to Verify DNS Configuration"; RFC 1035 §4.1.1',
  },
  'mx.ok': {
    severity: ['ok'],
    title: 'MX records resolve',
    ref: 'Book ch. 5, "Using Nslookup to Verify DNS Configuration"',
  },
  'mx.private-address': {
    severity: ['warn'],
    title: 'An exchanger has a private address',
    ref: 'RFC 6890 (special-purpose address registries); RFC 1918',
  },
  'mx.ptr-mismatch': {
    severity: ['warn'],
    title: 'Reverse DNS does not point back',
    ref: 'RFC 1912 §2.1 (every Internet-reachable host should have a matching PTR)',
  },
  'mx.ptr-unchecked': {
    severity: ['info'],
    title: 'Reverse DNS could not be checked',
    ref: 'RFC 1912 §2.1 (every Internet-reachable host should have a matching PTR)',
  },
  'mx.single': {
    severity: ['info'],
    title: 'Only one mail exchanger',
    ref: 'Book ch. 5, "Using Nslookup to Verify DNS Configuration" (Example 4, single mail exchanger); RFC 5321 §5.1',
  },
  'mx.truncated': {
    severity: ['warn', 'info'],
    title: 'More exchangers or addresses than were checked',
    ref: 'RFC 5321 §5.1 (senders try the MX hosts in preference order, and give up after a few)',
  },
  'mx.unresolvable': {
    severity: ['warn', 'fail'],
    title: 'An MX host has no address',
    ref: 'Book ch. 5 (an MX record must point to an A record); RFC 5321 §5.1',
  },
} as const satisfies Catalogue;

// Finding ids of `mailflow blocklist` and the blocklist group of `check`: each declared once, with
// the severities it can have (the first is the default). Ids are never renamed: monitoring keys on
// them (test/core/catalogue.test.ts).
import type { Catalogue } from '../../findings/catalogue.js';

export const BLOCKLIST_IDS = {
  'blocklist.clean': {
    severity: ['ok'],
    title: 'Not listed on any blocklist asked',
    ref: 'RFC 5782 §2 (DNSBL queries and answers); book ch. 2 and ch. 6 (an open relay gets blacklisted)',
  },
  'blocklist.error': {
    severity: ['unknown'],
    title: 'A blocklist could not be asked',
    ref: 'RFC 5782 §2 (DNSBL queries and answers); book ch. 2 and ch. 6 (an open relay gets blacklisted)',
  },
  'blocklist.listed': {
    severity: ['fail', 'warn'],
    title: 'Listed on a blocklist',
    ref: 'RFC 5782 §2 (DNSBL queries and answers); book ch. 2 and ch. 6 (an open relay gets blacklisted)',
  },
  'blocklist.policy-listed': {
    severity: ['info'],
    title: 'On a policy list (dynamic or end-user address range)',
    ref: 'Spamhaus DNSBL return codes (127.255.255.252/254/255); RFC 5782 §2.1',
  },
  'blocklist.public-resolver': {
    severity: ['warn'],
    title: 'The DNS server in use is a public resolver that blocklists refuse',
    ref: 'Spamhaus DNSBL return codes (127.255.255.252/254/255); RFC 5782 §2.1',
  },
  'blocklist.spf-not-expanded': {
    severity: ['info'],
    title: 'SPF networks wider than one address were named, not checked address by address',
    ref: 'RFC 7208 §5.6 (ip4 and ip6 mechanisms); RFC 5782 §2.1 (one query per address)',
  },
  'blocklist.zone-broken': {
    severity: ['unknown'],
    title: 'A blocklist failed its test points and is not trusted',
    ref: 'RFC 5782 §5 (test points: 127.0.0.2 listed, 127.0.0.1 not; TEST and INVALID for domain lists)',
  },
} as const satisfies Catalogue;

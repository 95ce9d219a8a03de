// Finding ids of the DNS failures several checks report: each declared once, with the severities it can have, a title and a ref (the first is the
// default). Ids are never renamed: monitoring keys on them (test/core/catalogue.test.ts).
import type { Catalogue } from '../../findings/catalogue.js';

export const SHARED_IDS = {
  'dns.error': {
    severity: ['unknown'],
    title: 'A DNS query failed',
    ref: 'Book ch. 5, "Using Nslookup to Verify DNS Configuration" (server <IP address>); RFC 1035 §4.1.1',
  },
} as const satisfies Catalogue;

// Test blocklist zones for NSD on loopback: every state `mailflow blocklist` tells apart.
// Subjects are documentation addresses (192.0.2.0/24, 2001:db8::/32) and names under .test.
import { type Zone, zoneText } from '../helpers/nsd.js';

const ZEN = `
2.0.0.127      A    127.0.0.2
2.0.0.127      TXT  "test point"
2.2.0.192      A    127.0.0.2
2.2.0.192      TXT  "SBL0001 listed for spam support"
3.2.0.192      A    127.0.0.3
4.2.0.192      A    127.0.0.4
9.2.0.192      A    127.0.0.2
9.2.0.192      A    127.0.0.9
10.2.0.192     A    127.0.0.10
11.2.0.192     A    127.0.0.11
30.2.0.192     A    127.0.0.30
252.2.0.192    A    127.255.255.252
254.2.0.192    A    127.255.255.254
255.2.0.192    A    127.255.255.255
2.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2  A  127.0.0.4
; the IPv6 test point ::FFFF:7F00:2 (RFC 5782 §5)
2.0.0.0.0.0.f.7.f.f.f.f.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0  A  127.0.0.2
`;

const DBL = `
dbltest.com                A  127.0.1.2
spam.targets.test          A  127.0.1.2
abused.targets.test        A  127.0.1.102
ipasked.targets.test       A  127.0.1.255
`;

/** A custom IP list (tier 2: warn) that follows RFC 5782. */
const MINOR = `
2.0.0.127      A    127.0.0.2
2.2.0.192      A    127.0.0.2
2.2.0.192      TXT  "listed by minor.bl.test"
`;

/** Passes its IPv4 test points and lists 2001:db8::2, but not its IPv6 test point ::FFFF:7F00:2. */
const V6_SILENT = `
2.0.0.127      A    127.0.0.2
2.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2  A  127.0.0.2
`;

/** IPv4 right; in IPv6 it lists ::FFFF:7F00:1 too, which must never be listed. */
const V6_EVERYTHING = `
2.0.0.127      A    127.0.0.2
*.0.0.0.0.0.f.7.f.f.f.f.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0  A  127.0.0.2
`;

/** Lists everything, like AHBL since 2015: the 127.0.0.1 test point catches it. */
const EVERYTHING = '*  A  127.0.0.2';

/** Lists something but not its test point 127.0.0.2. */
const SILENT = '2.2.0.192  A  127.0.0.2';

/** A resolver that rewrites NXDOMAIN: a wildcard outside 127/8, test points kept right. */
const REWRITE = `
*              A    198.51.100.7
2.0.0.127      A    127.0.0.2
1.0.0.127      TXT  "exists, no address: not listed"
`;

/** A domain list: TEST listed, INVALID not; one refusal (127.0.0.1, as URIBL answers). */
const DOMAINS = `
test                          A  127.0.0.2
spam.targets.test             A  127.0.0.2
refused.targets.test          A  127.0.0.1
`;

/** What the tests look up: hosts, mail domains, SPF. */
const TARGETS = `
mail           A     192.0.2.2
clean          A     192.0.2.1
v6             AAAA  2001:db8::2
domain         MX    10 mail
domain6        MX    10 v6
domain         TXT   "v=spf1 ip4:192.0.2.4 ip4:198.51.100.0/24 ip6:2001:db8::/32 -all"
inbound        MX    10 pbl
pbl            A     192.0.2.10
spam           A     192.0.2.1
abused         A     192.0.2.1
refused        A     192.0.2.1
ipasked        A     192.0.2.1
`;

export const BLOCKLIST_ZONES: Zone[] = [
  { name: 'zen.spamhaus.org', text: zoneText('zen.spamhaus.org', ZEN) },
  { name: 'dbl.spamhaus.org', text: zoneText('dbl.spamhaus.org', DBL) },
  { name: 'minor.bl.test', text: zoneText('minor.bl.test', MINOR) },
  { name: 'v6silent.bl.test', text: zoneText('v6silent.bl.test', V6_SILENT) },
  { name: 'v6everything.bl.test', text: zoneText('v6everything.bl.test', V6_EVERYTHING) },
  { name: 'everything.bl.test', text: zoneText('everything.bl.test', EVERYTHING) },
  { name: 'silent.bl.test', text: zoneText('silent.bl.test', SILENT) },
  { name: 'rewrite.bl.test', text: zoneText('rewrite.bl.test', REWRITE) },
  { name: 'domains.bl.test', text: zoneText('domains.bl.test', DOMAINS) },
  { name: 'targets.test', text: zoneText('targets.test', TARGETS) },
];

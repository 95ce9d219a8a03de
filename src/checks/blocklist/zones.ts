// The blocklists mailflow knows, as data: what each return code means, where to delist, how much
// receivers rely on the list, and which lists are dead and must never be asked. Bundled with the
// CLI (an import, not a file read); bump ZONES_VERSION whenever a row changes.
// Sources: each operator's published return codes; RFC 5782 (DNSBL conventions and §5 test points).

export const ZONES_VERSION = '2026-12-03';

export type ZoneKind = 'ip' | 'domain';

/** 1: lists the large receivers reject on; 2: smaller lists in the default set; 3: only with --tier 3. */
export type Tier = 1 | 2 | 3;

export type ErrorKind =
  | 'typo' // Spamhaus 127.255.255.252: the zone name is wrong
  | 'public-resolver' // Spamhaus 127.255.255.254: the question came through a public/open resolver
  | 'rate-limited' // Spamhaus 127.255.255.255: too many questions from this resolver
  | 'ip-on-domain-list' // DBL 127.0.1.255: an IP address asked of a domain list
  | 'refused' // URIBL 127.0.0.1: the list refuses this resolver
  | 'list-error' // another code in the list's error range (Spamhaus: all of 127.255.255.0/24)
  | 'rewritten' // an answer outside 127.0.0.0/8: the resolver rewrites NXDOMAIN
  | 'timeout'
  | 'servfail'
  | 'dns'; // any other failure to get an answer

export interface ReturnCode {
  meaning: string;
  /** A policy listing ("this range should not send mail directly"), not a sign of abuse. */
  policy?: boolean;
}

export interface ZoneDef {
  /** Short handle for --zone / --add-zone (e.g. "zen"). */
  name: string;
  /** The DNS zone asked. */
  zone: string;
  label: string;
  kind: ZoneKind;
  tier: Tier;
  /** Return codes that mean "listed"; any other 127/8 answer is listed with an undocumented code. */
  codes: Record<string, ReturnCode>;
  /** Return codes that mean the list refused to answer (never "listed"). */
  errors?: Record<string, ErrorKind>;
  /** A prefix of return codes reserved for errors (e.g. "127.255.255."): never "listed". */
  errorRange?: string;
  delist: string;
  /** Why it is (or is not) in the default set. */
  why: string;
  /**
   * Lists IPv6 addresses too (asked as reversed nibbles); its IPv6 test points (testPoints) are
   * asked before any IPv6 address is.
   */
  ipv6?: boolean;
  /** RFC 5782 §5 test points, when the list uses others than 127.0.0.2/127.0.0.1 or TEST/INVALID. */
  testListed?: string;
  testUnlisted?: string;
  /** Spamhaus Data Query Service: with --dqs-key the zone asked is `<key>.<dqs>`. */
  dqs?: string;
  /** A list that closed or answers "listed" for everything: never asked. */
  deadSince?: string;
}

/**
 * RFC 5782 §5 test points: `listed` must be listed, `unlisted` must not be. IP lists: 127.0.0.2 and
 * 127.0.0.1; lists that hold IPv6 (`ipv6`) also ::FFFF:7F00:2 and ::FFFF:7F00:1, asked when IPv6
 * addresses are checked; domain lists TEST and INVALID (a list's own testListed/testUnlisted first).
 */
export function testPoints(def: ZoneDef, family: 4 | 6 = 4): { listed: string; unlisted: string } {
  if (def.kind === 'domain')
    return { listed: def.testListed ?? 'TEST', unlisted: def.testUnlisted ?? 'INVALID' };
  if (family === 6) return { listed: '::FFFF:7F00:2', unlisted: '::FFFF:7F00:1' };
  return { listed: def.testListed ?? '127.0.0.2', unlisted: def.testUnlisted ?? '127.0.0.1' };
}

const SPAMHAUS_ERRORS: Record<string, ErrorKind> = {
  '127.255.255.252': 'typo',
  '127.255.255.254': 'public-resolver',
  '127.255.255.255': 'rate-limited',
};

const LISTED = { '127.0.0.2': { meaning: 'listed' } };

export const ZONES: readonly ZoneDef[] = [
  {
    name: 'zen',
    zone: 'zen.spamhaus.org',
    label: 'Spamhaus ZEN',
    kind: 'ip',
    tier: 1,
    ipv6: true,
    codes: {
      '127.0.0.2': { meaning: 'SBL: a spam source or spam operation Spamhaus tracks' },
      '127.0.0.3': { meaning: 'SBL CSS: automated listing of a snowshoe or low-reputation sender' },
      '127.0.0.4': { meaning: 'XBL: an infected or exploited machine (CBL data)' },
      '127.0.0.9': { meaning: 'SBL DROP: a network hijacked or run by criminals' },
      '127.0.0.10': { meaning: 'PBL: the ISP says this range should not send mail directly', policy: true },
      '127.0.0.11': {
        meaning: 'PBL: Spamhaus says this range should not send mail directly (end-user space)',
        policy: true,
      },
      '127.0.0.30': { meaning: 'BCL: a botnet controller' },
    },
    errors: SPAMHAUS_ERRORS,
    errorRange: '127.255.255.',
    delist: 'https://check.spamhaus.org/',
    why: 'the list most large receivers reject on',
    dqs: 'zen.dq.spamhaus.net',
  },
  {
    name: 'dbl',
    zone: 'dbl.spamhaus.org',
    label: 'Spamhaus DBL',
    kind: 'domain',
    tier: 1,
    codes: {
      '127.0.1.2': { meaning: 'a domain with a spam reputation' },
      '127.0.1.4': { meaning: 'a phishing domain' },
      '127.0.1.5': { meaning: 'a malware domain' },
      '127.0.1.6': { meaning: 'a botnet command-and-control domain' },
      '127.0.1.102': { meaning: 'a legitimate domain abused for spam' },
      '127.0.1.103': { meaning: 'a legitimate domain abused as a spammed redirector' },
      '127.0.1.104': { meaning: 'a legitimate domain abused for phishing' },
      '127.0.1.105': { meaning: 'a legitimate domain abused for malware' },
      '127.0.1.106': { meaning: 'a legitimate domain abused for botnet command and control' },
    },
    errors: { ...SPAMHAUS_ERRORS, '127.0.1.255': 'ip-on-domain-list' },
    errorRange: '127.255.255.',
    delist: 'https://check.spamhaus.org/',
    why: 'the domain list large receivers and filters use',
    testListed: 'dbltest.com',
    dqs: 'dbl.dq.spamhaus.net',
  },
  {
    name: 'spamcop',
    zone: 'bl.spamcop.net',
    label: 'SpamCop',
    kind: 'ip',
    tier: 1,
    codes: { '127.0.0.2': { meaning: 'reported by SpamCop users as a spam source' } },
    delist: 'https://www.spamcop.net/bl.shtml',
    why: 'widely used; listings expire 24 hours after the reports stop',
  },
  {
    name: 'barracuda',
    zone: 'b.barracudacentral.org',
    label: 'Barracuda Reputation Block List',
    kind: 'ip',
    tier: 1,
    codes: { '127.0.0.2': { meaning: 'poor sending reputation at Barracuda' } },
    delist: 'https://www.barracudacentral.org/rbl/removal-request',
    why: "every Barracuda appliance uses it; queries need the resolver's address registered with Barracuda",
  },
  {
    name: 'psbl',
    zone: 'psbl.surriel.com',
    label: 'PSBL (Passive Spam Block List)',
    kind: 'ip',
    tier: 2,
    codes: { '127.0.0.2': { meaning: 'sent mail to PSBL spam traps' } },
    delist: 'https://psbl.org/',
    why: 'trap-driven, self-service removal; used by smaller sites',
  },
  {
    name: 'mailspike',
    zone: 'bl.mailspike.net',
    label: 'Mailspike',
    kind: 'ip',
    tier: 2,
    codes: {
      '127.0.0.2': { meaning: 'part of a distributed spam wave (zero-hour listing)' },
      '127.0.0.10': { meaning: 'reputation L5: the worst' },
      '127.0.0.11': { meaning: 'reputation L4: very bad' },
      '127.0.0.12': { meaning: 'reputation L3: bad' },
    },
    delist: 'https://mailspike.io/',
    why: 'reputation data used by SpamAssassin and filtering services',
  },
  {
    name: 'uceprotect1',
    zone: 'dnsbl-1.uceprotect.net',
    label: 'UCEPROTECT level 1',
    kind: 'ip',
    tier: 2,
    codes: { '127.0.0.2': { meaning: 'this address sent to UCEPROTECT spam traps' } },
    delist: 'https://www.uceprotect.net/en/rblcheck.php',
    why: 'single addresses only; levels 2 and 3 list whole networks and are not in the default set',
  },
  {
    name: 'spamrats',
    zone: 'all.spamrats.com',
    label: 'SpamRATS',
    kind: 'ip',
    tier: 2,
    codes: {
      '127.0.0.36': { meaning: 'RATS-Dyna: looks like a dynamic (end-user) address', policy: true },
      '127.0.0.37': { meaning: 'RATS-NoPtr: no reverse DNS (PTR) for this address', policy: true },
      '127.0.0.38': { meaning: 'RATS-Spam: seen sending spam' },
      '127.0.0.43': { meaning: 'RATS-Auth: seen attacking SMTP AUTH' },
    },
    delist: 'https://www.spamrats.com/removal.php',
    why: 'flags dynamic ranges and missing PTRs that receivers also penalise',
  },
  {
    name: 'nixspam',
    zone: 'ix.dnsbl.manitu.net',
    label: 'NiX Spam',
    kind: 'ip',
    tier: 3,
    codes: LISTED,
    delist: 'https://www.nixspam.net/',
    why: 'short-lived listings used mostly by German providers',
  },
  {
    name: 'uceprotect2',
    zone: 'dnsbl-2.uceprotect.net',
    label: 'UCEPROTECT level 2',
    kind: 'ip',
    tier: 3,
    codes: { '127.0.0.2': { meaning: 'the surrounding network (allocation) has too many listed addresses' } },
    delist: 'https://www.uceprotect.net/en/rblcheck.php',
    why: 'lists whole allocations for their neighbours; few receivers reject on it',
  },
  {
    name: 'uribl',
    zone: 'multi.uribl.com',
    label: 'URIBL',
    kind: 'domain',
    tier: 3,
    codes: {
      '127.0.0.2': { meaning: 'URIBL black: domain seen in spam' },
      '127.0.0.4': { meaning: 'URIBL grey: domain in bulk mail that is not always spam' },
      '127.0.0.8': { meaning: 'URIBL red: domain in spam of newly created accounts' },
    },
    errors: { '127.0.0.1': 'refused' },
    delist: 'https://admin.uribl.com/',
    why: 'a domain (URI) list for content filters rather than connection checks',
    testListed: 'test.uribl.com',
  },
  {
    name: 'sorbs',
    zone: 'dnsbl.sorbs.net',
    label: 'SORBS',
    kind: 'ip',
    tier: 3,
    codes: {},
    delist: '',
    why: 'shut down by its owner (Proofpoint) in June 2024; old answers are meaningless',
    deadSince: '2024-06',
  },
  {
    name: 'ahbl',
    zone: 'dnsbl.ahbl.org',
    label: 'AHBL',
    kind: 'ip',
    tier: 3,
    codes: {},
    delist: '',
    why: 'closed; since 2015 it answers "listed" for every address so that users remove it',
    deadSince: '2015-01',
  },
  {
    name: 'njabl',
    zone: 'dnsbl.njabl.org',
    label: 'NJABL',
    kind: 'ip',
    tier: 3,
    codes: {},
    delist: '',
    why: 'closed in 2013',
    deadSince: '2013-03',
  },
];

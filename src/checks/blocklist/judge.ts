// Blocklist facts → findings. Pure: each answer is listed (decoded), clean, or an error of a named
// kind — an error is never "listed" — and a zone failing its RFC 5782 §5 test points is not trusted.
import { ipFamily } from '../../dns/addr.js';
import { sameAddress } from '../../dns/index.js';
import { count } from '../../findings/count.js';
import { type Finding, finding, type Metric, type Severity } from '../../findings/model.js';
import type { Role, Subject, TargetFacts, TestPointAnswers, ZoneAnswer, ZoneHealth } from './gather.js';
import type { ActiveZone } from './select.js';
import type { BlocklistFacts } from './session.js';
import { type ErrorKind, testPoints, ZONES_VERSION } from './zones.js';

export const REF = {
  dnsbl: 'RFC 5782 §2 (DNSBL queries and answers); book ch. 2 and ch. 6 (an open relay gets blacklisted)',
  testPoints: 'RFC 5782 §5 (test points: 127.0.0.2 listed, 127.0.0.1 not; TEST and INVALID for domain lists)',
  testPoints6: 'RFC 5782 §5 (IPv6 test points: ::FFFF:7F00:2 listed, ::FFFF:7F00:1 not)',
  spamhaus: 'Spamhaus DNSBL return codes (127.255.255.252/254/255); RFC 5782 §2.1',
} as const;

export type Verdict =
  | { state: 'listed'; codes: { code: string; meaning: string; policy: boolean }[]; txt?: string[] }
  | { state: 'clean' }
  | { state: 'error'; kind: ErrorKind; detail: string };

export type ZoneStatus =
  | { state: 'ok' }
  | { state: 'broken'; detail: string }
  | { state: 'error'; kind: ErrorKind; detail: string };

const ERROR_TEXT: Record<ErrorKind, string> = {
  typo: 'the list answered 127.255.255.252: the zone name is misspelt',
  'public-resolver':
    'the list answered 127.255.255.254: the question came through a public or open resolver, which it does not answer',
  'rate-limited': 'the list answered 127.255.255.255: too many questions from this resolver',
  'ip-on-domain-list': 'the list answered 127.0.1.255: an IP address was asked of a domain list',
  'list-error':
    'the list answered with a code from its error range: a problem with the question or the resolver, not a listing',
  refused:
    'the list answered 127.0.0.1: it refuses questions from this resolver (RFC 5782 §2.1 never lists with 127.0.0.1)',
  rewritten:
    'the answer is outside 127.0.0.0/8: the resolver rewrites "no such name" into an address of its own (an ISP search page or a filter)',
  timeout: 'no answer in time',
  servfail: 'the resolver answered SERVFAIL (the list’s servers did not answer it)',
  dns: 'the question could not be answered',
};

/** The kind in a few words, for a finding's title (data.kind keeps the id). */
const ERROR_SHORT: Record<ErrorKind, string> = {
  typo: 'the zone name is misspelt',
  'public-resolver': 'it does not answer public resolvers',
  'rate-limited': 'too many questions from this resolver',
  'ip-on-domain-list': 'an IP address asked of a domain list',
  'list-error': 'it answered with an error code',
  refused: 'it refuses this resolver',
  rewritten: 'the resolver rewrites its answers',
  timeout: 'no answer in time',
  servfail: 'the resolver answered SERVFAIL',
  dns: 'the DNS question failed',
};

const ERROR_FIX: Record<ErrorKind, string> = {
  typo: 'Correct the zone name (mailflow blocklist --list-zones shows the known ones).',
  'public-resolver':
    'Ask through your own recursive resolver (--dns 127.0.0.1 on a mail server running Unbound or BIND), or use a Spamhaus DQS key (--dqs-key).',
  'rate-limited':
    'Ask through your own recursive resolver rather than a shared one, or use a Spamhaus DQS key (--dqs-key).',
  'ip-on-domain-list': 'Ask domain lists about domain names only.',
  refused: 'Ask through your own recursive resolver; the list refuses shared and public resolvers.',
  'list-error':
    "Look the code up in the list's documentation; with a Spamhaus DQS key, check that the key is valid.",
  rewritten:
    'Use a resolver that returns NXDOMAIN faithfully (--dns with your own Unbound/BIND); answers through this one mean nothing.',
  timeout: 'Run again, or with a longer --timeout; if it persists, the list or the path to it is down.',
  servfail: "Run again later; if it persists, the list's name servers are down or refuse your resolver.",
  dns: 'Check that the DNS server given with --dns answers.',
};

function inLoopback(a: string): boolean {
  return /^127\.\d+\.\d+\.\d+$/.test(a);
}

/** One answer read against the zone's published codes. */
export function classify(zone: ActiveZone, answer: ZoneAnswer): Verdict {
  switch (answer.outcome) {
    case 'nxdomain':
    case 'nodata':
      return { state: 'clean' };
    case 'timeout':
      return { state: 'error', kind: 'timeout', detail: answer.error ?? ERROR_TEXT.timeout };
    case 'servfail':
      return { state: 'error', kind: 'servfail', detail: ERROR_TEXT.servfail };
    case 'ok':
      break;
    default:
      return { state: 'error', kind: 'dns', detail: answer.error ?? `${answer.outcome}` };
  }
  const def = zone.def;
  const outside = answer.addresses.find((a) => !inLoopback(a));
  if (outside) return { state: 'error', kind: 'rewritten', detail: `${ERROR_TEXT.rewritten} (${outside})` };
  for (const a of answer.addresses) {
    const kind =
      def.errors?.[a] ??
      (def.errorRange && a.startsWith(def.errorRange) ? 'list-error' : undefined) ??
      (a === '127.0.0.1' && !def.codes[a] ? 'refused' : undefined);
    if (kind)
      return {
        state: 'error',
        kind,
        detail: kind === 'list-error' ? `${ERROR_TEXT[kind]} (${a})` : ERROR_TEXT[kind],
      };
  }
  if (answer.addresses.length === 0) return { state: 'clean' };
  const codes = answer.addresses.map((code) => {
    const known = def.codes[code];
    return {
      code,
      meaning:
        known?.meaning ??
        `return code ${code}${Object.keys(def.codes).length > 0 ? ' (not documented by this list)' : ''}`,
      policy: known?.policy === true,
    };
  });
  return { state: 'listed', codes, ...(answer.txt && answer.txt.length > 0 ? { txt: answer.txt } : {}) };
}

/** An IPv6 address, checked only against lists that pass their IPv6 test points. */
export const isIPv6Subject = (s: Pick<Subject, 'kind' | 'value'>): boolean =>
  s.kind === 'ip' && ipFamily(s.value) === 6;

/** RFC 5782 §5: the listed point must be listed, the unlisted one must not. */
export function judgeHealth(zone: ActiveZone, h: TestPointAnswers): ZoneStatus {
  return judgePoints(zone, h, testPoints(zone.def));
}

/** The same rule for the IPv6 test points, when they were asked (IPv6 addresses to check, a list that holds IPv6). */
export function judgeHealth6(zone: ActiveZone, h: ZoneHealth): ZoneStatus | undefined {
  return h.v6 ? judgePoints(zone, h.v6, testPoints(zone.def, 6)) : undefined;
}

function judgePoints(
  zone: ActiveZone,
  h: TestPointAnswers,
  points: { listed: string; unlisted: string },
): ZoneStatus {
  const ip = zone.def.kind === 'ip';
  const l = classify(zone, h.listed);
  const u = classify(zone, h.unlisted);
  // The unlisted point answering 127.0.0.1 is the "lists everything" case, not a refusal.
  const uListed = u.state === 'listed' || (u.state === 'error' && u.kind === 'refused' && ip);
  if (l.state === 'error')
    return { state: 'error', kind: l.kind, detail: `test point ${points.listed}: ${l.detail}` };
  if (uListed) {
    return {
      state: 'broken',
      detail: `it lists the test point ${points.unlisted}, which must never be listed: it answers "listed" for everything (how dead lists such as AHBL push users to remove them), so every listing from it is meaningless`,
    };
  }
  if (u.state === 'error')
    return { state: 'error', kind: u.kind, detail: `test point ${points.unlisted}: ${u.detail}` };
  if (l.state !== 'listed') {
    return {
      state: 'broken',
      detail: `it does not list its test point ${points.listed}: the zone is not working as a blocklist (closed, moved, or not answering this resolver), so "not listed" from it proves nothing`,
    };
  }
  return { state: 'ok' };
}

const PUBLIC_V4 = [
  '8.8.8.8',
  '8.8.4.4',
  '1.1.1.1',
  '1.0.0.1',
  '9.9.9.9',
  '149.112.112.112',
  '208.67.222.222',
  '208.67.220.220',
];
const PUBLIC_V6 = [
  '2001:4860:4860::8888',
  '2001:4860:4860::8844',
  '2606:4700:4700::1111',
  '2606:4700:4700::1001',
  '2620:fe::fe',
  '2620:fe::9',
];
const PUBLIC_DOH =
  /(^|\.)(dns\.google(\.com)?|cloudflare-dns\.com|one\.one\.one\.one|quad9\.net|opendns\.com)$/i;

/** The public resolver behind a server label ("8.8.8.8:53", "[2620:fe::fe]:53", a DoH URL), if it is one. */
export function publicResolverOf(server: string): string | undefined {
  let host = server;
  if (/^https?:\/\//i.test(server)) {
    try {
      host = new URL(server).hostname.replace(/^\[|\]$/g, '');
    } catch {
      return undefined;
    }
    if (PUBLIC_DOH.test(host)) return server;
  } else {
    host = /^\[([^\]]+)\]/.exec(server)?.[1] ?? server.replace(/:\d+$/, '');
  }
  if (PUBLIC_V4.includes(host) || PUBLIC_V6.some((a) => sameAddress(a, host))) return server;
  return undefined;
}

export function publicResolverFinding(server: string, dqs: boolean): Finding {
  return finding('blocklist.public-resolver', 'warn', {
    title: `The DNS server in use (${server}) is a public resolver`,
    detail: `Spamhaus answers questions from public resolvers with an error (127.255.255.254) instead of a result, and other lists (Barracuda, URIBL) refuse them too, so answers through ${server} can be errors or nothing at all.${dqs ? ' Spamhaus is asked through its Data Query Service (--dqs-key), which works from any resolver; the other lists are still affected.' : ''}`,
    fix: 'Ask through your own recursive resolver (e.g. --dns 127.0.0.1 on a host running Unbound), or for Spamhaus use a free Data Query Service key: --dqs-key <key>.',
    ref: REF.spamhaus,
  });
}

/** A zone that failed its test points: IPv4 (or domain) ones, or with `family` 6 its IPv6 ones. */
export function zoneFinding(zone: ActiveZone, status: ZoneStatus, family: 4 | 6 = 4): Finding | undefined {
  if (status.state === 'ok') return undefined;
  const v6 = family === 6;
  const scope = v6 ? 'its answers for IPv6 addresses are not used' : 'its answers are not used';
  const family6 = v6 ? { family: 6 } : {};
  if (status.state === 'broken') {
    return finding('blocklist.zone-broken', 'unknown', {
      title: `${named(zone)} failed its ${v6 ? 'IPv6 ' : ''}test points; ${scope}`,
      detail: `${zone.shown}: ${status.detail}.${v6 ? ' Its IPv4 test points pass, so it is still asked about IPv4 addresses and names; whether the IPv6 addresses are listed there is unknown.' : ''}`,
      fix: zone.def.deadSince
        ? 'Remove this list from every mail server configuration.'
        : v6
          ? `If the list holds only IPv4 addresses, name it as --zone ${zone.shown}:ip4 (never asked about IPv6 ones); if it holds IPv6 ones too, it is broken for IPv6 or blocks your resolver: ask through your own recursive resolver (--dns).`
          : 'Check the zone name; if it is right, the list is down or blocks your resolver: ask through your own recursive resolver (--dns), or drop the list.',
      ref: v6 ? REF.testPoints6 : REF.testPoints,
      data: { zone: zone.shown, detail: status.detail, ...family6 },
    });
  }
  return finding('blocklist.error', 'unknown', {
    title: `${named(zone)} could not be asked${v6 ? ' about IPv6 addresses' : ''}: ${ERROR_SHORT[status.kind]}`,
    detail: `${status.detail}. Nothing was asked of this list${v6 ? ' about IPv6 addresses' : ''}, so its verdict is unknown for every ${v6 ? 'IPv6 address' : 'target'}.`,
    fix: ERROR_FIX[status.kind],
    ref: refFor(status.kind),
    data: { zone: zone.shown, kind: status.kind, ...family6 },
  });
}

/** "Spamhaus ZEN (zen.spamhaus.org)", or just the zone when it has no other name. */
function named(zone: ActiveZone): string {
  return zone.def.label === zone.shown ? zone.shown : `${zone.def.label} (${zone.shown})`;
}

function refFor(kind: ErrorKind): string {
  return kind === 'typo' ||
    kind === 'public-resolver' ||
    kind === 'rate-limited' ||
    kind === 'ip-on-domain-list'
    ? REF.spamhaus
    : REF.dnsbl;
}

export interface Row {
  subject: string;
  zone: string;
  state: Verdict['state'] | 'not-asked';
  codes?: { code: string; meaning: string; policy: boolean }[];
  txt?: string[];
  kind?: ErrorKind;
  detail?: string;
}

/** Listed only with policy codes (PBL-type), for an address that is only an exchanger (inbound). */
function inboundPolicyOnly(v: Extract<Verdict, { state: 'listed' }>, roles: Role[]): boolean {
  return v.codes.every((c) => c.policy) && roles.every((r) => r === 'mx');
}

const ROLE_TEXT: Record<Role, string> = {
  given: 'given',
  host: 'an address of the host',
  mx: 'a mail exchanger address',
  spf: 'an address in the SPF record',
};

function listedFinding(zone: ActiveZone, s: Subject, v: Extract<Verdict, { state: 'listed' }>): Finding {
  const meanings = v.codes.map((c) => `${c.code} (${c.meaning})`).join(', ');
  const reason = v.txt ? ` The list says: "${v.txt.join(' ').slice(0, 300)}".` : '';
  const delist = zone.def.delist ? ` Delisting: ${zone.def.delist}.` : '';
  const shortZone = zone.def.dqs ? zone.def.zone : zone.shown;
  const data = { subject: s.value, zone: zone.shown, codes: v.codes, txt: v.txt ?? [], roles: s.roles };
  if (inboundPolicyOnly(v, s.roles)) {
    return finding('blocklist.policy-listed', 'info', {
      title: `${s.value} is on ${zone.def.label} as a policy listing: ${v.codes[0]!.meaning}`,
      detail: `${s.value} (${ROLE_TEXT.mx}) answered ${meanings} on ${zone.shown}. A policy list names addresses that should not send mail straight to other servers; an exchanger that only receives mail is not hurt by it. If this server also sends mail out directly, receivers using ${shortZone} refuse it.`,
      fix: `Nothing, if ${s.value} only receives mail. If it also sends, send through a relay not on the list, or ask the network's owner to remove the range from the policy list.${delist}`,
      ref: REF.dnsbl,
      data,
    });
  }
  const severity: Severity = zone.def.tier === 1 ? 'fail' : 'warn';
  const where =
    s.kind === 'ip'
      ? `client host [${s.value}] blocked using ${shortZone}`
      : `${s.value} listed at ${shortZone}`;
  return finding('blocklist.listed', severity, {
    title: `${s.value} is listed on ${zone.def.label}: ${v.codes[0]!.meaning}`,
    detail: `${s.value} (${s.roles.map((r) => ROLE_TEXT[r]).join(', ')}) answered ${meanings} on ${zone.shown}.${reason} Receivers that use this list refuse its mail with bounces such as "554 5.7.1 … ${where}"${zone.def.tier === 1 ? '; large mailbox providers rely on it' : ''}.`,
    fix: `Find and stop the cause first (an open relay, a compromised account or machine, a mailing without consent), then request removal.${delist}`,
    ref: REF.dnsbl,
    data,
  });
}

export interface TargetJudgement {
  findings: Finding[];
  rows: Row[];
  listings: number;
  errors: number;
  metrics: Metric[];
}

/** Findings for one target, given the zones' health (run-wide findings are passed in, not recomputed). */
export function judgeTarget(
  facts: TargetFacts,
  zones: readonly ActiveZone[],
  statuses: readonly ZoneStatus[],
  runFindings: readonly Finding[],
  /** The zones' IPv6 test points, where asked: an IPv6 address is asked only of a zone passing them. */
  statuses6: readonly (ZoneStatus | undefined)[] = [],
): TargetJudgement {
  const findings: Finding[] = [...runFindings];
  const rows: Row[] = [];
  const errors = new Map<string, { zone: ActiveZone; kind: ErrorKind; detail: string; subjects: string[] }>();
  let listings = 0;
  let clean = 0;
  const cleanZones = new Set<string>();
  for (const s of facts.subjects) {
    s.answers.forEach((answer, i) => {
      const zone = zones[i]!;
      if (!answer) {
        const status =
          statuses[i]?.state === 'ok' && isIPv6Subject(s) ? (statuses6[i] ?? statuses[i]) : statuses[i];
        if (status?.state !== 'ok' && zone.def.kind === s.kind)
          rows.push({ subject: s.value, zone: zone.shown, state: 'not-asked' });
        return;
      }
      const v = classify(zone, answer);
      if (v.state === 'listed') {
        listings++;
        findings.push(listedFinding(zone, s, v));
        rows.push({
          subject: s.value,
          zone: zone.shown,
          state: 'listed',
          codes: v.codes,
          ...(v.txt ? { txt: v.txt } : {}),
        });
      } else if (v.state === 'error') {
        const key = `${i} ${v.kind}`;
        const e = errors.get(key) ?? { zone, kind: v.kind, detail: v.detail, subjects: [] };
        e.subjects.push(s.value);
        errors.set(key, e);
        rows.push({ subject: s.value, zone: zone.shown, state: 'error', kind: v.kind, detail: v.detail });
      } else {
        clean++;
        cleanZones.add(zone.shown);
        rows.push({ subject: s.value, zone: zone.shown, state: 'clean' });
      }
    });
  }
  for (const e of errors.values()) {
    findings.push(
      finding('blocklist.error', 'unknown', {
        title: `${named(e.zone)} gave no usable answer for ${e.subjects.join(', ')}: ${ERROR_SHORT[e.kind]}`,
        detail: `${e.detail}. This is not a listing: whether ${e.subjects.length > 1 ? 'they are' : 'it is'} listed there is unknown.`,
        fix: ERROR_FIX[e.kind],
        ref: refFor(e.kind),
        data: { zone: e.zone.shown, kind: e.kind, subjects: e.subjects },
      }),
    );
  }
  for (const err of facts.lookupErrors) {
    findings.push(
      finding('blocklist.error', 'unknown', {
        title: `Could not find everything to check for ${facts.target}`,
        detail: `${err}. What could not be found was not checked.`,
        fix: 'Run again, or check that the DNS server given with --dns answers.',
        ref: REF.dnsbl,
        data: { kind: 'dns', lookup: err },
      }),
    );
  }
  if (listings === 0 && clean > 0) {
    const subjects = facts.subjects.filter((s) => s.answers.some(Boolean)).map((s) => s.value);
    const noAddress =
      facts.type !== 'ip' && !facts.subjects.some((s) => s.kind === 'ip')
        ? ` ${facts.target} has no address, so only the name was checked.`
        : '';
    findings.push(
      finding('blocklist.clean', 'ok', {
        title: `${facts.target}: not listed on ${count(cleanZones.size, 'list')}`,
        detail: `${subjects.join(', ')} ${subjects.length > 1 ? 'are' : 'is'} on none of ${[...cleanZones].join(', ')}.${noAddress}`,
        fix: '',
        ref: REF.dnsbl,
        data: { zones: [...cleanZones], subjects, wide: facts.wide },
      }),
    );
  }
  // Listed or clean, what was not asked about is said.
  if (facts.wide.length > 0) {
    const nets = facts.wide.join(', ');
    findings.push(
      finding('blocklist.spf-not-expanded', 'info', {
        title: `${facts.target}: ${count(facts.wide.length, 'SPF network')} not checked address by address`,
        detail: `SPF networks wider than one address were not expanded: ${nets}. Only single addresses of the SPF record and the exchangers' addresses were asked about.`,
        fix: 'To check the addresses that really send mail from these networks, run mailflow blocklist on each of them.',
        ref: 'RFC 7208 §5.6; RFC 5782 §2.1',
        data: { wide: facts.wide },
      }),
    );
  }
  const metrics = blocklistMetrics(facts.target, findings);
  return { findings, rows, listings, errors: errors.size, metrics };
}

/** Listings (address or name × list) and lists without a usable answer, counted from the findings. */
export function blocklistMetrics(target: string, findings: readonly Finding[]): Metric[] {
  const count = (...ids: string[]) => findings.filter((f) => ids.includes(f.id)).length;
  const labels = { target };
  return [
    {
      name: 'blocklist_listings',
      value: count('blocklist.listed', 'blocklist.policy-listed'),
      unit: '',
      labels,
      help: 'Blocklist listings found for the target (address or name × list).',
    },
    {
      name: 'blocklist_errors',
      value: count('blocklist.error', 'blocklist.zone-broken'),
      unit: '',
      labels,
      help: 'Blocklist answers that could not be used for the target (errors, broken lists).',
    },
  ];
}

export interface BlocklistData {
  target: string;
  type: TargetFacts['type'];
  server: string;
  zonesVersion: string;
  /** health6: the IPv6 test points, when IPv6 addresses were checked against a list that holds IPv6. */
  zones: { zone: string; label: string; kind: string; tier: number; health: string; health6?: string }[];
  results: Row[];
  spfNetworksNotExpanded: string[];
}

/**
 * One target's verdict: the zones' health (a broken zone is not trusted), the findings every
 * target shares (public resolver, broken zones), then the target's own listings.
 */
export function judge(f: BlocklistFacts): {
  findings: Finding[];
  data: BlocklistData;
  metrics: Metric[];
  rows: Row[];
} {
  const statuses = f.zones.map((z, i) => judgeHealth(z, f.health[i]!));
  const statuses6 = f.zones.map((z, i) =>
    statuses[i]!.state === 'ok' ? judgeHealth6(z, f.health[i]!) : undefined,
  );
  const shared: Finding[] = [];
  const pub = publicResolverOf(f.server);
  if (pub) shared.push(publicResolverFinding(pub, f.dqs));
  f.zones.forEach((z, i) => {
    const zf = zoneFinding(z, statuses[i]!) ?? (statuses6[i] ? zoneFinding(z, statuses6[i]!, 6) : undefined);
    if (zf) shared.push(zf);
  });
  const j = judgeTarget(f.target, f.zones, statuses, shared, statuses6);
  return {
    findings: j.findings,
    metrics: j.metrics,
    rows: j.rows,
    data: {
      target: f.target.target,
      type: f.target.type,
      server: f.server,
      zonesVersion: ZONES_VERSION,
      zones: f.zones.map((z, i) => ({
        zone: z.shown,
        label: z.def.label,
        kind: z.def.kind,
        tier: z.def.tier,
        health: statuses[i]!.state,
        ...(statuses6[i] ? { health6: statuses6[i]!.state } : {}),
      })),
      results: j.rows,
      spfNetworksNotExpanded: f.target.wide,
    },
  };
}

// The MX diagnosis: turns what the DNS said into findings with fixes. Pure; no network.
import { reservedSuffix, specialRange } from '../../dns/addr.js';
import { isUnusableAnswer } from '../../dns/cname.js';
import type { DnsAnswer, Exchanger, Outcome, PtrLookup } from '../../dns/index.js';
import { MX_LIMITS } from '../../dns/mx.js';
import { isLookupFailure } from '../../dns/reverse.js';
import { type Finding, finding } from '../../findings/model.js';
import type { MxReport } from './gather.js';
import { REF } from './refs.js';

interface Failure {
  name: string;
  type: string;
  outcome: Outcome;
  error?: string;
}

const OUTCOME_TEXT: Record<Outcome, string> = {
  ok: 'answered',
  nxdomain: 'NXDOMAIN',
  nodata: 'no records',
  servfail: 'SERVFAIL',
  refused: 'REFUSED',
  timeout: 'timed out',
  error: 'error',
  malformed: 'malformed reply',
};

function list(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

function failureText(f: Failure): string {
  return `${f.type} ${f.name}: ${OUTCOME_TEXT[f.outcome]}${f.error ? ` (${f.error})` : ''}`;
}

function dnsError(server: string, failures: Failure[], what: string): Finding {
  if (failures.length && failures.every((f) => isUnusableAnswer(f.error))) {
    return finding('dns.error', 'unknown', {
      title: `The DNS answer for ${list([...new Set(failures.map((f) => f.name))])} cannot be used`,
      detail: `${failures.map(failureText).join('; ')}. The server answered, but the names cannot be resolved to records, so nothing can be concluded about mail for them — senders fail on the same data.`,
      fix: 'Fix the zone: make every CNAME chain end at a name with records (no loops, a few aliases at most), and give mail hosts ordinary names (letters, digits and hyphens between the dots; no escaped dot inside a label).',
      ref: 'RFC 1034 §3.6.2 (CNAME chains); RFC 1035 §2.3.1 (host names)',
      data: { server, failures },
    });
  }
  const timeouts = failures.some(
    (f) => f.outcome === 'timeout' || f.outcome === 'error' || f.outcome === 'malformed',
  );
  return finding('dns.error', 'unknown', {
    title: `DNS server ${server} did not answer ${what}`,
    detail: `${failures.map(failureText).join('; ')}. Nothing can be concluded about these names until the server answers.`,
    fix: timeouts
      ? `Check that ${server} is reachable and answers DNS (for a plain DNS server: UDP and TCP port 53 open), or ask another server with --dns <ip> (nslookup: "server <IP address>").`
      : `Ask a resolver that will answer for this name (--dns <ip>, like nslookup's "server <IP address>"); SERVFAIL from a resolver often means broken delegation or DNSSEC for the domain.`,
    ref: REF.dnsError,
    data: { server, failures },
  });
}

function lookupFailures(ex: Exchanger): Failure[] {
  const e = ex.lookupError;
  return e
    ? [{ name: ex.host, type: e.type, outcome: e.outcome, ...(e.error ? { error: e.error } : {}) }]
    : [];
}

function exchangerLine(ex: Exchanger): string {
  return `${ex.host} (preference ${ex.preference})`;
}

function checkNames(exchangers: Exchanger[]): Finding[] {
  const out: Finding[] = [];
  const literals = exchangers.filter((e) => e.ipLiteral);
  if (literals.length) {
    out.push(
      finding('mx.ip-literal', 'fail', {
        title: `MX points to an IP address written as a name: ${list(literals.map((e) => e.host))}`,
        detail:
          'An MX exchanger must be a host name with A/AAAA records. Senders look the "name" up in DNS, find nothing, and cannot deliver through this record.',
        fix: 'Create a host name (e.g. mail.<domain>) with an A record for that address and point the MX record at the name.',
        ref: REF.ipLiteral,
        data: { exchangers: literals.map((e) => e.host) },
      }),
    );
  }
  const aliases = exchangers.filter((e) => e.cname);
  if (aliases.length) {
    out.push(
      finding('mx.cname', 'fail', {
        title: `MX exchanger is an alias (CNAME): ${list(aliases.map((e) => `${e.host} → ${e.cname}`))}`,
        detail:
          'RFC 2181 forbids an MX record pointing at a CNAME. Some mailers refuse such domains outright (Exchange 2000 could not send to them, per Q280794); others add lookups or fail.',
        fix: `Point the MX record at the canonical name (${list(aliases.map((e) => e.cname ?? ''))}) or replace the CNAME with A/AAAA records.`,
        ref: REF.cname,
        data: { exchangers: aliases.map((e) => ({ host: e.host, cname: e.cname })) },
      }),
    );
  }
  return out;
}

function checkResolution(exchangers: Exchanger[], family?: 4 | 6): Finding[] {
  const named = exchangers.filter((e) => !e.ipLiteral);
  const dead = named.filter((e) => e.addresses.length === 0 && !isLookupFailure(e.outcome));
  if (dead.length === 0) return [];
  const anyWorks = exchangers.some((e) => e.addresses.length > 0);
  // With -4/-6 only one family was asked for: the others may well have addresses of the other one.
  const records = family === 4 ? 'no A records' : family === 6 ? 'no AAAA records' : 'no A/AAAA records';
  const only = family ? ` (-${family} was given: only IPv${family} addresses were looked up)` : '';
  return [
    finding('mx.unresolvable', anyWorks ? 'warn' : 'fail', {
      title: anyWorks
        ? `Some exchangers have no ${family ? `IPv${family} ` : ''}address: ${list(dead.map((e) => e.host))}${only}`
        : family
          ? `No exchanger has an IPv${family} address${only}`
          : 'No exchanger has an address (no A or AAAA records)',
      detail: `${dead.map((e) => `${exchangerLine(e)}: ${e.outcome === 'nxdomain' ? 'name does not exist' : records}`).join('; ')}. ${
        anyWorks
          ? 'Senders skip these and use the others, after a delay.'
          : family
            ? `Mail cannot be delivered to this domain over IPv${family}; run without -${family} to see the other family.`
            : 'Mail to this domain cannot be delivered.'
      }`,
      fix: family
        ? `If the exchangers should be reachable over IPv${family}, add ${family === 6 ? 'AAAA' : 'A'} records for them; otherwise check without -${family}.`
        : 'Add A (and AAAA if you serve IPv6) records for each exchanger name, or remove MX records that point at names you do not run.',
      ref: REF.unresolvable,
      data: { exchangers: dead.map((e) => ({ host: e.host, outcome: e.outcome })) },
    }),
  ];
}

function checkAddresses(domain: string, exchangers: Exchanger[]): Finding[] {
  const out: Finding[] = [];
  const owners = new Map<string, string[]>();
  for (const e of exchangers) {
    for (const a of e.addresses) owners.set(a, [...(owners.get(a) ?? []), e.host]);
  }
  const shared = [...owners].filter(([, hosts]) => new Set(hosts).size > 1);
  if (shared.length) {
    out.push(
      finding('mx.duplicate-address', 'warn', {
        title: `Different exchangers share an address: ${list(shared.map(([a, h]) => `${a} (${list([...new Set(h)])})`))}`,
        detail:
          'The backup MX records add no redundancy: when that address is down, every exchanger listed on it is down too, and senders retry the same machine.',
        fix: 'Give backup exchangers their own servers (ideally on another network), or drop the redundant MX records.',
        ref: REF.duplicate,
        data: { shared: shared.map(([address, hosts]) => ({ address, hosts: [...new Set(hosts)] })) },
      }),
    );
  }
  if (!reservedSuffix(domain)) {
    const special = [...owners.keys()]
      .map((a) => ({ address: a, range: specialRange(a), hosts: [...new Set(owners.get(a))] }))
      .filter((x) => x.range);
    if (special.length) {
      out.push(
        finding('mx.private-address', 'warn', {
          title: `Exchanger address is not reachable from the Internet: ${list(special.map((s) => `${s.address} (${s.range})`))}`,
          detail: `${list(special.map((s) => `${list(s.hosts)} → ${s.address}`))}. Senders on the Internet cannot connect to private, loopback or reserved addresses; internal addresses were published in public DNS.`,
          fix: 'Publish the public address of your mail gateway (the NAT/firewall address that forwards port 25) in external DNS; keep internal addresses in internal DNS only (split DNS).',
          ref: REF.privateAddr,
          data: { addresses: special },
        }),
      );
    }
  }
  return out;
}

function checkPtr(server: string, ptrs: PtrLookup[]): Finding[] {
  const out: Finding[] = [];
  // An authoritative server for the domain (the book's "server <IP>") usually refuses reverse
  // questions; that leaves PTR unknown without making the MX verdict unknown.
  const unasked = ptrs.filter((p) => isLookupFailure(p.outcome) && p.outcome !== 'servfail');
  if (unasked.length) {
    out.push(
      finding('mx.ptr-unchecked', 'info', {
        title: `Reverse DNS could not be checked for ${list(unasked.map((p) => p.address))}`,
        detail: `${server} did not answer the PTR questions (${list([...new Set(unasked.map((p) => OUTCOME_TEXT[p.outcome]))])}).`,
        fix: 'To check reverse DNS too, ask a recursive resolver (--dns <resolver ip>), or skip it with --no-ptr.',
        ref: REF.ptr,
        data: { addresses: unasked.map((p) => ({ address: p.address, outcome: p.outcome, error: p.error })) },
      }),
    );
  }
  const missing = ptrs.filter(
    (p) => p.outcome === 'nxdomain' || p.outcome === 'nodata' || p.outcome === 'servfail',
  );
  const unconfirmed = ptrs.filter((p) => p.outcome === 'ok' && !p.confirmed);
  if (missing.length) {
    out.push(
      finding('mx.no-ptr', 'warn', {
        title: `No reverse DNS (PTR) for ${list(missing.map((p) => p.address))}`,
        detail:
          'Reverse DNS is not needed to receive mail, but many receivers reject or mark as spam mail sent from an address without a PTR record — and exchangers usually also send (bounces, replies, forwarding).',
        fix: 'Ask whoever owns the address block (your ISP or hosting provider) to publish a PTR record naming the exchanger, e.g. mail.<domain>.',
        ref: REF.ptr,
        data: { addresses: missing.map((p) => ({ address: p.address, outcome: p.outcome })) },
      }),
    );
  }
  if (unconfirmed.length) {
    out.push(
      finding('mx.ptr-mismatch', 'warn', {
        title: `Reverse DNS does not point back: ${list(unconfirmed.map((p) => `${p.address} → ${list(p.names)}`))}`,
        detail:
          'The PTR name does not resolve to the same address (no forward-confirmed reverse DNS). Receivers that check this treat the host as suspicious.',
        fix: 'Make the PTR name resolve (A/AAAA) to the same address, or change the PTR to a name that does — usually the exchanger name itself.',
        ref: REF.ptr,
        data: { addresses: unconfirmed.map((p) => ({ address: p.address, names: p.names })) },
      }),
    );
  }
  return out;
}

function mxFailure(answer: DnsAnswer): Failure {
  return {
    name: answer.name,
    type: 'MX',
    outcome: answer.outcome,
    ...(answer.error ? { error: answer.error } : {}),
  };
}

/** DNS gave more than mailflow diagnoses: say what was left out. */
export function checkTruncated(lookup: Pick<MxReport['lookup'], 'truncated'>): Finding[] {
  const t = lookup.truncated;
  if (!t) return [];
  const hosts = t.exchangers - t.exchangersKept;
  const parts = [
    ...(hosts > 0
      ? [
          `${t.exchangers} exchangers are published; only the first ${t.exchangersKept} by preference were checked`,
        ]
      : []),
    ...(t.addressesDropped > 0
      ? [
          `${t.addressesDropped} address(es) beyond the first ${MX_LIMITS.addressesPerHost} of a host were not checked`,
        ]
      : []),
  ];
  return [
    finding('mx.truncated', hosts > 0 ? 'warn' : 'info', {
      title: `Not everything published was checked: ${parts.join('; ')}`,
      detail: `mailflow diagnoses at most ${MX_LIMITS.exchangers} exchangers per domain and ${MX_LIMITS.addressesPerHost} addresses per exchanger; the rest were not resolved, probed or judged. Sending MTAs also try only the first few, so the ones left out rarely receive mail.`,
      fix:
        hosts > 0
          ? 'Publish a handful of MX records (two to five is usual); drop the rest.'
          : 'Nothing to fix if the addresses are intended; the first ones were checked.',
      ref: REF.truncated,
      data: t,
    }),
  ];
}

/** The MX answer → findings (pure); `mailflow mx` and the mx group of `check` both call it. */
export function judge(report: MxReport): Finding[] {
  const { lookup, domain } = report;
  const server = lookup.server;
  if (lookup.outcome === 'nxdomain') {
    return [
      finding('mx.nxdomain', 'fail', {
        title: `${domain} does not exist (NXDOMAIN)`,
        detail: `${server} says there is no such domain, so mail to it bounces (5.1.2 / 5.4.4).${lookup.cnameChain.length ? ` It is an alias of ${list(lookup.cnameChain)}, which does not exist.` : ''}`,
        fix: 'Check the spelling; if the domain is yours, check its registration and delegation (NS records at the registry) and that your DNS server serves the zone.',
        ref: REF.nxdomain,
      }),
    ];
  }
  if (lookup.outcome !== 'ok' && lookup.outcome !== 'nodata') {
    return [dnsError(server, [mxFailure(lookup.answer)], `the MX question for ${domain}`)];
  }
  const out: Finding[] = [];
  const exchangers = lookup.exchangers;
  const failures = exchangers.flatMap(lookupFailures);
  if (lookup.implicit) {
    const fallback = exchangers[0];
    const addrs = fallback?.addresses ?? [];
    out.push(
      finding('mx.none', 'warn', {
        title: addrs.length
          ? `No MX records; mail falls back to ${domain}'s own address (${list(addrs)})`
          : `No MX records, and ${domain} has no A/AAAA address to fall back to`,
        detail: addrs.length
          ? 'Senders use the domain itself as an implicit MX. That works only if a mail server listens on that address; it is usually a web server.'
          : 'Without MX records or an address, senders have nowhere to deliver: mail to this domain bounces.',
        fix: `Publish an MX record for ${domain} naming your mail server (e.g. "${domain}. MX 10 mail.${domain}."), or a null MX ("MX 0 .") if the domain sends and receives no mail.`,
        ref: REF.implicit,
        data: { fallbackAddresses: addrs },
      }),
    );
  } else if (lookup.nullMx) {
    out.push(
      finding('mx.null', 'fail', {
        title: `${domain} publishes a null MX ("MX 0 ."): it accepts no mail`,
        detail: `Senders bounce mail to this domain immediately.${exchangers.length ? ` It also lists ${list(exchangers.map((e) => e.host))}, which RFC 7505 forbids next to a null MX.` : ''}`,
        fix: 'If the domain should receive mail, replace the null MX with MX records naming your mail servers; if not, nothing to do (and remove any other MX records).',
        ref: REF.nullMx,
      }),
    );
  }
  out.push(...checkTruncated(lookup));
  if (!lookup.implicit) out.push(...checkNames(exchangers), ...checkResolution(exchangers, report.family));
  out.push(...checkAddresses(domain, exchangers), ...checkPtr(server, report.ptrs));
  if (failures.length) out.push(dnsError(server, failures, `some questions about ${domain}`));
  const real = !lookup.implicit && !lookup.nullMx && exchangers.length > 0;
  if (real && exchangers.length === 1) {
    out.push(
      finding('mx.single', 'info', {
        title: `Only one mail exchanger: ${exchangers[0]!.host}`,
        detail:
          'When it is down or unreachable, senders queue and retry (for days) instead of delivering to a backup.',
        fix: 'Optional: add a second MX record at a higher preference pointing to a backup server on another network.',
        ref: REF.single,
      }),
    );
  }
  if (real && exchangers.every((e) => e.addresses.length > 0 && !e.cname && !e.ipLiteral)) {
    out.push(
      finding('mx.ok', 'ok', {
        title: `${exchangers.length} mail exchanger${exchangers.length > 1 ? 's' : ''} found; every one resolves`,
        detail: exchangers.map((e) => `${e.preference} ${e.host} (${list(e.addresses)})`).join('; '),
        fix: '',
        ref: REF.nslookup,
      }),
    );
  }
  return out;
}

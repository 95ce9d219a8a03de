// The spf group's judgement (RFC 7208): is there exactly one record, is it valid, does it stay
// within the lookup limits, and does it actually say who may send. Pure: gather.ts walked it.
import { type Finding, finding } from '../../findings/model.js';
import { txtLookupFailed } from '../shared/txt-failed.js';
import type { SpfTermCost, SpfWalk } from './gather.js';
import { LOOKUP_LIMIT, VOID_LIMIT } from './parse.js';

export const SPOOF_REF = 'Book ch. 6, Identifying Spoofed Mail';

/** What `check --json` shows under data.spf: the totals and what each term costs, through its includes. */
export function spfJson(w: SpfWalk) {
  return { record: w.record ?? null, lookups: w.lookups, voids: w.voids, includes: w.nodes, terms: w.costs };
}

/** Every costed term, depth first, with the chain of includes that leads to it. */
function flatten(costs: readonly SpfTermCost[], via: string[] = []): { cost: SpfTermCost; via: string[] }[] {
  return costs.flatMap((cost) => [{ cost, via }, ...flatten(cost.terms ?? [], [...via, cost.term])]);
}

/** "include:a.example (4), mx (1), …": the top record's terms, dearest first. */
function costList(costs: readonly SpfTermCost[]): string {
  return [...costs]
    .sort((a, b) => b.lookups - a.lookups)
    .map((c) => `${c.term} ${c.lookups}`)
    .join(', ');
}

/** The terms whose own lookup was void, each with the includes that lead to it. */
function voidList(costs: readonly SpfTermCost[]): string {
  return flatten(costs)
    .filter((x) => x.cost.void)
    .map((x) => (x.via.length ? `${x.cost.term} (via ${x.via.join(' → ')})` : x.cost.term))
    .join(', ');
}

/** The walk → findings. Pure: gather.ts (walkSpf) did the DNS. */
export function judge(w: SpfWalk): Finding[] {
  const out: Finding[] = [];
  const d = w.domain;
  if (w.outcome === 'dns-error') {
    return [txtLookupFailed('spf.dns-error', d, w.dnsError, 'RFC 7208 §4.4', `the SPF record of ${d}`)];
  }
  if (w.outcome === 'none') {
    return [
      finding('spf.none', 'warn', {
        title: `${d} publishes no SPF record`,
        detail:
          'Receivers cannot tell which servers may send mail as this domain, so forged senders in it pass unchallenged, and large mailbox providers increasingly reject or junk such mail.',
        fix: `Publish a TXT record at ${d} listing your outbound servers, e.g. "v=spf1 mx -all" (or "v=spf1 -all" if the domain sends no mail).`,
        ref: `RFC 7208 §3; ${SPOOF_REF}`,
      }),
    ];
  }
  if (w.outcome === 'multiple') {
    return [
      finding('spf.multiple', 'fail', {
        title: `${d} publishes ${w.nodes.length} SPF records`,
        detail: `Receivers treat more than one "v=spf1" record as a permanent error, so SPF fails for all mail from ${d}: ${w.nodes.map((n) => `"${n.record}"`).join(', ')}.`,
        fix: 'Merge them into a single TXT record beginning with v=spf1.',
        ref: 'RFC 7208 §4.5',
      }),
    ];
  }
  const rec = `"${w.record}"`;
  if (w.syntax.length > 0) {
    out.push(
      finding('spf.syntax', 'fail', {
        title: 'SPF record has syntax errors',
        detail: `${w.syntax.join('; ')}. Receivers return permerror for the whole policy.`,
        fix: 'Correct the terms named above (mechanisms are all, include, a, mx, ptr, ip4, ip6, exists; modifiers are name=value).',
        ref: 'RFC 7208 §4.6, §5',
        data: { errors: w.syntax },
      }),
    );
  }
  if (w.lookups > LOOKUP_LIMIT) {
    out.push(
      finding('spf.too-many-lookups', 'fail', {
        title: `SPF needs ${w.lookups > 40 ? 'more than 40' : w.lookups} DNS lookups (limit ${LOOKUP_LIMIT})`,
        detail: `Counting include, a, mx, ptr, exists and redirect across every included record, evaluation exceeds 10 lookups, so receivers stop with permerror and SPF fails. Lookups per term: ${costList(w.costs)}.`,
        fix: 'Remove unused includes, replace a/mx terms with ip4/ip6 ranges, or ask providers for flatter records.',
        ref: 'RFC 7208 §4.6.4',
        data: { lookups: w.lookups, terms: w.costs.map((c) => ({ term: c.term, lookups: c.lookups })) },
      }),
    );
  }
  if (w.voids > VOID_LIMIT) {
    out.push(
      finding('spf.void-lookups', 'fail', {
        title: `SPF causes ${w.voids} void DNS lookups (limit ${VOID_LIMIT})`,
        detail: `Lookups that find nothing (NXDOMAIN or no records): ${voidList(w.costs)}. After two, receivers return permerror.`,
        fix: 'Delete include/a/mx/exists terms whose targets no longer exist, or publish the records they expect.',
        ref: 'RFC 7208 §4.6.4',
        data: { voids: w.voids },
      }),
    );
  }
  if (w.missing.length > 0 || w.loops.length > 0) {
    out.push(
      finding('spf.include-broken', 'fail', {
        title: 'SPF includes a domain without a usable SPF record',
        detail: `${[...w.missing, ...w.loops.map((l) => `loop ${l}`)].join('; ')}. An include or redirect to such a name is a permanent error.`,
        fix: 'Remove the include, or fix the target (providers document the exact include to use).',
        ref: 'RFC 7208 §5.2, §6.1',
        data: { missing: w.missing, loops: w.loops },
      }),
    );
  }
  const all = w.finalAll;
  if (all === '+') {
    out.push(
      finding('spf.pass-all', 'fail', {
        title: 'SPF ends in "+all": every server on the Internet may send as this domain',
        detail: `${rec} authorises any sender, which is the same as no protection against spoofing.`,
        fix: 'End the record with "-all" (or "~all" while testing).',
        ref: `RFC 7208 §5.1; ${SPOOF_REF}`,
      }),
    );
  } else if (all === '?' || (all === undefined && w.missing.length === 0)) {
    out.push(
      finding('spf.neutral', 'info', {
        title: `SPF has ${all === '?' ? '"?all"' : 'no "all" term'}: unlisted senders are neutral`,
        detail: `${rec} does not say that other servers are unauthorised, so forged mail is not marked as failing SPF.`,
        fix: 'End the record with "-all" once every legitimate sender is listed ("~all" while unsure).',
        ref: `RFC 7208 §4.7, §8.2; ${SPOOF_REF}`,
      }),
    );
  }
  if (w.ptr) {
    out.push(
      finding('spf.ptr', 'info', {
        title: 'SPF uses the "ptr" mechanism',
        detail: 'ptr is slow, unreliable and deprecated; some receivers ignore it.',
        fix: 'Replace ptr with ip4/ip6 ranges or a/mx terms.',
        ref: 'RFC 7208 §5.5',
      }),
    );
  }
  if (w.macros.length > 0) {
    out.push(
      finding('spf.macros', 'info', {
        title: 'SPF uses macros; those branches were counted but not followed',
        detail: `${w.macros.join('; ')}. Their lookups depend on each message's sender and IP.`,
        fix: 'Test those branches with a real message from each sending service and read the Received-SPF header (or the receiver’s SPF result) to confirm they pass within 10 lookups.',
        ref: 'RFC 7208 §7',
      }),
    );
  }
  if (w.dnsError) {
    out.push(
      finding('spf.dns-error', 'unknown', {
        title: 'Part of the SPF policy could not be looked up',
        detail: `${w.dnsError}. Receivers would get a temperror for some mail.`,
        fix: 'Check the DNS servers of the included domain.',
        ref: 'RFC 7208 §2.6.6',
      }),
    );
  }
  if (out.every((f) => f.severity === 'ok' || f.severity === 'info')) {
    out.unshift(
      finding('spf.ok', 'ok', {
        title: `SPF record found; ${w.lookups} of ${LOOKUP_LIMIT} DNS lookups used`,
        detail: `${rec}${w.costs.length ? `; lookups per term: ${costList(w.costs)}` : ''}${w.voids ? `; ${w.voids} void (${voidList(w.costs)})` : ''}`,
        fix: '',
        ref: 'RFC 7208',
        data: { record: w.record, lookups: w.lookups, voids: w.voids },
      }),
    );
  }
  return out;
}

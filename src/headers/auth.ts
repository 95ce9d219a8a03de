// The message's authentication results gathered from every writer, labelled by who wrote them,
// and DMARC alignment recomputed from From: and the SPF/DKIM identities (RFC 9989 §3.2).
import type { Headers } from '../ndr/mime/headers.js';
import { type AuthResults, parseAuthResults, parseReceivedSpf } from './auth-results.js';
import { domainOfAddress, orgDomain } from './domain.js';

export interface AuthEntry extends AuthResults {
  /** Whether the writer is one the user said to trust (--trust), or null when no --trust was given. */
  trusted: boolean | null;
}

export interface Alignment {
  fromDomain: string | null;
  spfDomain: string | null;
  spfResult: string | null;
  spfAligned: boolean | null;
  dkimDomains: { domain: string; result: string; aligned: boolean }[];
  /** true: some passing identifier aligns (relaxed); false: none does; null: not enough data. */
  aligned: boolean | null;
  /** The DMARC result the chosen writer reported, if any. */
  reported: string | null;
  /** Whose results were used. */
  writer: string | null;
}

export const MAX_AUTH_FIELDS = 50;

export function gatherAuth(h: Headers, trust: string[]): AuthEntry[] {
  const t = trust.map((x) => x.toLowerCase());
  const label = (a: AuthResults): AuthEntry => ({
    ...a,
    trusted: t.length ? a.authservId !== null && t.includes(a.authservId) : null,
  });
  return [
    ...h
      .getAll('authentication-results')
      .slice(0, MAX_AUTH_FIELDS)
      .map((v, i) => label(parseAuthResults(v, 'Authentication-Results', i))),
    ...h
      .getAll('arc-authentication-results')
      .slice(0, MAX_AUTH_FIELDS)
      .map((v, i) => label(parseAuthResults(v, 'ARC-Authentication-Results', i))),
    ...h
      .getAll('received-spf')
      .slice(0, MAX_AUTH_FIELDS)
      .map((v, i) => label(parseReceivedSpf(v, i))),
  ];
}

/**
 * The results to judge by: the topmost Authentication-Results of a trusted writer, or without
 * --trust the topmost one (written by the last receiving server — the one closest to the reader).
 */
export function chosenResults(entries: AuthEntry[]): AuthEntry | null {
  const ar = entries.filter((e) => e.header === 'Authentication-Results');
  const pool = ar.some((e) => e.trusted !== null) ? ar.filter((e) => e.trusted) : ar;
  return pool[0] ?? null;
}

function aligns(a: string | null, b: string | null): boolean {
  if (!a || !b) return false;
  return orgDomain(a) !== null && orgDomain(a) === orgDomain(b);
}

export function alignment(h: Headers, entries: AuthEntry[]): Alignment {
  const fromDomain = domainOfAddress(h.get('from'));
  const chosen = chosenResults(entries);
  const spfM = chosen?.methods.find((m) => m.method === 'spf');
  const spfFromReceived = entries.find((e) => e.header === 'Received-SPF' && e.trusted !== false)?.methods[0];
  const spf = spfM ?? spfFromReceived;
  const spfDomain = domainOfAddress(spf?.props['smtp.mailfrom'] ?? spf?.props['smtp.helo'] ?? null);
  const dkimDomains = (chosen?.methods ?? [])
    .filter((m) => m.method === 'dkim' && /\./.test(m.props['header.d'] ?? m.props['header.i'] ?? ''))
    .map((m) => {
      const domain = (m.props['header.d'] ?? domainOfAddress(m.props['header.i']) ?? '').toLowerCase();
      return { domain, result: m.result, aligned: aligns(domain, fromDomain) };
    });
  const spfAligned = spf && spfDomain ? aligns(spfDomain, fromDomain) : null;
  const passing =
    (spf?.result === 'pass' && spfAligned === true) ||
    dkimDomains.some((d) => d.result === 'pass' && d.aligned);
  const known = fromDomain !== null && (spf !== undefined || dkimDomains.length > 0);
  return {
    fromDomain,
    spfDomain,
    spfResult: spf?.result ?? null,
    spfAligned,
    dkimDomains,
    aligned: known ? passing : null,
    reported: chosen?.methods.find((m) => m.method === 'dmarc')?.result ?? null,
    writer: chosen ? (chosen.authservId ?? '(no authserv-id)') : spfFromReceived ? 'Received-SPF' : null,
  };
}

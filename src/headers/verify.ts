// DKIM signatures verified again and the ARC chain validated, with the `mailauth` library doing the
// cryptography and mailflow's own DNS client answering its key lookups (so --dns applies).
import type { Resolver } from '../dns/types.js';

export interface DkimCheck {
  domain: string;
  selector: string | null;
  /** pass, fail, neutral, temperror, permerror, policy, none. */
  result: string;
  /** Why, in mailauth's words (body hash did not verify, no key, …). */
  comment: string | null;
  aligned: boolean | null;
}

export interface ArcCheck {
  /** pass, fail, none. */
  result: string;
  instance: number | null;
  comment: string | null;
}

export interface Verification {
  dkim: DkimCheck[];
  arc: ArcCheck;
}

type Err = Error & { code?: string };

function dnsError(code: string, message: string): Err {
  const e: Err = new Error(message);
  e.code = code;
  return e;
}

/** mailauth's resolver contract (like node's dns.resolve): TXT → string[][], errors with ENOTFOUND/ENODATA codes. */
export function mailauthResolver(
  resolver: Resolver,
): (name: string, type: string) => Promise<string[][] | string[]> {
  return async (name, type) => {
    const rr = type.toUpperCase();
    if (rr !== 'TXT' && rr !== 'A' && rr !== 'AAAA' && rr !== 'MX' && rr !== 'PTR')
      throw dnsError('ENOTIMP', `${rr} lookups are not needed here`);
    const a = await resolver.query(name, rr);
    if (a.outcome === 'nxdomain') throw dnsError('ENOTFOUND', `${name} does not exist`);
    if (a.outcome === 'nodata') throw dnsError('ENODATA', `${name} has no ${rr} record`);
    if (a.outcome !== 'ok')
      throw dnsError('ETIMEOUT', a.error ?? `${rr} lookup for ${name} failed (${a.outcome})`);
    if (rr === 'TXT') return a.answers.map((r) => r.txt ?? [r.value]);
    return a.answers.map((r) => r.exchange ?? r.value);
  };
}

interface MailauthDkimResult {
  signingDomain?: string;
  selector?: string;
  status?: { result?: string; comment?: string; aligned?: string | boolean };
}

/** Verify every DKIM-Signature and the ARC chain of `message` (the whole message, as bytes). */
export async function verifyMessage(message: Buffer, resolver: Resolver): Promise<Verification> {
  // CommonJS modules: named exports under Node, under `default` once bundled.
  const v = await import('mailauth/lib/dkim/verify.js');
  const a = await import('mailauth/lib/arc/index.js');
  const dkimVerify = v.dkimVerify ?? (v as unknown as { default: typeof v }).default.dkimVerify;
  const arc = a.arc ?? (a as unknown as { default: typeof a }).default.arc;
  const res = mailauthResolver(resolver);
  const dkim = await dkimVerify(message, { resolver: res });
  const checks: DkimCheck[] = ((dkim.results ?? []) as MailauthDkimResult[])
    .filter((r) => r.signingDomain)
    .map((r) => ({
      domain: r.signingDomain!,
      selector: r.selector ?? null,
      result: r.status?.result ?? 'none',
      comment: r.status?.comment ?? null,
      aligned: r.status?.aligned === undefined ? null : Boolean(r.status.aligned),
    }));
  const arcData = (dkim as unknown as { arc?: unknown }).arc;
  let arcCheck: ArcCheck = { result: 'none', instance: null, comment: null };
  if (arcData) {
    const ar = (await arc(arcData as never, { resolver: res })) as {
      i?: number | false;
      status?: { result?: string; comment?: string };
    };
    arcCheck = {
      result: ar.status?.result ?? 'none',
      instance: typeof ar.i === 'number' ? ar.i : null,
      comment: ar.status?.comment ?? null,
    };
  }
  return { dkim: checks.filter((c) => c.result !== 'none' || c.domain), arc: arcCheck };
}

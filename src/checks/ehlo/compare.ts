// Compare advertised extensions with a profile's verbs (and --expect). Pure.
import type { Extension } from '../../smtp/extensions.js';
import type { Profile, VerbRule } from './profiles.js';

export interface Comparison {
  /** Required verbs (profile + --expect) that are not advertised. */
  missing: string[];
  /** Optional verbs of the profile that are not advertised. */
  optionalMissing: VerbRule[];
  /** Required verbs that are advertised. */
  present: string[];
}

/** "X-EXPS GSSAPI" matches the keyword X-EXPS advertised with (at least) the parameter GSSAPI. */
export function offers(extensions: readonly Extension[], spec: string): boolean {
  const [keyword = '', ...params] = spec.trim().toUpperCase().split(/\s+/);
  return extensions.some((e) => {
    if (e.keyword !== keyword) return false;
    const have = new Set(e.params.map((p) => p.toUpperCase()));
    return params.every((p) => have.has(p));
  });
}

function ruleMet(extensions: readonly Extension[], rule: VerbRule): boolean {
  return [rule.verb, ...(rule.aliases ?? [])].some((v) => offers(extensions, v));
}

export function compareVerbs(
  extensions: readonly Extension[],
  profile: Profile,
  expect: readonly string[] = [],
): Comparison {
  const rules: VerbRule[] = [
    ...profile.verbs,
    ...expect.map((verb) => ({ verb: verb.trim(), required: true, why: 'asked for with --expect' })),
  ];
  // One rule per verb; --expect makes an optional profile verb required.
  const merged = new Map<string, VerbRule>();
  for (const r of rules) {
    const key = r.verb.toUpperCase();
    const prev = merged.get(key);
    if (!prev) merged.set(key, r);
    else if (r.required && !prev.required) merged.set(key, { ...prev, required: true });
  }
  const missing: string[] = [];
  const present: string[] = [];
  const optionalMissing: VerbRule[] = [];
  for (const r of merged.values()) {
    const ok = ruleMet(extensions, r);
    if (r.required) (ok ? present : missing).push(r.verb);
    else if (!ok) optionalMissing.push(r);
  }
  return { missing, optionalMissing, present };
}

/** An SMTP-inspecting firewall (e.g. Cisco PIX/ASA) replaces what it does not know with X's or *'s. */
export function looksMasked(banner: string, extensions: readonly Extension[]): boolean {
  return /^\d{3}[ -]?\*{4,}/.test(banner) || extensions.some((e) => /^X{4,}/.test(e.keyword));
}

// MTA-STS syntax (RFC 8461): the _mta-sts TXT record (§3.1), the policy file (§3.2),
// and matching MX host names against the policy's mx: patterns (§4.1). Pure.
import { normName } from '../shared/txt-lookup.js';

export const POLICY_MAX_BYTES = 64 * 1024;
/** RFC 8461 §3.2: max_age is at most 31557600 seconds (about a year). */
export const MAX_AGE_LIMIT = 31_557_600;

export interface StsRecord {
  id?: string;
  errors: string[];
}

export function isStsRecord(text: string): boolean {
  return /^v=STSv1\s*(;|$)/.test(text.trim());
}

export function parseStsRecord(text: string): StsRecord {
  const errors: string[] = [];
  const fields = text
    .split(';')
    .map((f) => f.trim())
    .filter(Boolean);
  let id: string | undefined;
  fields.forEach((f, i) => {
    const m = /^([A-Za-z0-9_.-]+)=([\x21-\x3a\x3c\x3e-\x7e]*)$/.exec(f);
    if (!m) {
      errors.push(`"${f}" is not field=value`);
      return;
    }
    if (i === 0 && f !== 'v=STSv1') errors.push('v=STSv1 must come first');
    if (m[1] === 'id') {
      if (id !== undefined) errors.push('id= appears twice');
      id = m[2]!;
      if (!/^[A-Za-z0-9]{1,32}$/.test(id)) errors.push(`id=${id} must be 1–32 letters or digits`);
    }
  });
  if (id === undefined) errors.push('the required id= field is missing');
  return { ...(id !== undefined ? { id } : {}), errors };
}

export type StsMode = 'enforce' | 'testing' | 'none';

export interface StsPolicy {
  version?: string;
  mode?: StsMode;
  mx: string[];
  maxAge?: number;
  errors: string[];
}

export function parseStsPolicy(text: string): StsPolicy {
  const errors: string[] = [];
  const policy: StsPolicy = { mx: [], errors };
  const seen = new Set<string>();
  // Lines end in CRLF, but LF alone is common and accepted by senders.
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) continue;
    const m = /^([A-Za-z0-9_.-]+)\s*:\s*(.*)$/.exec(line);
    if (!m) {
      errors.push(`"${line.slice(0, 60)}" is not key: value`);
      continue;
    }
    const key = m[1]!;
    const value = m[2]!.trim();
    if (key !== 'mx' && seen.has(key)) errors.push(`${key}: appears twice`);
    seen.add(key);
    if (key === 'version') policy.version = value;
    else if (key === 'mode') {
      if (value === 'enforce' || value === 'testing' || value === 'none') policy.mode = value;
      else errors.push(`mode: ${value} is not enforce, testing or none`);
    } else if (key === 'max_age') {
      if (/^\d{1,10}$/.test(value) && Number(value) <= MAX_AGE_LIMIT) policy.maxAge = Number(value);
      else errors.push(`max_age: ${value} is not 0–${MAX_AGE_LIMIT} seconds`);
    } else if (key === 'mx') {
      if (
        /^(\*\.)?[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*\.?$/.test(
          value,
        )
      ) {
        policy.mx.push(normName(value));
      } else errors.push(`mx: ${value} is not a host name or *.pattern`);
    }
  }
  if (policy.version !== 'STSv1')
    errors.push(policy.version ? `version: ${policy.version} is not STSv1` : 'version: STSv1 is missing');
  if (!policy.mode && !errors.some((e) => e.startsWith('mode:'))) errors.push('mode: is missing');
  if (policy.maxAge === undefined && !errors.some((e) => e.startsWith('max_age:')))
    errors.push('max_age: is missing');
  if (policy.mx.length === 0 && policy.mode !== 'none')
    errors.push('no mx: lines (required unless mode is none)');
  return policy;
}

/** A `*.` pattern matches exactly one extra leftmost label (RFC 8461 §4.1). */
export function mxMatches(pattern: string, host: string): boolean {
  const p = normName(pattern);
  const h = normName(host);
  if (!p.startsWith('*.')) return p === h;
  const dot = h.indexOf('.');
  return dot > 0 && h.slice(dot + 1) === p.slice(2);
}

export function unmatchedMx(patterns: string[], hosts: string[]): string[] {
  return hosts.filter((h) => !patterns.some((p) => mxMatches(p, h)));
}

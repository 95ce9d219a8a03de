// DMARC policy record syntax (RFC 9989 §4.7, §4.8). Pure: text in, tags, problems and notes out.
// A receiver ignores unknown tags and falls back to defaults for bad values, so only a bad p=
// (or sp=/np=) can cost the record its effect; everything else is a note for the owner.

export type DmarcPolicy = 'none' | 'quarantine' | 'reject';
const POLICIES = new Set(['none', 'quarantine', 'reject']);

/** Tags RFC 9989 defines (its IANA registry, §9.3). */
export const KNOWN_TAGS = new Set(['v', 'p', 'sp', 'np', 'psd', 't', 'adkim', 'aspf', 'fo', 'rua', 'ruf']);
/** Tags RFC 7489 had and RFC 9989 removed (Appendix C.5.2). */
export const REMOVED_TAGS = ['pct', 'rf', 'ri'] as const;

export interface DmarcRecord {
  tags: Record<string, string>;
  /** p= as published; undefined when absent or invalid (see pInvalid). */
  p?: DmarcPolicy;
  sp?: DmarcPolicy;
  np?: DmarcPolicy;
  /** psd=y: a public suffix domain; n: an organisational domain; u (default): decide by tree walk. */
  psd: 'y' | 'n' | 'u';
  /** t=y: testing, the policy is applied one step more leniently (RFC 9989 §4.7). */
  testing: boolean;
  rua: string[];
  ruf: string[];
  adkim: 'r' | 's';
  aspf: 'r' | 's';
  /** A p=, sp= or np= value that is not none/quarantine/reject (RFC 9989 §4.10.1 then decides). */
  policyInvalid: boolean;
  /** rua= holds at least one URI a receiver could use. */
  ruaUsable: boolean;
  /** Removed tags still present, with their values (pct, rf, ri). */
  removed: Record<string, string>;
  /** Tags not in RFC 9989's registry: receivers ignore them. */
  unknown: string[];
  /** Values receivers discard in favour of defaults, and other mistakes. */
  errors: string[];
}

/** A record a receiver takes as DMARC: starts with the case-sensitive tag v=DMARC1 (RFC 9989 §4.7). */
export function isDmarcRecord(text: string): boolean {
  return /^v\s*=\s*DMARC1\s*(;|$)/.test(text.trim());
}

function uris(value: string, tag: string, errors: string[]): { list: string[]; usable: number } {
  const list = value
    .split(',')
    .map((u) => u.trim())
    .filter(Boolean);
  let usable = 0;
  for (const u of list) {
    // An obsolete size limit may follow the URI, e.g. mailto:a@b.example!10m (receivers ignore it).
    if (!/^[a-z][a-z0-9+.-]*:[^\s!]+(![0-9]+[kmgt]?)?$/i.test(u)) errors.push(`${tag}: "${u}" is not a URI`);
    else if (!/^mailto:/i.test(u))
      errors.push(`${tag}: "${u}" is not a mailto: URI (receivers need only support mailto:)`);
    else usable++;
  }
  return { list, usable };
}

export function parseDmarc(text: string): DmarcRecord {
  const errors: string[] = [];
  const tags: Record<string, string> = {};
  const parts = text
    .split(';')
    .map((p) => p.trim())
    .filter(Boolean);
  for (const part of parts) {
    const m = /^([A-Za-z]+)\s*=\s*(.*)$/.exec(part);
    if (!m) {
      errors.push(`"${part}" is not tag=value`);
      continue;
    }
    const tag = m[1]!.toLowerCase();
    if (tag in tags) errors.push(`tag "${tag}" appears twice`);
    tags[tag] = m[2]!.trim();
  }
  const rec: DmarcRecord = {
    tags,
    psd: 'u',
    testing: false,
    rua: [],
    ruf: [],
    adkim: 'r',
    aspf: 'r',
    policyInvalid: false,
    ruaUsable: false,
    removed: {},
    unknown: [],
    errors,
  };
  for (const tag of ['p', 'sp', 'np'] as const) {
    const v = tags[tag];
    if (v === undefined) continue;
    if (POLICIES.has(v.toLowerCase())) rec[tag] = v.toLowerCase() as DmarcPolicy;
    else {
      rec.policyInvalid = true;
      errors.push(`${tag}=${v} is not none, quarantine or reject`);
    }
  }
  const flag = <T extends string>(tag: string, allowed: readonly T[], set: (v: T) => void) => {
    const v = tags[tag];
    if (v === undefined) return;
    const lower = v.toLowerCase() as T;
    if (allowed.includes(lower)) set(lower);
    else errors.push(`${tag}=${v} is not ${allowed.join(' or ')}; receivers use the default`);
  };
  flag('psd', ['y', 'n', 'u'] as const, (v) => {
    rec.psd = v;
  });
  flag('t', ['y', 'n'] as const, (v) => {
    rec.testing = v === 'y';
  });
  flag('adkim', ['r', 's'] as const, (v) => {
    rec.adkim = v;
  });
  flag('aspf', ['r', 's'] as const, (v) => {
    rec.aspf = v;
  });
  if (tags.rua !== undefined) {
    const r = uris(tags.rua, 'rua', errors);
    rec.rua = r.list;
    rec.ruaUsable = r.usable > 0;
  }
  if (tags.ruf !== undefined) rec.ruf = uris(tags.ruf, 'ruf', errors).list;
  for (const tag of REMOVED_TAGS) if (tags[tag] !== undefined) rec.removed[tag] = tags[tag]!;
  rec.unknown = Object.keys(tags).filter(
    (t) => !KNOWN_TAGS.has(t) && !(REMOVED_TAGS as readonly string[]).includes(t),
  );
  return rec;
}

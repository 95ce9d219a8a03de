// DMARC record syntax (RFC 7489 §6.3, §6.4). Pure: text in, tags and errors out.

export type DmarcPolicy = 'none' | 'quarantine' | 'reject';
const POLICIES = new Set(['none', 'quarantine', 'reject']);

export interface DmarcRecord {
  tags: Record<string, string>;
  p?: DmarcPolicy;
  sp?: DmarcPolicy;
  pct: number;
  rua: string[];
  ruf: string[];
  adkim: 'r' | 's';
  aspf: 'r' | 's';
  errors: string[];
}

export function isDmarcRecord(text: string): boolean {
  return /^v\s*=\s*DMARC1\s*(;|$)/.test(text.trim());
}

function uris(value: string, tag: string, errors: string[]): string[] {
  const list = value
    .split(',')
    .map((u) => u.trim())
    .filter(Boolean);
  for (const u of list) {
    // A size limit may follow the URI, e.g. mailto:a@b.example!10m.
    if (!/^[a-z][a-z0-9+.-]*:[^\s!]+(![0-9]+[kmgt]?)?$/i.test(u)) errors.push(`${tag}: "${u}" is not a URI`);
    else if (!/^mailto:/i.test(u))
      errors.push(`${tag}: "${u}" is not a mailto: URI (receivers only send reports by mail)`);
  }
  return list;
}

export function parseDmarc(text: string): DmarcRecord {
  const errors: string[] = [];
  const tags: Record<string, string> = {};
  const parts = text
    .split(';')
    .map((p) => p.trim())
    .filter(Boolean);
  parts.forEach((part, i) => {
    const m = /^([A-Za-z]+)\s*=\s*(.*)$/.exec(part);
    if (!m) {
      errors.push(`"${part}" is not tag=value`);
      return;
    }
    const tag = m[1]!.toLowerCase();
    if (i === 0 && tag !== 'v') errors.push('v=DMARC1 must be the first tag');
    if (tag in tags) errors.push(`tag "${tag}" appears twice`);
    tags[tag] = m[2]!.trim();
  });
  const rec: DmarcRecord = { tags, pct: 100, rua: [], ruf: [], adkim: 'r', aspf: 'r', errors };
  const policy = (tag: 'p' | 'sp') => {
    const v = tags[tag];
    if (v === undefined) return;
    if (POLICIES.has(v.toLowerCase())) rec[tag] = v.toLowerCase() as DmarcPolicy;
    else errors.push(`${tag}=${v} is not none, quarantine or reject`);
  };
  policy('p');
  policy('sp');
  if (tags.p === undefined) errors.push('the required p= tag is missing');
  if (tags.pct !== undefined) {
    const n = /^\d{1,3}$/.test(tags.pct) ? Number(tags.pct) : Number.NaN;
    if (!(n >= 0 && n <= 100)) errors.push(`pct=${tags.pct} is not 0–100`);
    else rec.pct = n;
  }
  for (const tag of ['adkim', 'aspf'] as const) {
    const v = tags[tag];
    if (v === undefined) continue;
    if (v === 'r' || v === 's') rec[tag] = v;
    else errors.push(`${tag}=${v} is not r or s`);
  }
  if (tags.rua !== undefined) rec.rua = uris(tags.rua, 'rua', errors);
  if (tags.ruf !== undefined) rec.ruf = uris(tags.ruf, 'ruf', errors);
  if (tags.ri !== undefined && !/^\d+$/.test(tags.ri))
    errors.push(`ri=${tags.ri} is not a number of seconds`);
  return rec;
}

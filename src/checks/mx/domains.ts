// What users type as "a domain": plain names, trailing dots, e-mail addresses, IDNs; and
// domain lists (--file): one per line, # comments, blank lines ignored.
import { ipFamily } from '../../dns/addr.js';
import { UsageError } from '../../findings/errors.js';

/** The domain part of an input ("user@Example.COM." → "example.com"); throws UsageError when unusable. */
export function normalizeDomain(input: string, where = 'domain'): string {
  if (/[\0-\x1f\x7f]/.test(input)) throw new UsageError(`${where} contains control characters; refusing it`);
  let d = input.trim();
  if (d.includes('@')) d = d.slice(d.lastIndexOf('@') + 1);
  d = d.replace(/\.$/, '').toLowerCase();
  if (d === '' || d.length > 253 || /\s|\.\.|^\./.test(d) || d.split('.').some((l) => l.length > 63)) {
    throw new UsageError(`${where} '${input.trim()}' is not a domain name`);
  }
  if (ipFamily(d.replace(/^\[|\]$/g, ''))) {
    throw new UsageError(
      `${where} '${input.trim()}' is an IP address; mx needs a domain name (try probe for a host)`,
    );
  }
  return d;
}

/** Parse a domain list file; line numbers in errors count from 1. */
export function parseDomainList(text: string, label: string): string[] {
  const out: string[] = [];
  for (const [i, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.replace(/#.*$/, '').trim();
    if (line === '') continue;
    // Tolerate "domain MX" lines as written for `dig -f`.
    const first = line.split(/\s+/)[0]!;
    out.push(normalizeDomain(first, `${label} line ${i + 1}`));
  }
  return out;
}

// What users type as "a domain": plain names, trailing dots, e-mail addresses, IDNs.
// (Domain lists, --file, are read by src/run/domain-list.ts.)
import { parseTarget } from '../../dns/parse-target.js';
import { canonicalName } from '../../dns/wire-name.js';
import { UsageError } from '../../findings/errors.js';

/** The domain part of an input ("user@Example.COM." → "example.com"); throws UsageError when unusable. */
export function normalizeDomain(input: string, where = 'domain'): string {
  if (/[\0-\x1f\x7f]/.test(input)) throw new UsageError(`${where} contains control characters; refusing it`);
  // The same parser as every other command's targets (a port makes no sense for a domain).
  const { host, kind } = parseTarget(input, { label: where, email: true });
  if (kind === 'ip') {
    throw new UsageError(
      `${where} "${input.trim().slice(0, 80)}" is an IP address; mx needs a domain name (try probe for a host)`,
    );
  }
  return canonicalName(host);
}

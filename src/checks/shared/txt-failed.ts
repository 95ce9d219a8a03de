// The finding every TXT-record check (SPF, DMARC, MTA-STS, TLS-RPT) gives when its question got
// no usable answer: nothing can be said about the record, so the verdict is unknown.
import type { FindingId } from '../../catalogue.js';
import { type Finding, finding } from '../../findings/model.js';

export function txtLookupFailed(
  id: Extract<FindingId, `${string}.dns-error`>,
  name: string,
  error: string | undefined,
  ref: string,
  subject = name,
): Finding {
  return finding(id, 'unknown', {
    title: `Could not look up ${subject}`,
    detail: `The TXT query failed: ${error ?? 'DNS error'}.`,
    fix: 'Check that the domain’s DNS servers answer TXT queries, or ask another resolver with --dns.',
    ref,
  });
}

// TLS-RPT (RFC 8460): the _smtp._tls TXT record that tells senders where to report
// TLS failures (MTA-STS and DANE). Parsing is pure; the check adds one lookup.
import { type Finding, finding } from '../../findings/model.js';
import { txtLookupFailed } from '../shared/txt-failed.js';
import { normName, type TxtLookup } from '../shared/txt-lookup.js';

export interface TlsRptRecord {
  rua: string[];
  errors: string[];
}

export function isTlsRptRecord(text: string): boolean {
  return /^v=TLSRPTv1\s*(;|$)/.test(text.trim());
}

export function parseTlsRpt(text: string): TlsRptRecord {
  const errors: string[] = [];
  const rua: string[] = [];
  const fields = text
    .split(';')
    .map((f) => f.trim())
    .filter(Boolean);
  fields.forEach((f, i) => {
    const m = /^([A-Za-z0-9_.-]+)=(.*)$/.exec(f);
    if (!m) {
      errors.push(`"${f}" is not field=value`);
      return;
    }
    if (i === 0 && f !== 'v=TLSRPTv1') errors.push('v=TLSRPTv1 must come first');
    if (m[1] !== 'rua') return;
    if (rua.length > 0) errors.push('rua= appears twice');
    for (const uri of m[2]!.split(',').map((u) => u.trim())) {
      if (/^mailto:[^\s@]+@[^\s@]+$/i.test(uri) || /^https:\/\/[^\s]+$/i.test(uri)) rua.push(uri);
      else errors.push(`rua: "${uri}" is not a mailto: or https: URI`);
    }
  });
  if (rua.length === 0 && !errors.some((e) => e.startsWith('rua')))
    errors.push('the required rua= field is missing');
  return { rua, errors };
}

export async function checkTlsRpt(
  dns: TxtLookup,
  domainIn: string,
): Promise<{ findings: Finding[]; data: { record?: string; rua: string[] } }> {
  const domain = normName(domainIn);
  const name = `_smtp._tls.${domain}`;
  const answer = await dns.txt(name);
  if (answer.outcome === 'error') {
    return {
      data: { rua: [] },
      findings: [txtLookupFailed('tls-rpt.dns-error', name, answer.error, 'RFC 8460 §3')],
    };
  }
  const records = answer.texts.filter(isTlsRptRecord);
  if (records.length === 0) {
    return {
      data: { rua: [] },
      findings: [
        finding('tls-rpt.none', 'info', {
          title: 'No TLS-RPT record: you will not hear about TLS failures',
          detail: `No v=TLSRPTv1 record at ${name}. Senders that fail to negotiate TLS (or an MTA-STS/DANE check) with your exchangers have nowhere to report it.`,
          fix: `Publish TXT ${name} "v=TLSRPTv1; rua=mailto:tlsrpt@${domain}".`,
          ref: 'RFC 8460 §3',
        }),
      ],
    };
  }
  if (records.length > 1) {
    return {
      data: { rua: [] },
      findings: [
        finding('tls-rpt.invalid', 'warn', {
          title: `${name} has ${records.length} v=TLSRPTv1 records`,
          detail: 'Senders ignore TLS-RPT when more than one record is published.',
          fix: 'Merge them into one record (rua= takes a comma-separated list).',
          ref: 'RFC 8460 §3',
        }),
      ],
    };
  }
  const record = records[0]!;
  const parsed = parseTlsRpt(record);
  if (parsed.errors.length > 0) {
    return {
      data: { record, rua: parsed.rua },
      findings: [
        finding('tls-rpt.invalid', 'warn', {
          title: 'TLS-RPT record is malformed',
          detail: `${parsed.errors.join('; ')} ("${record}").`,
          fix: `Publish "v=TLSRPTv1; rua=mailto:tlsrpt@${domain}".`,
          ref: 'RFC 8460 §3',
        }),
      ],
    };
  }
  return {
    data: { record, rua: parsed.rua },
    findings: [
      finding('tls-rpt.ok', 'ok', {
        title: 'TLS-RPT reports go to ' + parsed.rua.join(', '),
        detail: `"${record}"`,
        fix: '',
        ref: 'RFC 8460 §3',
      }),
    ],
  };
}

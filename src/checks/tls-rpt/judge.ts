// The tls-rpt group's judgement: the _smtp._tls TXT answer → findings and data.tlsRpt. Pure.
import { type Finding, finding } from '../../findings/model.js';
import { txtLookupFailed } from '../shared/txt-failed.js';
import type { TlsRptFacts } from './gather.js';
import { isTlsRptRecord, parseTlsRpt } from './parse.js';

export interface TlsRptData {
  record?: string;
  rua: string[];
}

const REF = 'RFC 8460 §3';

export function judge({ domain, name, answer }: TlsRptFacts): { findings: Finding[]; data: TlsRptData } {
  if (answer.outcome === 'error') {
    return { data: { rua: [] }, findings: [txtLookupFailed('tls-rpt.dns-error', name, answer.error, REF)] };
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
          ref: REF,
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
          ref: REF,
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
          ref: REF,
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
        ref: REF,
      }),
    ],
  };
}

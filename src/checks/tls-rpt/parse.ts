// TLS-RPT (RFC 8460): the _smtp._tls TXT record that tells senders where to report
// TLS failures (MTA-STS and DANE). The record's parser, pure; gather.ts looks it up, judge.ts judges it.

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

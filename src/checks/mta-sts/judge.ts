// The mta-sts group's judgement (RFC 8461): the TXT record, the fetched policy, and whether every
// published MX is covered by the policy's mx: patterns. Pure: gather.ts did the DNS and HTTPS.
import { type Finding, finding } from '../../findings/model.js';
import { sanitize } from '../../smtp/reply.js';
import { txtLookupFailed } from '../shared/txt-failed.js';
import type { FetchResult } from './fetch.js';
import type { MtaStsFacts } from './gather.js';
import {
  isStsRecord,
  parseStsPolicy,
  parseStsRecord,
  type StsMode,
  type StsPolicy,
  unmatchedMx,
} from './parse.js';

export interface MtaStsData {
  record?: string;
  id?: string;
  fetch?: FetchResult;
  policy?: StsPolicy;
  /** The mode senders will apply: only a valid policy counts. */
  mode?: StsMode;
  unmatched: string[];
}

const FIX_FETCH: Record<string, string> = {
  dns: 'Publish an A/AAAA record for mta-sts.<domain> pointing at a web server.',
  connect: 'Make mta-sts.<domain> answer HTTPS on port 443.',
  tls: 'Serve a certificate that a public CA issued for mta-sts.<domain> (and that has not expired).',
  status: 'Serve the policy at /.well-known/mta-sts.txt with HTTP status 200.',
  redirect: 'Serve the policy directly; senders must not follow redirects.',
  size: 'Keep the policy file small (a few lines; the limit is 64 KiB).',
  timeout: 'Make the policy server answer promptly.',
  http: 'Check the web server that answers for mta-sts.<domain>.',
};

export function judge(f: MtaStsFacts): { findings: Finding[]; data: MtaStsData } {
  const { domain, txtName, answer, mxHosts } = f;
  const data: MtaStsData = { unmatched: [] };
  if (answer.outcome === 'error') {
    return {
      data,
      findings: [txtLookupFailed('mta-sts.dns-error', txtName, answer.error, 'RFC 8461 §3.1')],
    };
  }
  const records = answer.texts.filter(isStsRecord);
  if (records.length === 0) {
    return {
      data,
      findings: [
        finding('mta-sts.none', 'info', {
          title: 'No MTA-STS policy: senders fall back to opportunistic TLS',
          detail: `No v=STSv1 record at ${txtName}. An attacker on the path can strip STARTTLS or present any certificate, and senders deliver anyway.`,
          fix: `Serve a policy at https://mta-sts.${domain}/.well-known/mta-sts.txt (version: STSv1, mode: testing, mx: lines, max_age: 604800), then publish TXT ${txtName} "v=STSv1; id=<date>"; move to mode: enforce after reading TLS-RPT reports.`,
          ref: 'RFC 8461 §3',
        }),
      ],
    };
  }
  const out: Finding[] = [];
  if (records.length > 1) {
    out.push(
      finding('mta-sts.record-invalid', 'fail', {
        title: `${txtName} has ${records.length} v=STSv1 records`,
        detail: 'Senders treat more than one record as no MTA-STS at all.',
        fix: 'Keep exactly one record.',
        ref: 'RFC 8461 §3.1',
      }),
    );
    return { data, findings: out };
  }
  data.record = records[0]!;
  const rec = parseStsRecord(data.record);
  if (rec.id) data.id = rec.id;
  if (rec.errors.length > 0) {
    out.push(
      finding('mta-sts.record-invalid', 'fail', {
        title: `${txtName} is malformed`,
        detail: `${rec.errors.join('; ')} ("${data.record}").`,
        fix: 'Publish exactly "v=STSv1; id=<1–32 letters/digits, changed on every policy update>".',
        ref: 'RFC 8461 §3.1',
      }),
    );
  }
  // gather.ts fetches whenever there is exactly one record, as here.
  data.fetch = f.fetch!;
  if (!data.fetch.ok) {
    out.push(
      finding('mta-sts.fetch-failed', 'fail', {
        title: `MTA-STS policy could not be fetched: ${data.fetch.error}`,
        detail: `GET ${data.fetch.url} failed (${data.fetch.problem}). The TXT record announces a policy that senders cannot retrieve, so they cannot apply it.`,
        fix: (FIX_FETCH[data.fetch.problem ?? 'http'] ?? '').replace('<domain>', domain),
        ref: 'RFC 8461 §3.3',
        data: { url: data.fetch.url, problem: data.fetch.problem, status: data.fetch.status },
      }),
    );
    return { data, findings: out };
  }
  if (!/^text\/plain\b/i.test(data.fetch.contentType ?? '')) {
    out.push(
      finding('mta-sts.content-type', 'warn', {
        title: `Policy served as "${data.fetch.contentType || 'no Content-Type'}", not text/plain`,
        detail: 'RFC 8461 requires the text/plain media type; strict senders reject the policy otherwise.',
        fix: 'Configure the web server to send Content-Type: text/plain for mta-sts.txt.',
        ref: 'RFC 8461 §3.2',
      }),
    );
  }
  const policy = parseStsPolicy(data.fetch.body ?? '');
  // Errors quote the served file, which may carry escape sequences: never to the terminal.
  policy.errors = policy.errors.map(sanitize);
  data.policy = policy;
  if (policy.errors.length > 0) {
    out.push(
      finding('mta-sts.policy-invalid', 'fail', {
        title: 'MTA-STS policy has errors',
        detail: `${policy.errors.join('; ')}. Senders ignore an invalid policy.`,
        fix: 'Write the policy as lines "version: STSv1", "mode: enforce|testing|none", one "mx: <host or *.domain>" per MX, "max_age: <seconds>".',
        ref: 'RFC 8461 §3.2',
        data: { errors: policy.errors },
      }),
    );
    return { data, findings: out };
  }
  data.mode = policy.mode!;
  data.unmatched = unmatchedMx(policy.mx, mxHosts);
  if (data.unmatched.length > 0 && policy.mode !== 'none') {
    out.push(
      finding('mta-sts.mx-mismatch', policy.mode === 'enforce' ? 'fail' : 'warn', {
        title: `MX ${data.unmatched.join(', ')} not covered by the MTA-STS policy`,
        detail: `Policy mx patterns: ${policy.mx.join(', ')}. ${policy.mode === 'enforce' ? 'In enforce mode, senders refuse to deliver to these exchangers.' : 'In enforce mode, senders would refuse these exchangers; TLS-RPT reports show them as failures now.'}`,
        fix: `Add "mx: ${data.unmatched[0]}" (or a matching *. pattern) to the policy and change the id in ${txtName}.`,
        ref: 'RFC 8461 §4.1',
        data: { unmatched: data.unmatched, patterns: policy.mx },
      }),
    );
  }
  if (policy.mode !== 'enforce') {
    out.push(
      finding('mta-sts.not-enforced', 'info', {
        title: `MTA-STS mode is ${policy.mode}`,
        detail:
          policy.mode === 'testing'
            ? 'Senders report TLS failures (via TLS-RPT) but still deliver over unauthenticated connections.'
            : 'mode: none tells senders to stop applying any earlier policy.',
        fix: 'Switch to mode: enforce when TLS-RPT reports show no failures.',
        ref: 'RFC 8461 §5',
      }),
    );
  }
  if (policy.maxAge !== undefined && policy.maxAge < 86_400) {
    out.push(
      finding('mta-sts.max-age-short', 'info', {
        title: `max_age is only ${policy.maxAge} seconds`,
        detail:
          'A short lifetime gives little protection: senders must refetch often and forget the policy quickly.',
        fix: 'Use a max_age of weeks (e.g. 604800 or more) once the policy is stable.',
        ref: 'RFC 8461 §3.2',
      }),
    );
  }
  if (out.every((f) => f.severity === 'ok' || f.severity === 'info')) {
    out.unshift(
      finding('mta-sts.ok', 'ok', {
        title: `MTA-STS policy in ${policy.mode} mode covers every MX`,
        detail: `id=${rec.id}; mx: ${policy.mx.join(', ')}; max_age ${policy.maxAge}.`,
        fix: '',
        ref: 'RFC 8461',
      }),
    );
  }
  return { data, findings: out };
}

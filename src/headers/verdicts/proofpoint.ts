// Proofpoint: X-Proofpoint-Spam-Details ("rule=notspam policy=default score=0 spamscore=0 …"),
// X-Proofpoint-Spam-Reason, X-Proofpoint-Virus-Version.
import type { Headers } from '../../ndr/mime/headers.js';
import { short, type Verdict } from './types.js';

const VENDOR = 'Proofpoint';
const SRC = 'Proofpoint Protection Server documentation: X-Proofpoint-Spam-Details';

export function readProofpoint(h: Headers): Verdict[] {
  const out: Verdict[] = [];
  const det = h.get('x-proofpoint-spam-details') ?? h.get('x-proofpoint-spam-details-enc');
  if (det) {
    const kv: Record<string, string> = {};
    for (const m of det.slice(0, 8192).matchAll(/([a-z]+)=(\S+)/gi)) kv[m[1]!.toLowerCase()] ??= m[2]!;
    const rule = kv.rule ?? '';
    const spam = /spam|bulk|phish|malware|adult|suspect/i.test(rule) && !/^notspam$/i.test(rule);
    const scores = ['spamscore', 'phishscore', 'bulkscore', 'malwarescore', 'adultscore', 'suspectscore']
      .filter((k) => kv[k] !== undefined)
      .map((k) => `${k} ${kv[k]}`);
    out.push({
      vendor: VENDOR,
      header: 'X-Proofpoint-Spam-Details',
      field: 'rule',
      value: short(det),
      meaning: `Rule ${rule || '?'}${kv.policy ? ` (policy ${kv.policy})` : ''}${kv.score ? `, score ${kv.score}` : ''}${scores.length ? `; ${scores.join(', ')} (0–100, higher is worse)` : ''}`,
      spam: rule ? spam : null,
      source: SRC,
    });
  }
  const reason = h.get('x-proofpoint-spam-reason');
  if (reason)
    out.push({
      vendor: VENDOR,
      header: 'X-Proofpoint-Spam-Reason',
      field: '',
      value: reason,
      meaning: `Classified as ${reason}`,
      spam: !/^\s*(?:0|safe|notspam)/i.test(reason),
      source: SRC,
    });
  return out;
}

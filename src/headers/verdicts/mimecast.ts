// Mimecast: X-MC-Unique (its message id), X-Mimecast-Spam-Score, X-Mimecast-Impersonation-Protect,
// X-Mimecast-Bulk-Signature, X-Mimecast-Spam-Signature.
import type { Headers } from '../../ndr/mime/headers.js';
import { short, type Verdict } from './types.js';

const VENDOR = 'Mimecast';
const SRC = 'Mimecast knowledge base: message headers added by Mimecast';

export function readMimecast(h: Headers): Verdict[] {
  const out: Verdict[] = [];
  const id = h.get('x-mc-unique');
  if (id)
    out.push({
      vendor: VENDOR,
      header: 'X-MC-Unique',
      field: '',
      value: id,
      meaning: `Mimecast processed the message (its tracking id is ${id})`,
      spam: null,
      source: SRC,
    });
  const score = h.get('x-mimecast-spam-score');
  if (score && /^-?\d+/.test(score.trim())) {
    const n = Number(/^-?\d+/.exec(score.trim())![0]);
    out.push({
      vendor: VENDOR,
      header: 'X-Mimecast-Spam-Score',
      field: '',
      value: score,
      meaning: `Mimecast spam score ${n} (higher is more likely spam)`,
      spam: null,
      source: SRC,
    });
  }
  const imp = h.get('x-mimecast-impersonation-protect');
  if (imp) {
    const hits = imp
      .split(';')
      .map((p) => p.trim())
      .filter((p) => /=\s*true$/i.test(p))
      .map((p) => p.split('=')[0]!.trim());
    out.push({
      vendor: VENDOR,
      header: 'X-Mimecast-Impersonation-Protect',
      field: '',
      value: short(imp),
      meaning: hits.length
        ? `Impersonation indicators hit: ${hits.join(', ')}`
        : 'Impersonation protection checked; no indicator hit',
      spam: !!hits.length,
      source: SRC,
    });
  }
  for (const name of ['x-mimecast-bulk-signature', 'x-mimecast-spam-signature']) {
    const v = h.get(name);
    if (v) {
      const header =
        name === 'x-mimecast-bulk-signature' ? 'X-Mimecast-Bulk-Signature' : 'X-Mimecast-Spam-Signature';
      const yes = /^\s*yes/i.test(v);
      out.push({
        vendor: VENDOR,
        header,
        field: '',
        value: v,
        meaning: `${header.includes('Bulk') ? 'Bulk' : 'Spam'} signature ${yes ? 'matched' : 'did not match'}`,
        spam: yes,
        source: SRC,
      });
    }
  }
  return out;
}

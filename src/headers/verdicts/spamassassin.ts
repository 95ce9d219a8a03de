// SpamAssassin: X-Spam-Status ("Yes, score=7.3 required=5.0 tests=A,B autolearn=no version=…"),
// X-Spam-Score, X-Spam-Flag, X-Spam-Level.
import type { Headers } from '../../ndr/mime/headers.js';
import { short, type Verdict } from './types.js';

const VENDOR = 'SpamAssassin';
const SRC = 'Apache SpamAssassin: Mail::SpamAssassin::Conf (add_header, _TESTS_, _SCORE_, _REQD_)';

export function readSpamAssassin(h: Headers): Verdict[] {
  const out: Verdict[] = [];
  const status = h.get('x-spam-status');
  if (status && /\b(?:score|hits)=/i.test(status)) {
    const s = status.slice(0, 8192);
    const yes = /^\s*yes\b/i.test(s);
    const score = /\b(?:score|hits)=(-?[\d.]+)/i.exec(s)?.[1];
    const req = /\brequired=(-?[\d.]+)/i.exec(s)?.[1];
    const tests = /\btests=([^\s,]+(?:,\s*[^\s,=]+(?=[,\s]|$))*)/i.exec(s)?.[1]?.replace(/\s+/g, '') ?? '';
    const rules = tests.split(',').filter((t) => t && t.toLowerCase() !== 'none');
    out.push({
      vendor: VENDOR,
      header: 'X-Spam-Status',
      field: 'score',
      value: short(s),
      meaning: `${yes ? 'Spam' : 'Not spam'}: score ${score ?? '?'}${req ? ` against a threshold of ${req}` : ''}${rules.length ? `; rules: ${rules.slice(0, 30).join(', ')}` : ''}`,
      spam: yes,
      source: SRC,
    });
  }
  const flag = h.get('x-spam-flag');
  if (flag && !status)
    out.push({
      vendor: VENDOR,
      header: 'X-Spam-Flag',
      field: '',
      value: flag,
      meaning: /yes/i.test(flag) ? 'Flagged as spam' : 'Not flagged as spam',
      spam: /yes/i.test(flag),
      source: SRC,
    });
  const score = h.get('x-spam-score');
  if (score && !status && /^-?[\d.]+$/.test(score.trim()))
    out.push({
      vendor: 'a spam filter (X-Spam-Score)',
      header: 'X-Spam-Score',
      field: '',
      value: score,
      meaning: `Spam score ${score.trim()} (the threshold is the filter's own setting)`,
      spam: null,
      source: SRC,
    });
  return out;
}

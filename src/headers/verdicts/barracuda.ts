// Barracuda: X-Barracuda-Spam-Score, X-Barracuda-Spam-Status ("No, SCORE=0.00 using … TAG_LEVEL=3.5
// QUARANTINE_LEVEL=1000.0 KILL_LEVEL=5.0 tests=…"), X-Barracuda-Spam-Flag.
import type { Headers } from '../../ndr/mime/headers.js';
import { short, type Verdict } from './types.js';

const VENDOR = 'Barracuda';
const SRC = 'Barracuda Email Security Gateway: spam scoring and X-Barracuda headers';

export function readBarracuda(h: Headers): Verdict[] {
  const out: Verdict[] = [];
  const st = h.get('x-barracuda-spam-status');
  if (st) {
    const s = st.slice(0, 8192);
    const yes = /^\s*yes/i.test(s);
    const score = /SCORE=(-?[\d.]+)/i.exec(s)?.[1];
    const tag = /TAG_LEVEL=(-?[\d.]+)/i.exec(s)?.[1];
    const kill = /KILL_LEVEL=(-?[\d.]+)/i.exec(s)?.[1];
    const tests = /tests=([^\s]*)/i.exec(s)?.[1] ?? '';
    out.push({
      vendor: VENDOR,
      header: 'X-Barracuda-Spam-Status',
      field: 'score',
      value: short(s),
      meaning: `${yes ? 'Spam' : 'Not spam'}: score ${score ?? '?'}${tag ? `, tagged at ${tag}` : ''}${kill ? `, blocked at ${kill}` : ''}${tests ? `; rules: ${tests}` : ''}`,
      spam: yes,
      source: SRC,
    });
  }
  const flag = h.get('x-barracuda-spam-flag');
  if (flag && !st)
    out.push({
      vendor: VENDOR,
      header: 'X-Barracuda-Spam-Flag',
      field: '',
      value: flag,
      meaning: /yes/i.test(flag) ? 'Tagged as spam' : 'Not tagged as spam',
      spam: /yes/i.test(flag),
      source: SRC,
    });
  const score = h.get('x-barracuda-spam-score');
  if (score && !st)
    out.push({
      vendor: VENDOR,
      header: 'X-Barracuda-Spam-Score',
      field: '',
      value: score,
      meaning: `Spam score ${score.trim()}`,
      spam: null,
      source: SRC,
    });
  return out;
}

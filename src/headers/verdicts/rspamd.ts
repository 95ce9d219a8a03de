// rspamd: X-Spamd-Result ("default: False [3.50 / 15.00]; SYMBOL(score)[options]; …"),
// X-Rspamd-Action, X-Spam (Yes when the action adds a header).
import type { Headers } from '../../ndr/mime/headers.js';
import { short, type Verdict } from './types.js';

const VENDOR = 'rspamd';
const SRC = 'rspamd documentation: milter headers module (x-spamd-result, x-rspamd-action)';

const ACTIONS: Record<string, [string, boolean | null]> = {
  'no action': ['no action: delivered as clean', false],
  greylist: ['greylist: the first attempt was deferred', null],
  'add header': ['add header: delivered, marked as spam (usually to the Junk folder)', true],
  'rewrite subject': ['rewrite subject: delivered with a spam tag in the subject', true],
  'soft reject': ['soft reject: temporarily refused', true],
  reject: ['reject: refused as spam', true],
};

export function readRspamd(h: Headers): Verdict[] {
  const out: Verdict[] = [];
  const res = h.get('x-spamd-result');
  if (res) {
    const s = res.slice(0, 8192);
    const m = /^\s*\w+:\s*(True|False)\s*\[\s*(-?[\d.]+)\s*\/\s*(-?[\d.]+)\s*\]/i.exec(s);
    const symbols = [...s.matchAll(/;\s*([A-Z0-9_]{2,64})\((-?[\d.]+)\)/g)]
      .map((x) => [x[1]!, Number(x[2])] as const)
      .filter(([, sc]) => sc > 0)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 15)
      .map(([n, sc]) => `${n}(${sc})`);
    const spam = m ? m[1]!.toLowerCase() === 'true' : null;
    out.push({
      vendor: VENDOR,
      header: 'X-Spamd-Result',
      field: 'score',
      value: short(s),
      meaning: m
        ? `${spam ? 'Spam' : 'Not spam'}: score ${m[2]} of ${m[3]} (reject threshold)${symbols.length ? `; top symbols: ${symbols.join(', ')}` : ''}`
        : 'rspamd result (score not readable)',
      spam,
      source: SRC,
    });
  }
  const action = h.get('x-rspamd-action');
  if (action) {
    const [m, s] = ACTIONS[action.trim().toLowerCase()] ?? [`action ${action.trim()}`, null];
    out.push({
      vendor: VENDOR,
      header: 'X-Rspamd-Action',
      field: '',
      value: action,
      meaning: m,
      spam: s,
      source: SRC,
    });
  }
  return out;
}

// Cisco Secure Email (IronPort): X-IronPort-Anti-Spam-Filtered, X-IronPort-Anti-Spam-Result (an
// encoded blob), X-IronPort-AV, X-SBRS (SenderBase reputation score, -10 … +10),
// X-IronPort-Outbreak-Status.
import type { Headers } from '../../ndr/mime/headers.js';
import { short, type Verdict } from './types.js';

const VENDOR = 'Cisco IronPort';
const SRC = 'Cisco Secure Email Gateway user guide: message headers, SenderBase reputation score';

export function readIronPort(h: Headers): Verdict[] {
  const out: Verdict[] = [];
  const filtered = h.get('x-ironport-anti-spam-filtered');
  if (filtered)
    out.push({
      vendor: VENDOR,
      header: 'X-IronPort-Anti-Spam-Filtered',
      field: '',
      value: filtered,
      meaning:
        'The message went through IronPort anti-spam scanning (the result blob is encoded and not published)',
      spam: null,
      source: SRC,
    });
  const sbrs = h.get('x-sbrs') ?? h.get('x-ironport-sbrs');
  if (sbrs) {
    const n = Number(/-?\d+(?:\.\d+)?/.exec(sbrs)?.[0]);
    const meaning = Number.isNaN(n)
      ? `SenderBase reputation ${sbrs} (no score: the IP is unknown to SenderBase)`
      : n <= -3
        ? `SenderBase reputation ${n}: poor; the sending IP is a likely spam source`
        : n < 1
          ? `SenderBase reputation ${n}: neutral to slightly negative`
          : `SenderBase reputation ${n}: good`;
    out.push({
      vendor: VENDOR,
      header: 'X-SBRS',
      field: '',
      value: sbrs,
      meaning,
      spam: Number.isNaN(n) ? null : n <= -3 ? true : null,
      source: SRC,
    });
  }
  const outbreak = h.get('x-ironport-outbreak-status');
  if (outbreak)
    out.push({
      vendor: VENDOR,
      header: 'X-IronPort-Outbreak-Status',
      field: '',
      value: short(outbreak),
      meaning: `Outbreak filter: ${outbreak}`,
      spam: /threat|\b[3-5]\b/i.test(outbreak) ? true : null,
      source: SRC,
    });
  const av = h.get('x-ironport-av');
  if (av && /virus|V=/i.test(av) && /\bV=\S+/.test(av))
    out.push({
      vendor: VENDOR,
      header: 'X-IronPort-AV',
      field: '',
      value: short(av),
      meaning: 'Anti-virus engine stamp',
      spam: null,
      source: SRC,
    });
  return out;
}

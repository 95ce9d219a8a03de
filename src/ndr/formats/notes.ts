// Lotus Notes / Domino: "Your message ... was not delivered to: <addr> because: <reason>", or the
// older "------- Failure Reasons --------" block with the reason above the address.
import { firstAddress, has, joinLines, section } from './text.js';
import type { Format } from './types.js';

export const notes: Format = {
  name: 'notes',
  detect: (b) => has(b, 'was not delivered to:', 'failure reasons') || /^DELIVERY FAILURE:/i.test(b.subject),
  parse(b) {
    const to = section(b.text, /was not delivered to:\s*/i, /(?<=\n)[^\S\n]*because:/i);
    if (to) {
      const because = section(b.text, /because:\s*/i, /\n\s*\n/) ?? '';
      return [{ recipient: firstAddress(to), diagnostic: joinLines(because.split('\n')) }];
    }
    const reasons = (section(b.text, /Failure Reasons\s*-+\s*\n/i) ?? '').split('\n').filter((l) => l.trim());
    const at = reasons.findIndex((l) => firstAddress(l));
    return [
      {
        recipient: firstAddress(reasons[at] ?? b.subject),
        diagnostic: joinLines(reasons.slice(0, at < 0 ? 3 : at)),
      },
    ];
  },
};

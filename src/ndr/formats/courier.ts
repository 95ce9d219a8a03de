// Courier MTA: "This is a delivery status notification from X ... <rcpt>:" with the dialogue
// quoted as `>>> RCPT TO:<x>` / `<<< 550 ...`.
import { angleBlocks } from './qmail.js';
import { has } from './text.js';
import type { Format } from './types.js';

export const courier: Format = {
  name: 'courier',
  detect: (b) => has(b, 'courier mail server at', 'delivery status notification from'),
  parse: (b) =>
    angleBlocks(b).map((r) => ({
      ...r,
      diagnostic: r.diagnostic?.replace(/>>> [^<]*<<<\s*/g, '').replace(/<<<\s*/g, ''),
    })),
};

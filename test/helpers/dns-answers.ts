// Small readers over resolver answers, shared by the DNS tests so each assertion fits one line.
import type { DnsAnswer } from '../../src/dns/types.js';

/** The values of the answer's records (after any CNAME chain), in the order the server sent them. */
export const answerValues = (a: DnsAnswer): string[] => a.answers.map((x) => x.value);

// net.isIP, asked only what the text could be: host names, IPv4 addresses and "ip:port" never
// meet Node's IPv6 pattern, which is large and costs milliseconds the first time it runs. Its own
// module so that the command definitions (loaded at every start) can use it without the address tables.
import { isIPv4, isIPv6 } from 'node:net';

/** Hex digits, dots and at least two colons (every IPv6 form has two), then an optional zone. */
const COULD_BE_V6 = /^[0-9a-f.]*:[0-9a-f.]*:[0-9a-f:.]*(?:%.+)?$/i;

export function ipFamily(s: string): 0 | 4 | 6 {
  if (s.includes(':')) return COULD_BE_V6.test(s) && isIPv6(s) ? 6 : 0;
  return /^[0-9.]+$/.test(s) && isIPv4(s) ? 4 : 0;
}

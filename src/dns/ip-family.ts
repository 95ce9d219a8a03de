// net.isIP, asked only what the text could be: host names and IPv4 addresses never meet Node's
// IPv6 pattern, which is large and costs milliseconds the first time it runs. Its own module so
// that the command definitions (loaded at every start) can use it without the address tables.
import { isIPv4, isIPv6 } from 'node:net';

export function ipFamily(s: string): 0 | 4 | 6 {
  if (s.includes(':')) return isIPv6(s) ? 6 : 0;
  return /^[0-9.]+$/.test(s) && isIPv4(s) ? 4 : 0;
}

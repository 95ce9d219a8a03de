// --local-address: the source address of the connection (relay rights often depend on it).
import { ipLiteralOf } from '../dns/index.js';
import { UsageError } from '../findings/errors.js';

/** An IP address, as given or in brackets; the kernel refuses one that is not this machine's at connect. */
export function checkLocalAddress(raw: string): string {
  const ip = ipLiteralOf(raw);
  if (!ip) throw new UsageError(`--local-address "${raw}" is not an IP address`);
  return ip;
}

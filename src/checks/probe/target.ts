// What a probe or ehlo target names: an e-mail address means its domain, "host:port" its own port.
import { splitHostPort } from '../../dns/index.js';
import { UsageError } from '../../findings/errors.js';
import { type PortPlan, portSpec } from './ports.js';

/** An e-mail address means its domain ("user@example.com" → "example.com"). */
export function targetHost(target: string): string {
  const at = target.lastIndexOf('@');
  return at >= 0 && !target.startsWith('[') ? target.slice(at + 1) : target;
}

/** "host:port" targets carry their own port; the others use --port / --ports. */
export function targetPlan(target: string, plan: PortPlan[]): { host: string; plan: PortPlan[] } {
  const { host, port } = splitHostPort(targetHost(target));
  if (!host) throw new UsageError(`"${target}" names no host`);
  if (port === undefined) return { host, plan };
  if (port < 1 || port > 65535) throw new UsageError(`"${target}": port out of range`);
  return { host, plan: [{ spec: portSpec(port), required: true }] };
}

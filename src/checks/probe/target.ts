// What a probe or ehlo target names: an e-mail address means its domain, "host:port" its own port.
import { parseTarget } from '../../dns/parse-target.js';
import { type PortPlan, portSpec } from './ports.js';

/** An e-mail address means its domain ("user@example.com" → "example.com"). */
export function targetHost(target: string): string {
  const at = target.lastIndexOf('@');
  return at >= 0 && !target.startsWith('[') ? target.slice(at + 1) : target;
}

/** "host:port" targets carry their own port; the others use --port / --ports. */
export function targetPlan(target: string, plan: PortPlan[]): { host: string; plan: PortPlan[] } {
  const { host, port } = parseTarget(target, { email: true, port: true });
  if (port === undefined) return { host, plan };
  return { host, plan: [{ spec: portSpec(port), required: true }] };
}

// Whether a name can go on the wire, and in which form. A leaf module: option checks that
// borrow it at start-up do not pull the DNS client (sockets, codec) into every command.
import { domainToASCII } from 'node:url';

/** A lower-case LDH name with labels of 1-63 characters, no trailing dot. */
const PLAIN_NAME = /^(?:[a-z0-9_-]{1,63}\.)*[a-z0-9_-]{1,63}$/;

/** A name fit for the wire: IDNs in A-label form; undefined if it cannot be a DNS name. */
export function wireName(name: string): string | undefined {
  // Fast path: already a lower-case host name (what the lookup helpers pass on).
  if (name.length <= 253 && PLAIN_NAME.test(name)) return name;
  const trimmed = name.trim().replace(/\.$/, '');
  if (trimmed === '') return '.';
  // A backslash is how a decoded name shows a dot inside a label (codec.ts): 'mail1\.example.test'
  // is not the name 'mail1.example.test', and no spelling of it on the wire is a host name.
  if (/[\s\0-\x1f\x7f\\]/.test(trimmed)) return undefined;
  const ascii = /^[\x20-\x7e]*$/.test(trimmed) ? trimmed : domainToASCII(trimmed);
  if (!ascii || ascii.length > 253) return undefined;
  if (ascii.split('.').some((l) => l.length === 0 || l.length > 63)) return undefined;
  return ascii.toLowerCase();
}

/** Why wireName refuses `name`, in words for a report. */
export function notWireName(name: string): string {
  const dotted = name.split(/(?<!\\)\./).find((label) => label.includes('\\.'));
  if (dotted !== undefined) {
    return `'${name}' cannot be a host name: its label '${dotted.replace(/\\\./g, '.')}' has a dot inside it (one label, not ${dotted.split('\\.').length}); asking for it would ask for a different name, so it was not looked up`;
  }
  return `'${name}' is not a valid DNS name`;
}

/** Lower-case, no trailing dot: how names are compared and cached. */
export function canonicalName(name: string): string {
  const n = name.trim().toLowerCase();
  return n.length > 1 && n.endsWith('.') ? n.slice(0, -1) : n;
}

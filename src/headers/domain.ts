// The organisational ("registrable") domain of a name, from the Public Suffix List (the `tldts`
// package): the public suffix and one label more, private suffixes included, so foo.github.io
// and bar.github.io are two organisations, and example.co.uk one under the suffix co.uk. DMARC
// (RFC 9989) finds it with a DNS tree walk instead; reading headers offline has no DNS, so the
// list is the documented approximation (the one RFC 7489 used), and reports say so.
import { createRequire } from 'node:module';
import { canonicalName } from '../dns/wire-name.js';

type Tldts = typeof import('tldts');

/** The name is a host name, not a URL or an address; private suffixes (github.io) count. */
const PSL = { allowPrivateDomains: true, extractHostname: false, validateHostname: false } as const;

let tldts: Tldts | undefined;

/**
 * tldts, loaded on first use: it builds its copy of the list when it loads (~20 ms of CPU), which
 * a run that compares no names (and every command but `headers`) should not pay. A synchronous
 * require keeps orgDomain synchronous. In the bundle `require` is esbuild's, which finds tldts
 * inside the bundle and runs it only now (the same copy mailauth uses); in tsc's output
 * (ES modules, no `require`) it comes from node_modules.
 */
function publicSuffixList(): Tldts {
  tldts ??= (
    typeof require === 'function' ? require('tldts') : createRequire(import.meta.url)('tldts')
  ) as Tldts;
  return tldts;
}

/**
 * The organisational domain of a host or domain name; a public suffix is its own (co.uk), an
 * unlisted top-level domain counts as one (mx.example.test → example.test). Null for what is
 * not a name of two labels or more, such as an IP address.
 */
export function orgDomain(name: string | null | undefined): string | null {
  if (!name) return null;
  const d = canonicalName(name);
  if (!/^[a-z0-9_-]+(?:\.[a-z0-9_-]+)+$/.test(d) || /^[0-9.]+$/.test(d)) return null;
  return publicSuffixList().getDomain(d, PSL) ?? d;
}

/** The domain of an address (`"Name" <a@b.example>`, `<a@b>`, `a@b`), lower-cased. */
export function domainOfAddress(value: string | null | undefined): string | null {
  if (!value) return null;
  const angle = /<([^<>]*)>\s*$/.exec(value.slice(0, 2000))?.[1] ?? value;
  const at = angle.lastIndexOf('@');
  if (at < 0) return /^[a-z0-9.-]+\.[a-z]{2,}$/i.test(angle.trim()) ? angle.trim().toLowerCase() : null;
  const d = angle
    .slice(at + 1)
    .trim()
    .replace(/[>;,\s].*$/, '')
    .toLowerCase();
  return d || null;
}

export const ORG_DOMAIN_NOTE =
  'Organisational domains are approximated with the Public Suffix List (private suffixes such as github.io included), not found by the RFC 9989 DNS tree walk, which needs DNS.';

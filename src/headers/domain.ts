// The organisational ("registrable") domain, approximated without the Public Suffix List: the
// last two labels, or three when the last two are a known shared suffix (co.uk, com.au, …).
// DMARC (RFC 9989) finds it with a DNS tree walk; offline, this approximation is what we have,
// and reports say so.
import { canonicalName } from '../dns/wire-name.js';

const TWO_LABEL_SUFFIXES = new Set([
  'co.uk',
  'org.uk',
  'ac.uk',
  'gov.uk',
  'me.uk',
  'ltd.uk',
  'plc.uk',
  'net.uk',
  'com.au',
  'net.au',
  'org.au',
  'edu.au',
  'gov.au',
  'co.nz',
  'org.nz',
  'net.nz',
  'co.jp',
  'ne.jp',
  'or.jp',
  'ac.jp',
  'go.jp',
  'com.br',
  'net.br',
  'org.br',
  'gov.br',
  'com.cn',
  'net.cn',
  'org.cn',
  'gov.cn',
  'co.in',
  'net.in',
  'org.in',
  'co.za',
  'org.za',
  'com.mx',
  'com.ar',
  'com.tr',
  'com.sg',
  'com.hk',
  'com.tw',
  'co.kr',
  'or.kr',
  'co.il',
  'com.my',
  'co.id',
  'com.ph',
  'com.vn',
  'com.ua',
  'com.pl',
  'co.th',
  'com.es',
  'com.co',
  'com.pe',
  'com.sa',
  'com.eg',
]);

export function orgDomain(name: string | null | undefined): string | null {
  if (!name) return null;
  const d = canonicalName(name);
  if (!/^[a-z0-9_-]+(?:\.[a-z0-9_-]+)+$/.test(d)) return null;
  const labels = d.split('.');
  const two = labels.slice(-2).join('.');
  if (TWO_LABEL_SUFFIXES.has(two) && labels.length >= 3) return labels.slice(-3).join('.');
  return two;
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
  'Organisational domains are approximated (last two labels, or three under a known shared suffix such as co.uk), not looked up in the Public Suffix List or by the RFC 9989 DNS tree walk.';

// Special-purpose ranges and names, as data (IANA special-purpose address registries, RFC 6890).

/** [CIDR, why it is not a public mail address]. First match wins, so narrower ranges come first. */
export const SPECIAL_V4: [string, string][] = [
  ['0.0.0.0/8', '"this network" (RFC 791)'],
  ['10.0.0.0/8', 'private (RFC 1918)'],
  ['100.64.0.0/10', 'carrier-grade NAT (RFC 6598)'],
  ['127.0.0.0/8', 'loopback (RFC 1122)'],
  ['169.254.0.0/16', 'link-local (RFC 3927)'],
  ['172.16.0.0/12', 'private (RFC 1918)'],
  ['192.0.0.0/24', 'IETF protocol assignments (RFC 6890)'],
  ['192.0.2.0/24', 'documentation (RFC 5737)'],
  ['192.168.0.0/16', 'private (RFC 1918)'],
  ['198.18.0.0/15', 'benchmarking (RFC 2544)'],
  ['198.51.100.0/24', 'documentation (RFC 5737)'],
  ['203.0.113.0/24', 'documentation (RFC 5737)'],
  ['224.0.0.0/4', 'multicast (RFC 5771)'],
  ['240.0.0.0/4', 'reserved (RFC 1112)'],
];

export const SPECIAL_V6: [string, string][] = [
  ['::/128', 'unspecified (RFC 4291)'],
  ['::1/128', 'loopback (RFC 4291)'],
  ['100::/64', 'discard-only (RFC 6666)'],
  ['2001:db8::/32', 'documentation (RFC 3849)'],
  ['fc00::/7', 'unique local, private (RFC 4193)'],
  ['fe80::/10', 'link-local (RFC 4291)'],
  ['ff00::/8', 'multicast (RFC 4291)'],
];

/** Suffixes whose domains are never public, so private addresses under them are expected. */
export const RESERVED_SUFFIXES: string[] = [
  'test',
  'example',
  'invalid',
  'localhost',
  'example.com',
  'example.net',
  'example.org',
  'local',
  'home.arpa',
  'internal',
];

import { HOST_NOT_FOUND } from '../words.js';
import type { CategoryInfo, Reason } from './types.js';

export const info: CategoryInfo = {
  id: 'host-not-found',
  label: 'host not found',
  description:
    'The recipient domain or its mail host could not be found in DNS, has no usable MX, or declares it accepts no mail (5.1.2, 5.4.4, null MX 5.1.10).',
  status: ['1.2', '1.10', '4.4', '4.0', '7.18'],
  weakStatus: ['4.0'],
  replies: [521, 556],
};

export const noSuchDomain: Reason = {
  name: 'no-such-domain',
  category: 'host-not-found',
  strength: 'strong',
  phrases: [
    'host not found',
    'host unknown',
    'host or domain name not found',
    'host or domain name unknown',
    'unknown host',
    'unknown domain',
    'nxdomain',
    'no mx record',
    'no a record',
    'no mail exchanger',
    'no mx ',
    'nonexistent domain',
    'name not known',
    'name or service not known',
    'could not resolve',
    'unable to resolve',
    'unresolvable',
    'unrouteable domain',
    'unrouteable mail domain',
    'unrouteable address',
    'does not accept mail',
    'indicated no smtp service',
    "couldn't find any host",
    'could not find any host',
    'point to nonexistent hosts',
    'point to non-existent hosts',
    'null mx',
    'nullmx',
    'no such domain',
    'dns error',
    'dns query failed',
    'dns lookup failed',
    'name server',
    'servfail',
  ],
  patterns: [
    /domain (?:name )?(?:\S+ )?(?:not found|does not exist|doesn't exist|unknown|not reachable|is not reachable)/i,
  ],
};

export const domainWords: Reason = {
  name: 'domain-words',
  category: 'host-not-found',
  strength: 'weak',
  words: [HOST_NOT_FOUND],
};

// Finding ids of the dmarc group of `check`: each declared once, with the severities it can have, a title and a ref (the first is the
// default). Ids are never renamed: monitoring keys on them (test/core/catalogue.test.ts).
import type { Catalogue } from '../../findings/catalogue.js';

export const DMARC_IDS = {
  'dmarc.dns-error': {
    severity: ['info', 'unknown'],
    title: 'The DMARC lookup failed',
    ref: 'RFC 9989 §4.10',
  },
  'dmarc.ignored-record': {
    severity: ['fail'],
    title: 'A TXT record at _dmarc is not a DMARC record',
    ref: 'RFC 9989 §4.7 (v)',
  },
  'dmarc.inherited': {
    severity: ['info'],
    title: 'The DMARC policy comes from a parent domain',
    ref: 'RFC 9989 §4.10.1',
  },
  'dmarc.multiple': { severity: ['fail'], title: 'More than one DMARC record', ref: 'RFC 9989 §4.10' },
  'dmarc.no-rua': {
    severity: ['info'],
    title: 'No aggregate reports requested (rua=)',
    ref: 'RFC 9989 §4.7 (rua)',
  },
  'dmarc.none': {
    severity: ['warn'],
    title: 'No DMARC record',
    ref: 'RFC 9989 §4.10.1, §5.1.4; Book ch. 6, Identifying Spoofed Mail',
  },
  'dmarc.np-none': {
    severity: ['info'],
    title: 'np=none leaves non-existent subdomains unprotected',
    ref: 'RFC 9989 §4.7',
  },
  'dmarc.ok': { severity: ['ok'], title: 'DMARC policy in force', ref: 'RFC 9989 §4.10.1' },
  'dmarc.policy-none': {
    severity: ['warn'],
    title: 'DMARC policy p=none only monitors',
    ref: 'RFC 9989 §4.7; Book ch. 6, Identifying Spoofed Mail',
  },
  'dmarc.psd-policy': {
    severity: ['warn'],
    title: "The policy comes from a public suffix domain's record",
    ref: 'RFC 9989 §4.10.1, §5.1.4',
  },
  'dmarc.removed-tags': {
    severity: ['info'],
    title: 'The record uses tags that DMARC no longer has',
    ref: 'RFC 9989 Appendix A.6, C.5.2',
  },
  'dmarc.sp-ignored': {
    severity: ['info'],
    title: 'Subdomain tags on a record that does not apply to subdomains',
    ref: 'RFC 9989 §4.7, §4.10.2',
  },
  'dmarc.subdomain-none': {
    severity: ['info'],
    title: 'sp=none leaves subdomains unprotected',
    ref: 'RFC 9989 §4.7',
  },
  'dmarc.syntax': {
    severity: ['warn', 'fail'],
    title: 'The DMARC record has values receivers ignore',
    ref: 'RFC 9989 §4.7, §4.8, §4.10.1',
  },
  'dmarc.testing': {
    severity: ['warn', 'info'],
    title: 'DMARC in testing mode (t=y)',
    ref: 'RFC 9989 §4.7, Appendix A.6',
  },
  'dmarc.unknown-tags': {
    severity: ['info'],
    title: 'The record has tags DMARC does not define',
    ref: 'RFC 9989 §4.7, §4.8',
  },
} as const satisfies Catalogue;

// Finding ids of the spf group of `check`: each declared once, with the severities it can have, a title and a ref (the first is the
// default). Ids are never renamed: monitoring keys on them (test/core/catalogue.test.ts).
import type { Catalogue } from '../../findings/catalogue.js';

export const SPF_IDS = {
  'spf.dns-error': { severity: ['unknown'], title: 'The SPF lookup failed', ref: 'RFC 7208 §4.4' },
  'spf.include-broken': {
    severity: ['fail'],
    title: 'An include: has no usable SPF record',
    ref: 'RFC 7208 §5.2, §6.1',
  },
  'spf.macros': { severity: ['info'], title: 'SPF uses macros (not followed)', ref: 'RFC 7208 §7' },
  'spf.multiple': { severity: ['fail'], title: 'More than one SPF record', ref: 'RFC 7208 §4.5' },
  'spf.neutral': {
    severity: ['info'],
    title: 'Unlisted senders are neutral (?all or no all)',
    ref: 'RFC 7208 §4.7, §8.2; Book ch. 6, Identifying Spoofed Mail',
  },
  'spf.none': {
    severity: ['warn'],
    title: 'No SPF record',
    ref: 'RFC 7208 §3; Book ch. 6, Identifying Spoofed Mail',
  },
  'spf.ok': { severity: ['ok'], title: 'SPF record valid', ref: 'RFC 7208' },
  'spf.pass-all': {
    severity: ['fail'],
    title: 'SPF ends in +all: anyone may send',
    ref: 'RFC 7208 §5.1; Book ch. 6, Identifying Spoofed Mail',
  },
  'spf.ptr': { severity: ['info'], title: 'SPF uses the ptr mechanism', ref: 'RFC 7208 §5.5' },
  'spf.syntax': { severity: ['fail'], title: 'The SPF record has syntax errors', ref: 'RFC 7208 §4.6, §5' },
  'spf.too-many-lookups': {
    severity: ['fail'],
    title: 'More than 10 DNS-querying terms',
    ref: 'RFC 7208 §4.6.4',
  },
  'spf.void-lookups': { severity: ['fail'], title: 'More than 2 void lookups', ref: 'RFC 7208 §4.6.4' },
} as const satisfies Catalogue;

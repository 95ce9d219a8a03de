// Finding ids of `mailflow ndr`, one per bounce category (src/ndr/reasons) plus ndr.unrecognised:
// each declared once, with its severity. Ids are never renamed: monitoring keys on them
// (test/core/catalogue.test.ts).
import type { Catalogue } from '../findings/catalogue.js';
import type { Category } from './codes/types.js';

export const NDR_IDS = {
  'ndr.blocked': { severity: ['info'] },
  'ndr.expired': { severity: ['info'] },
  'ndr.host-not-found': { severity: ['info'] },
  'ndr.mailbox-full': { severity: ['info'] },
  'ndr.message-too-large': { severity: ['info'] },
  'ndr.network': { severity: ['info'] },
  'ndr.other': { severity: ['info'] },
  'ndr.policy': { severity: ['info'] },
  'ndr.relay-denied': { severity: ['info'] },
  'ndr.spam-virus': { severity: ['info'] },
  'ndr.unknown-user': { severity: ['info'] },
  'ndr.unrecognised': { severity: ['unknown'] },
} as const satisfies Catalogue;

/** The id of a decoded bounce's finding: `ndr.<category>`, typed so that every category has one. */
export type NdrCategoryId = `ndr.${Category}`;

export function ndrId(category: Category): NdrCategoryId & keyof typeof NDR_IDS {
  return `ndr.${category}`;
}

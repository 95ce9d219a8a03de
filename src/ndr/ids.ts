// Finding ids of `mailflow ndr`, one per bounce category (src/ndr/reasons) plus ndr.unrecognised:
// each declared once, with its severity. Ids are never renamed: monitoring keys on them
// (test/core/catalogue.test.ts).
import type { Catalogue } from '../findings/catalogue.js';
import type { Category } from './codes/types.js';

export const NDR_IDS = {
  'ndr.blocked': {
    severity: ['info'],
    title: 'Bounced: the sender or its server is blocked',
    ref: 'Book ch. 7, Understanding Non-Delivery Reports (Table 2)',
  },
  'ndr.expired': {
    severity: ['info'],
    title: 'Bounced: delivery attempts expired',
    ref: 'Book ch. 7, Understanding Non-Delivery Reports (Table 2)',
  },
  'ndr.host-not-found': {
    severity: ['info'],
    title: "Bounced: the recipient's domain or host was not found",
    ref: 'Book ch. 7, Understanding Non-Delivery Reports (Table 2)',
  },
  'ndr.mailbox-full': {
    severity: ['info'],
    title: 'Bounced: the mailbox is full',
    ref: 'Book ch. 7, Understanding Non-Delivery Reports (Table 2)',
  },
  'ndr.message-too-large': {
    severity: ['info'],
    title: 'Bounced: the message is too large',
    ref: 'Book ch. 7, Understanding Non-Delivery Reports (Table 2)',
  },
  'ndr.network': {
    severity: ['info'],
    title: 'Bounced: a network or connection failure',
    ref: 'Book ch. 7, Understanding Non-Delivery Reports (Table 2)',
  },
  'ndr.other': {
    severity: ['info'],
    title: 'Bounced for another reason',
    ref: 'Book ch. 7, Understanding Non-Delivery Reports (Table 2)',
  },
  'ndr.policy': {
    severity: ['info'],
    title: 'Bounced by a policy of the receiving side',
    ref: 'Book ch. 7, Understanding Non-Delivery Reports (Table 2)',
  },
  'ndr.relay-denied': {
    severity: ['info'],
    title: 'Bounced: relaying denied',
    ref: 'Book ch. 7, Understanding Non-Delivery Reports (Table 2)',
  },
  'ndr.spam-virus': {
    severity: ['info'],
    title: 'Bounced as spam or for a virus',
    ref: 'Book ch. 7, Understanding Non-Delivery Reports (Table 2)',
  },
  'ndr.unknown-user': {
    severity: ['info'],
    title: 'Bounced: the recipient does not exist',
    ref: 'Book ch. 7, Understanding Non-Delivery Reports (Table 2)',
  },
  'ndr.unrecognised': {
    severity: ['unknown'],
    title: 'Not recognised as a bounce',
    ref: 'RFC 3464 §2; Book ch. 7, Understanding Non-Delivery Reports (Table 2)',
  },
} as const satisfies Catalogue;

/** The id of a decoded bounce's finding: `ndr.<category>`, typed so that every category has one. */
export type NdrCategoryId = `ndr.${Category}`;

export function ndrId(category: Category): NdrCategoryId & keyof typeof NDR_IDS {
  return `ndr.${category}`;
}

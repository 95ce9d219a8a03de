// Finding ids of `mailflow ndr`, one per bounce category plus ndr.unrecognised: each declared once,
// with its severity. Kept here, beside the catalogue type, until src/ndr's categories are data.
import type { Catalogue } from './catalogue.js';

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

// IANA "SMTP Enhanced Status Codes" registry (updated 2024-12-06): classes, subjects and every
// enumerated X.subject.detail code. Titles are the registry's names; meanings are our own wording.

import { REGISTRY_ROWS } from './registry-rows.js';

export interface RegistryEntry {
  /** The registry's name for the code (its "sample text"). */
  title: string;
  /** What it means in plain words. */
  meaning: string;
  /** Defining document(s), e.g. "RFC 3463". */
  rfc: string;
}

export const CLASSES: ReadonlyMap<string, RegistryEntry> = new Map([
  ['2', { title: 'Success', meaning: 'The action succeeded.', rfc: 'RFC 3463' }],
  [
    '4',
    {
      title: 'Persistent transient failure',
      meaning:
        'A temporary condition stopped delivery for now; the message itself is fine and a later attempt may work.',
      rfc: 'RFC 3463',
    },
  ],
  [
    '5',
    {
      title: 'Permanent failure',
      meaning: 'Resending the same message to the same address will fail again until something is changed.',
      rfc: 'RFC 3463',
    },
  ],
]);

export const SUBJECTS: ReadonlyMap<string, RegistryEntry> = new Map([
  [
    '0',
    {
      title: 'Other or undefined status',
      meaning: 'The server gave no detail about the kind of problem.',
      rfc: 'RFC 3463',
    },
  ],
  [
    '1',
    {
      title: 'Addressing status',
      meaning: 'Something is wrong with the sender or recipient address.',
      rfc: 'RFC 3463',
    },
  ],
  [
    '2',
    {
      title: 'Mailbox status',
      meaning: "The recipient's mailbox is the problem (full, disabled, list expansion).",
      rfc: 'RFC 3463',
    },
  ],
  [
    '3',
    {
      title: 'Mail system status',
      meaning: 'The destination mail system as a whole is the problem (storage, size limits, configuration).',
      rfc: 'RFC 3463',
    },
  ],
  [
    '4',
    {
      title: 'Network and routing status',
      meaning: 'The network, DNS or routing between the servers is the problem.',
      rfc: 'RFC 3463',
    },
  ],
  [
    '5',
    {
      title: 'Mail delivery protocol status',
      meaning: 'The SMTP conversation itself failed (bad command, syntax, too many recipients).',
      rfc: 'RFC 3463',
    },
  ],
  [
    '6',
    {
      title: 'Message content or media status',
      meaning: 'The content of the message could not be handled or converted.',
      rfc: 'RFC 3463',
    },
  ],
  [
    '7',
    {
      title: 'Security or policy status',
      meaning: 'A security or policy rule refused the message (filtering, authentication, encryption).',
      rfc: 'RFC 3463',
    },
  ],
]);

/** Enumerated codes keyed by "subject.detail" (e.g. "1.1"). */
export const DETAILS: ReadonlyMap<string, RegistryEntry> = new Map(
  REGISTRY_ROWS.map(([code, title, meaning, rfc]) => [code, { title, meaning, rfc: rfc ?? 'RFC 3463' }]),
);

/** Look up "5.1.1" → the registry entry for X.1.1 (undefined for vendor codes such as 5.7.606). */
export function registryDetail(status: string): RegistryEntry | undefined {
  const parts = status.split('.');
  return parts.length === 3 ? DETAILS.get(`${Number(parts[1])}.${Number(parts[2])}`) : undefined;
}

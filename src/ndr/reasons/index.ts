// The classifier: one category for a failure from its reply text, enhanced status code and basic
// reply code. Strong wording first (the same code, 5.7.1 above all, is used for very different
// causes), then a specific status code, then weak wording, then a vague code, then the reply code.

import { registryDetail } from '../codes/registry.js';
import type { Category } from '../codes/types.js';
import { wordsRegExp } from '../words.js';
import * as blocked from './blocked.js';
import * as expired from './expired.js';
import * as host from './host-not-found.js';
import * as full from './mailbox-full.js';
import * as large from './message-too-large.js';
import * as network from './network.js';
import { ORDER } from './order.js';
import * as other from './other.js';
import * as policy from './policy.js';
import * as relay from './relay-denied.js';
import * as spam from './spam-virus.js';
import type { CategoryInfo, Reason } from './types.js';
import * as user from './unknown-user.js';

export type { Category, CategoryInfo, Reason };
export { ORDER };

/** Every category, in the order README lists them. */
export const CATEGORIES: readonly CategoryInfo[] = [
  user.info,
  full.info,
  large.info,
  blocked.info,
  policy.info,
  relay.info,
  host.info,
  network.info,
  expired.info,
  spam.info,
  other.info,
];

/** Longest text worth scanning; reply texts are short, and this bounds work on hostile input. */
export const MAX_TEXT = 4096;

const STATUS = new Map<string, { category: Category; weak: boolean }>();
const REPLY = new Map<number, Category>();
const BY_SUBJECT = new Map<string, Category>();
for (const c of CATEGORIES) {
  for (const s of c.status ?? []) STATUS.set(s, { category: c.id, weak: c.weakStatus?.includes(s) ?? false });
  for (const r of c.replies ?? []) REPLY.set(r, c.id);
  if (c.vendorSubject) BY_SUBJECT.set(c.vendorSubject, c.id);
}

const WORDS = new Map<Reason, RegExp>(
  ORDER.filter((r) => r.words).map((r) => [r, wordsRegExp(...(r.words ?? []))]),
);

/** Whether a reason's wording occurs in the text (`lower` is the text in lower case). */
export function matches(reason: Reason, text: string, lower = text.toLowerCase()): boolean {
  return (
    (reason.phrases?.some((p) => lower.includes(p)) ?? false) ||
    (reason.patterns?.some((re) => re.test(text)) ?? false) ||
    (WORDS.get(reason) ?? (reason.words ? wordsRegExp(...reason.words) : undefined))?.test(text) === true
  );
}

/** The first reason of the given strength, in ORDER, whose wording occurs in the text. */
export function reasonOf(text: string, strength: 'strong' | 'weak' = 'strong'): Reason | undefined {
  const t = text.length > MAX_TEXT ? text.slice(0, MAX_TEXT) : text;
  const lower = t.toLowerCase();
  return ORDER.find((r) => r.strength === strength && matches(r, t, lower));
}

export function categoryFromText(text: string, strength: 'strong' | 'weak' = 'strong'): Category | undefined {
  return reasonOf(text, strength)?.category;
}

/** Category for an enhanced status code ("5.1.1"), and whether the code is specific enough to trust. */
export function categoryFromStatus(status: string): { category: Category; weak: boolean } | undefined {
  const [, subject, detail] = status.split('.');
  if (subject === undefined || detail === undefined) return undefined;
  const known = STATUS.get(`${Number(subject)}.${Number(detail)}`);
  if (known) return { ...known };
  // Codes outside the registry (vendor codes): fall back to the subject, and treat as weak.
  if (registryDetail(status)) return undefined;
  const guess = BY_SUBJECT.get(String(Number(subject)));
  return guess ? { category: guess, weak: true } : undefined;
}

/** Whether some weak wording in the text points to `category`. */
function agrees(category: Category, text: string): boolean {
  const t = text.length > MAX_TEXT ? text.slice(0, MAX_TEXT) : text;
  const lower = t.toLowerCase();
  return ORDER.some((r) => r.strength === 'weak' && r.category === category && matches(r, t, lower));
}

export function classify(input: { status?: string; replyCode?: number; diagnostic?: string }): Category {
  const text = input.diagnostic ?? '';
  const strong = text ? categoryFromText(text) : undefined;
  if (strong) return strong;
  const byStatus = input.status ? categoryFromStatus(input.status) : undefined;
  if (byStatus && !byStatus.weak) return byStatus.category;
  // A vague code and generic wording that agree decide together: Postfix's "Recipient address
  // rejected: Access denied" under 5.7.1 is policy, not the unknown user those words alone suggest.
  if (byStatus && text && agrees(byStatus.category, text)) return byStatus.category;
  const weak = text ? categoryFromText(text, 'weak') : undefined;
  if (weak) return weak;
  if (byStatus) return byStatus.category;
  const byReply = input.replyCode ? REPLY.get(input.replyCode) : undefined;
  return byReply ?? 'other';
}

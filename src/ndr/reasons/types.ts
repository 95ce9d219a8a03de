// The shape of the bounce-reason data: one module per category (its label, its status and reply
// codes) and named sets of wording (a "reason") that point to a category. ORDER (order.ts) says
// which set is tried first; the engine (index.ts) walks it.

import type { Category } from '../codes/types.js';
import type { Words } from '../words.js';

export interface CategoryInfo {
  id: Category;
  label: string;
  description: string;
  /** Enhanced status codes as "subject.detail" ("1.1" for X.1.1) that mean this category. */
  status?: readonly string[];
  /** Of those, the codes that say so little that generic words may override them. */
  weakStatus?: readonly string[];
  /** Vendor codes (outside the IANA registry) with this subject are read as this category, weakly. */
  vendorSubject?: string;
  /** Basic reply codes that mean this category when nothing else does. */
  replies?: readonly number[];
}

export interface Reason {
  /** What the wording says; unique across ORDER. */
  name: string;
  category: Category;
  /**
   * Strong wording decides before the status code; weak (generic) wording only when the code is
   * missing or vague.
   */
  strength: 'strong' | 'weak';
  /** Plain lowercase substrings. */
  phrases?: readonly string[];
  /** Where a substring will not do (word boundaries, optional words); case-insensitive. */
  patterns?: readonly RegExp[];
  /** Word tables (every language), for wording shared with the other readers. */
  words?: readonly Words[];
}

// The shape of a findings catalogue: every finding id a module can emit, declared once `as const`
// next to the code that emits it (src/checks/<group>/ids.ts, src/headers/ids.ts…), with the
// severities it can have (the first being its default), a title saying what it means and the
// reference it usually cites. src/catalogue.ts gathers them.
import type { Severity } from './model.js';

export interface CatalogueEntry {
  severity: readonly [Severity, ...Severity[]];
  /** What the id means, in general (a finding's own title names the host, the record…). */
  title: string;
  /** The book chapter or RFC behind it (a finding may cite a more precise one). */
  ref: string;
}

export type Catalogue = Record<string, CatalogueEntry>;

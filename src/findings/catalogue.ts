// The shape of a findings catalogue: every finding id a module can emit, declared once `as const`
// next to the code that emits it (src/checks/<group>/ids.ts, src/headers/ids.ts…), with the
// severities it can have, the first being its default. src/catalogue.ts gathers them.
import type { Severity } from './model.js';

export interface CatalogueEntry {
  severity: readonly [Severity, ...Severity[]];
}

export type Catalogue = Record<string, CatalogueEntry>;

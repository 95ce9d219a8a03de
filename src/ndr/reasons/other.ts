import type { CategoryInfo } from './types.js';

/** What is left when no wording, status or reply code points elsewhere; it has no wording of its own. */
export const info: CategoryInfo = {
  id: 'other',
  label: 'other',
  description:
    'Anything else: protocol errors, too many recipients, content conversion, server-side faults, or no detail given.',
};

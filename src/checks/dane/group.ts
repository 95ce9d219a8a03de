// The dane group of `mailflow check`: TLSA records at _25._tcp.<exchanger> and whether the
// certificate each exchanger presents matches them.
import type { CheckGroup } from '../group.js';
import { groupMeta } from '../groups.js';
import { gatherTlsa } from './gather.js';
import { judge } from './judge.js';

export const daneGroup: CheckGroup<'tlsa' | 'starttls'> = {
  ...groupMeta('dane'),
  requires: ['tlsa', 'starttls'],
  gather: { tlsa: { run: gatherTlsa } },
  judge,
};

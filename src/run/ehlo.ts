// PLACEHOLDER: owned by the helper building `mailflow ehlo`; replace entirely.
import { UsageError } from '../findings/errors.js';
import type { Result } from '../findings/model.js';

export function run(): Iterable<Result> {
  throw new UsageError('ehlo is not built yet');
}

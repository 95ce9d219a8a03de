// PLACEHOLDER: owned by the helper building `mailflow mx`; replace entirely.
import { UsageError } from '../findings/errors.js';
import type { Result } from '../findings/model.js';

export function run(): Iterable<Result> {
  throw new UsageError('mx is not built yet');
}

// PLACEHOLDER: owned by the helper building `mailflow ndr`; replace entirely.
import { UsageError } from '../findings/errors.js';
import type { Result } from '../findings/model.js';

export function run(): Iterable<Result> {
  throw new UsageError('ndr is not built yet');
}

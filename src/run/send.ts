// PLACEHOLDER: owned by the helper building `mailflow send`; replace entirely.
import { UsageError } from '../findings/errors.js';
import type { Result } from '../findings/model.js';

export function run(): Iterable<Result> {
  throw new UsageError('send is not built yet');
}

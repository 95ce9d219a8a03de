// PLACEHOLDER: owned by the helper building `mailflow probe`; replace entirely.
import { UsageError } from '../findings/errors.js';
import type { Result } from '../findings/model.js';

export function run(): Iterable<Result> {
  throw new UsageError('probe is not built yet');
}

// PLACEHOLDER: owned by the helper building `mailflow check`; replace entirely.
import type { CommandDef } from '../src/cli/command.js';

const check: CommandDef = {
  usage: 'check <targets..>',
  describe: '(being built)',
  examples: [],
  network: true,
  load: () => import('../src/run/check.js'),
};
export default check;

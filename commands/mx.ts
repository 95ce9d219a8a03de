// PLACEHOLDER: owned by the helper building `mailflow mx`; replace entirely.
import type { CommandDef } from '../src/cli/command.js';

const mx: CommandDef = {
  usage: 'mx <targets..>',
  describe: '(being built)',
  examples: [],
  network: true,
  load: () => import('../src/run/mx.js'),
};
export default mx;

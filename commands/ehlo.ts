// PLACEHOLDER: owned by the helper building `mailflow ehlo`; replace entirely.
import type { CommandDef } from '../src/cli/command.js';

const ehlo: CommandDef = {
  usage: 'ehlo <targets..>',
  describe: '(being built)',
  examples: [],
  network: true,
  load: () => import('../src/run/ehlo.js'),
};
export default ehlo;

// PLACEHOLDER: owned by the helper building `mailflow probe`; replace entirely.
import type { CommandDef } from '../src/cli/command.js';

const probe: CommandDef = {
  usage: 'probe <targets..>',
  describe: '(being built)',
  examples: [],
  network: true,
  load: () => import('../src/run/probe.js'),
};
export default probe;

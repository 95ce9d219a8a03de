// PLACEHOLDER: owned by the helper building `mailflow send`; replace entirely.
import type { CommandDef } from '../src/cli/command.js';

const send: CommandDef = {
  usage: 'send <targets..>',
  describe: '(being built)',
  examples: [],
  network: true,
  load: () => import('../src/run/send.js'),
};
export default send;

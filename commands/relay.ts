// PLACEHOLDER: owned by the helper building `mailflow relay`; replace entirely.
import type { CommandDef } from '../src/cli/command.js';

const relay: CommandDef = {
  usage: 'relay <targets..>',
  describe: '(being built)',
  examples: [],
  network: true,
  load: () => import('../src/run/relay.js'),
};
export default relay;

// `mailflow probe`: the book's "telnet <server> 25" reachability test, for every address
// of every exchanger at once (Chapter 5, "Using Telnet to Ensure Internet Accessibility").

import { PRESETS, planPorts } from '../src/checks/probe/ports.js';
import type { CommandDef } from '../src/cli/command.js';
import { assertNoControlChars, UsageError } from '../src/findings/errors.js';

const presetHelp = Object.entries(PRESETS)
  .map(([name, p]) => `${name} (${p.describe})`)
  .join('; ');

const probe: CommandDef = {
  usage: 'probe <targets..>',
  describe:
    'Check that mail servers accept connections: connect and greeting time, banner, refusals, timeouts',
  examples: [
    ['mailflow probe example.com', 'Every address of every MX of example.com, on port 25'],
    ['mailflow probe mail.example.com 192.0.2.25', 'A host and an address, directly'],
    ['mailflow probe example.com --ports mail', 'Ports 25, 587 and 465'],
    ['mailflow probe mail.example.com:2525 --timeout 3', 'A custom port, waiting at most 3 s per step'],
  ],
  network: true,
  positionals: {
    targets: {
      type: 'string',
      array: true,
      describe: 'Domains (their MX) or e-mail addresses, host names or IP addresses; host:port allowed',
    },
  },
  options: {
    port: { type: 'number', default: 25, describe: 'TCP port to probe' },
    ports: {
      type: 'string',
      describe: `Several ports: a comma list (numbers or names like submission, smtps) or a preset: ${presetHelp}`,
    },
    concurrency: { type: 'number', default: 64, describe: 'Connections in flight at once' },
    ca: {
      type: 'string',
      describe: 'PEM file of a private CA, for ports with TLS on connect (465, 993, ...)',
    },
  },
  validate(args) {
    const { port, ports, concurrency, targets } = args as {
      port?: number;
      ports?: string;
      concurrency?: number;
      targets?: string[];
    };
    if (port !== undefined && !(Number.isInteger(port) && port >= 1 && port <= 65535)) {
      throw new UsageError('--port must be a whole number from 1 to 65535');
    }
    if (ports !== undefined) planPorts(String(ports));
    if (
      concurrency !== undefined &&
      !(Number.isInteger(concurrency) && concurrency >= 1 && concurrency <= 1024)
    ) {
      throw new UsageError('--concurrency must be a whole number from 1 to 1024');
    }
    for (const t of targets ?? []) assertNoControlChars('target', String(t));
  },
  load: () => import('../src/run/probe.js'),
};
export default probe;

// `mailflow probe`: the book's "telnet <server> 25" reachability test, for every address
// of every exchanger at once (Chapter 5, "Using Telnet to Ensure Internet Accessibility").

import { PORTS, PRESETS, planPorts } from '../src/checks/probe/ports.js';
import { type ArgsOf, declareArgs, defineCommand } from '../src/cli/declare.js';
import {
  caOption,
  concurrencyOption,
  portOption,
  proxyOption,
  targetsPositional,
  tlsClientOptions,
  validateConcurrency,
  validatePort,
  validateProxy,
  validateTargets,
  validateTlsClient,
} from './smtp-options.js';

const presetHelp = Object.entries(PRESETS)
  .map(([name, p]) => `${name} (${p.describe})`)
  .join('; ');

const probeArgs = declareArgs({
  positionals: { targets: targetsPositional() },
  options: {
    port: portOption('TCP port to probe', 25),
    ports: {
      type: 'string',
      describe: `Several ports: a comma list (numbers or names like submission, smtps) or a preset: ${presetHelp}`,
    },
    concurrency: concurrencyOption('Connections in flight at once', 64),
    ca: caOption('PEM file of a private CA, for ports with TLS on connect (465, 993, ...)'),
    ...tlsClientOptions,
    proxy: proxyOption,
  },
});
export type ProbeArgs = ArgsOf<typeof probeArgs>;

const probe = defineCommand({
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
  smtp: true,
  ...probeArgs,
  complete: { ports: [...Object.keys(PRESETS), ...PORTS.map((p) => p.name)] },
  async validate(args) {
    validatePort('--port', args.port);
    if (args.ports !== undefined) planPorts(String(args.ports));
    validateConcurrency(args.concurrency);
    validateTlsClient(args);
    await validateTargets(args.targets);
    await validateProxy(args.proxy);
  },
  secrets: ['proxy'],
  load: () => import('../src/run/probe.js'),
});
export default probe;

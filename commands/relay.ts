// `mailflow relay`: the open-relay test of book ch. 6 ("Disabling Open Relaying"), without sending mail.
import { type ArgsOf, declareArgs, defineCommand } from '../src/cli/declare.js';
import {
  heloNameOption,
  portOption,
  proxyOption,
  targetsPositional,
  tlsClientOptions,
  validateHeloName,
  validatePort,
  validateProxy,
  validateTargets,
  validateTlsClient,
} from './smtp-options.js';

const relayArgs = declareArgs({
  positionals: { targets: targetsPositional() },
  options: {
    port: portOption('Port when a target gives none (default 25)'),
    'helo-name': heloNameOption,
    proxy: proxyOption,
    tls: {
      type: 'boolean',
      default: true,
      describe: 'Use STARTTLS when offered (--no-tls: stay in clear text)',
    },
    ...tlsClientOptions,
    'outside-sender': { type: 'string', describe: 'Outside sender address (default relay-test@example.org)' },
    'outside-recipient': {
      type: 'string',
      describe: 'Outside recipient address (default relay-test@example.net)',
    },
    'own-domain': {
      type: 'string',
      describe:
        "The server's own domain, for the own-domain-sender and routing variants (default: the domain tested, or from the greeting)",
    },
  },
});
export type RelayArgs = ArgsOf<typeof relayArgs>;

const relay = defineCommand({
  usage: 'relay <targets..>',
  describe:
    'Test whether a server relays mail for outsiders without authentication (stops after RCPT; never sends)',
  examples: [
    ['mailflow relay example.com', 'Test the best MX of example.com'],
    ['mailflow relay mail.example.com:587 --transcript', 'Test one host and port, showing the conversation'],
    [
      'mailflow relay 192.0.2.10 --own-domain example.com --outside-recipient me@my-other-domain.example',
      'Choose the addresses used (defaults are reserved example domains)',
    ],
  ],
  network: true,
  smtp: true,
  ...relayArgs,
  async validate(args) {
    validatePort('--port', args.port);
    await validateHeloName(args['helo-name']);
    validateTlsClient(args);
    const { checkAddress, checkHeloName } = await import('../src/send/address.js');
    if (args['outside-sender'] !== undefined) checkAddress('--outside-sender', args['outside-sender']);
    if (args['outside-recipient'] !== undefined)
      checkAddress('--outside-recipient', args['outside-recipient']);
    if (args['own-domain'] !== undefined) checkHeloName(args['own-domain'], '--own-domain');
    await validateTargets(args.targets);
    await validateProxy(args.proxy);
  },
  secrets: ['proxy'],
  load: () => import('../src/run/relay.js'),
});
export default relay;

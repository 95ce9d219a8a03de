// `mailflow session <host[:port]>`: the book's telnet session, for today: an interactive SMTP
// session with TLS, AUTH that never shows secrets, and replies explained as they come.
import { type ArgsOf, declareArgs, defineCommand } from '../src/cli/declare.js';
import { UsageError } from '../src/findings/errors.js';
import {
  caOption,
  heloNameOption,
  localAddressOption,
  portOption,
  proxyOption,
  tlsClientOptions,
  tlsNameOption,
  validateHeloName,
  validatePort,
  validateProxy,
  validateTlsClient,
  validateTlsName,
} from './smtp-options.js';

const sessionArgs = declareArgs({
  positionals: {
    server: { type: 'string', describe: 'host[:port] (default port 25; 465 with --tls-on-connect)' },
  },
  options: {
    port: portOption('Port (default 25)'),
    'helo-name': heloNameOption,
    'tls-on-connect': { type: 'boolean', describe: 'TLS from the first byte (SMTPS, port 465)' },
    ca: caOption('PEM file of a CA to trust (a private CA)'),
    'tls-name': tlsNameOption,
    ...tlsClientOptions,
    'local-address': localAddressOption,
    proxy: proxyOption,
    insecure: {
      type: 'boolean',
      default: false,
      describe: 'Carry on when the certificate does not verify (testing only)',
    },
    record: {
      type: 'string',
      describe: 'Write what is typed and the replies to this file (secrets never written)',
    },
    replay: {
      type: 'string',
      describe: 'Run a recorded session without a terminal; stop on the first unexpected reply class',
    },
    'allow-plaintext-auth': {
      type: 'boolean',
      default: false,
      describe: 'Allow the auth helper on a connection that is not encrypted',
    },
  },
});
export type SessionArgs = ArgsOf<typeof sessionArgs>;

const session = defineCommand({
  usage: 'session <server..>',
  describe:
    'Interactive SMTP session (telnet/openssl s_client for SMTP): starttls, auth, capa, data helpers; replies timed and explained',
  examples: [
    ['mailflow session mail.example.com', 'Talk SMTP to port 25; type help for the helpers'],
    [
      'mailflow session mail.example.com:587 --record s.txt',
      'Submission port, recorded (secrets never written)',
    ],
    [
      'mailflow session mail.example.com --replay s.txt',
      'Run a recorded session from a script; stops on the first unexpected reply',
    ],
  ],
  network: true,
  ...sessionArgs,
  validate: async (args) => {
    const servers = args.server ?? [];
    if (servers.length !== 1)
      throw new UsageError('mailflow session talks to one server: give exactly one host[:port]');
    validatePort('--port', args.port);
    await validateHeloName(args['helo-name']);
    validateTlsClient(args);
    await validateProxy(args.proxy);
    validateTlsName(args['tls-name']);
  },
  secrets: ['proxy'],
  load: () => import('../src/run/session.js'),
});
export default session;

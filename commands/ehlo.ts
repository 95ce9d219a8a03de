// `mailflow ehlo`: the book's "telnet <server> 25, then ehlo" test: which extended verbs a
// server advertises, compared with what it should (Chapter 5, "Verifying SMTP Port Settings").
import { PROFILE_IDS } from '../src/checks/ehlo/profiles.js';
import { type ArgsOf, declareArgs, defineCommand } from '../src/cli/declare.js';
import { assertNoControlChars, UsageError } from '../src/findings/errors.js';
import {
  caOption,
  certOutputOptions,
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

const ehloArgs = declareArgs({
  positionals: { targets: targetsPositional() },
  options: {
    port: portOption('TCP port', 25),
    'helo-name': heloNameOption,
    starttls: {
      type: 'boolean',
      default: false,
      describe: 'Upgrade with STARTTLS when offered and EHLO again',
    },
    'tls-on-connect': {
      type: 'boolean',
      default: false,
      describe: 'TLS from the first byte (SMTPS, port 465)',
    },
    profile: {
      choices: PROFILE_IDS,
      describe: 'Which verbs to expect (default: detected from the greeting)',
    },
    ca: caOption('PEM file of a private CA to trust when verifying the certificate'),
    ...tlsClientOptions,
    ...certOutputOptions,
    proxy: proxyOption,
    expect: {
      type: 'string',
      array: true,
      describe: 'A verb that must be advertised (repeatable), e.g. XEXCH50 or "AUTH PLAIN"',
    },
  },
});
export type EhloArgs = ArgsOf<typeof ehloArgs>;

const ehlo = defineCommand({
  usage: 'ehlo <targets..>',
  describe:
    "List a server's EHLO extensions and check the expected verbs are there (e.g. Exchange's X- verbs)",
  examples: [
    ['mailflow ehlo mail.example.com', 'Greeting, extensions, and a check against the detected profile'],
    [
      'mailflow ehlo example.com --starttls',
      'Each MX, upgraded with STARTTLS: TLS version, cipher, certificate',
    ],
    [
      'mailflow ehlo 192.0.2.25 --profile exchange2000',
      "Expect Exchange 2000's verbs (the book's Example 1)",
    ],
    ['mailflow ehlo mail.example.com --expect SMTPUTF8 --expect "AUTH PLAIN"', 'Require a custom list'],
    [
      'mailflow ehlo mail.example.com --starttls --show-certs --save-certs chain.pem',
      'Every certificate the server sent (subject, issuer, dates, names, SHA-256), also saved as PEM',
    ],
  ],
  network: true,
  smtp: true,
  ...ehloArgs,
  async validate(args) {
    validatePort('--port', args.port);
    await validateHeloName(args['helo-name']);
    validateTlsClient(args);
    for (const v of (args.expect as string[] | undefined) ?? []) {
      assertNoControlChars('--expect', String(v));
      if (!/^[A-Za-z0-9][A-Za-z0-9=-]*( [^\s]+)*$/.test(String(v).trim())) {
        throw new UsageError(`--expect "${v}" is not an EHLO keyword (optionally followed by parameters)`);
      }
    }
    await validateTargets(args.targets);
    await validateProxy(args.proxy);
  },
  secrets: ['proxy'],
  load: () => import('../src/run/ehlo.js'),
});
export default ehlo;

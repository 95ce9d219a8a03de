// `mailflow ehlo`: the book's "telnet <server> 25, then ehlo" test: which extended verbs a
// server advertises, compared with what it should (Chapter 5, "Verifying SMTP Port Settings").
import { PROFILE_IDS } from '../src/checks/ehlo/profiles.js';
import type { CommandDef } from '../src/cli/command.js';
import { assertNoControlChars, UsageError } from '../src/findings/errors.js';

const ehlo: CommandDef = {
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
    port: { type: 'number', default: 25, describe: 'TCP port' },
    'helo-name': { type: 'string', describe: "Name to announce in EHLO/HELO (default: this machine's FQDN)" },
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
    ca: { type: 'string', describe: 'PEM file of a private CA to trust when verifying the certificate' },
    expect: {
      type: 'string',
      array: true,
      describe: 'A verb that must be advertised (repeatable), e.g. XEXCH50 or "AUTH PLAIN"',
    },
  },
  validate(args) {
    const a = args as { port?: number; 'helo-name'?: string; expect?: string[]; targets?: string[] };
    if (a.port !== undefined && !(Number.isInteger(a.port) && a.port >= 1 && a.port <= 65535)) {
      throw new UsageError('--port must be a whole number from 1 to 65535');
    }
    const name = a['helo-name'];
    if (name !== undefined) {
      assertNoControlChars('--helo-name', String(name));
      if (!/^(\[[^\]\s]+\]|[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?)$/.test(String(name))) {
        throw new UsageError('--helo-name must be a host name or an address literal like [192.0.2.1]');
      }
    }
    for (const v of a.expect ?? []) {
      assertNoControlChars('--expect', String(v));
      if (!/^[A-Za-z0-9][A-Za-z0-9=-]*( [^\s]+)*$/.test(String(v).trim())) {
        throw new UsageError(`--expect "${v}" is not an EHLO keyword (optionally followed by parameters)`);
      }
    }
    for (const t of a.targets ?? []) assertNoControlChars('target', String(t));
  },
  load: () => import('../src/run/ehlo.js'),
};
export default ehlo;

// `mailflow send`: the book's Chapter 7 telnet test send (EHLO, AUTH LOGIN, MAIL, RCPT, DATA), scripted.
import { type ArgsOf, declareArgs, defineCommand } from '../src/cli/declare.js';
import { assertNoControlChars, UsageError } from '../src/findings/errors.js';
import {
  caOption,
  certOutputOptions,
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

const sendArgs = declareArgs({
  options: {
    server: {
      type: 'string',
      describe: 'SMTP server host[:port] (default: the best reachable MX of the recipient domain)',
    },
    port: portOption('Port (default 25; 587 with --auth; 465 with --tls-on-connect)'),
    from: {
      type: 'string',
      demandOption: true,
      describe: 'Envelope sender (MAIL FROM) and From: header; "" for the null sender',
    },
    to: { type: 'string', array: true, demandOption: true, describe: 'Recipient (RCPT TO); repeat for more' },
    'helo-name': heloNameOption,
    tls: {
      type: 'boolean',
      describe: 'Require STARTTLS (--no-tls: never use TLS; default: STARTTLS whenever offered)',
    },
    'tls-on-connect': { type: 'boolean', describe: 'TLS from the first byte (SMTPS, port 465, RFC 8314)' },
    insecure: {
      type: 'boolean',
      default: false,
      describe: 'Do not verify the server certificate (testing only)',
    },
    ca: caOption('PEM file of a CA to trust (a private CA)'),
    'tls-name': tlsNameOption,
    ...tlsClientOptions,
    ...certOutputOptions,
    'local-address': localAddressOption,
    proxy: proxyOption,
    auth: {
      choices: ['login', 'plain', 'cram-md5', 'xoauth2', 'oauthbearer'],
      describe:
        "Authenticate with AUTH LOGIN (the book's test), PLAIN, CRAM-MD5, or with an OAuth token: XOAUTH2 (Microsoft 365, Gmail) or OAUTHBEARER (RFC 7628)",
    },
    user: {
      type: 'string',
      describe:
        'User name for AUTH; without --auth, mailflow uses the best mechanism the server offers (PLAIN, LOGIN, CRAM-MD5; with --token-file OAUTHBEARER, XOAUTH2)',
    },
    'password-file': { type: 'string', describe: 'Read the AUTH password from the first line of this file' },
    'token-file': {
      type: 'string',
      describe:
        'Read the OAuth access token (xoauth2, oauthbearer; with --user alone, whichever the server offers) from the first line of this file; else MAILFLOW_TOKEN or a prompt',
    },
    password: {
      type: 'string',
      describe:
        'AUTH password (visible in the process list: prefer MAILFLOW_PASSWORD, --password-file or the prompt)',
    },
    'allow-plaintext-auth': {
      type: 'boolean',
      default: false,
      describe: 'Allow AUTH over a connection that is not encrypted (exposes the password)',
    },
    subject: { type: 'string', describe: 'Subject (default: "mailflow test message <timestamp>")' },
    body: { type: 'string', describe: 'Message body text (default: a note saying what sent it)' },
    header: { type: 'string', array: true, describe: 'Extra header "Name: value"; repeat for more' },
    data: { type: 'string', describe: 'Send this file as the whole message (headers and body) instead' },
    'dsn-notify': {
      type: 'string',
      array: true,
      choices: ['success', 'failure', 'delay', 'never'],
      describe:
        'Ask for delivery status notifications (RFC 3461): NOTIFY= on every recipient, e.g. --dsn-notify success failure',
    },
    'dsn-ret': {
      choices: ['hdrs', 'full'],
      describe: 'What a failure report returns of the message: headers only, or all of it (RET=)',
    },
    attach: {
      type: 'string',
      array: true,
      describe:
        'Attach this file (repeat for more): multipart/mixed, base64, Content-Type from the extension; 50M in all',
    },
    size: {
      type: 'string',
      describe: 'Pad the test message to about this size: bytes, or 10k, 2M, 1MB (1k = 1024); at most 50M',
    },
    chunking: {
      type: 'boolean',
      default: true,
      describe: 'Send with BDAT when the server offers CHUNKING (RFC 3030); --no-chunking: always DATA',
    },
    pipelining: {
      type: 'boolean',
      default: true,
      describe:
        'Send MAIL, RCPT and DATA in one write when the server offers PIPELINING (RFC 2920); --no-pipelining: one command, then its reply',
    },
    'quit-after': {
      choices: ['connect', 'banner', 'ehlo', 'tls', 'starttls', 'auth', 'mail', 'rcpt', 'data'],
      describe:
        'Stop cleanly after this step (rcpt: "can this user receive mail?"; data: "would the server take a message?", after its 354); nothing is delivered',
    },
    'drop-after': {
      choices: ['connect', 'banner', 'ehlo', 'tls', 'starttls', 'auth', 'mail', 'rcpt', 'data', 'dot'],
      describe:
        'Close the TCP connection without QUIT after this step (dot: after the message was accepted), to test how the server copes',
    },
  },
});
export type SendArgs = ArgsOf<typeof sendArgs>;

const send = defineCommand({
  usage: 'send',
  describe:
    "Send a test message (optionally with AUTH) and show each step, like the book's telnet test (Chapter 7)",
  examples: [
    [
      'mailflow send --server mail.example.com:587 --auth login --user alice --from alice@example.com --to bob@example.net',
      'Authenticated test send over STARTTLS on the submission port; the password comes from MAILFLOW_PASSWORD or a prompt',
    ],
    [
      'mailflow send --server smtp.office365.com:587 --auth xoauth2 --user alice@example.com --from alice@example.com --to bob@example.net',
      'Microsoft 365 submission with OAuth (Basic auth is off from December 2026); the token comes from MAILFLOW_TOKEN, --token-file or a prompt',
    ],
    [
      'mailflow send --from me@example.org --to postmaster@example.com',
      'Deliver straight to the best MX of example.com',
    ],
    [
      'mailflow send --server mx.example.com --from me@example.org --to alice@example.com --quit-after rcpt',
      'Can alice receive mail? Stops after RCPT; nothing is sent',
    ],
    [
      'mailflow send --server 192.0.2.25 --tls-name mail.example.com --tls-cert client.pem --tls-key client.key --from a@example.com --to b@example.net --quit-after rcpt',
      'Does this client certificate give relay rights (Postfix permit_tls_clientcerts)? Stops after RCPT',
    ],
    [
      'mailflow send --server mail.example.com --from a@example.org --to b@example.com --quit-after tls --show-certs --save-certs chain.pem',
      'Every certificate the server sends, shown and saved as PEM',
    ],
    [
      'mailflow send --server mx.example.com --from me@example.org --to alice@example.com --attach report.docm --size 12M',
      'Does the attachment filter take a macro document, and does a 12 MiB message get through?',
    ],
    [
      'mailflow send --server 10.0.0.5 --from a@x.test --to b@x.test --transcript --json',
      'Full conversation as JSON',
    ],
  ],
  network: true,
  smtp: true,
  secrets: ['password', 'proxy'],
  ...sendArgs,
  validate: async (args) => {
    validatePort('--port', args.port);
    await validateHeloName(args['helo-name']);
    validateTlsClient(args);
    if (args.tls === true && args['tls-on-connect'])
      throw new UsageError('--tls and --tls-on-connect exclude each other');
    if (args.tls === false && args['tls-on-connect'])
      throw new UsageError('--no-tls and --tls-on-connect exclude each other');
    const tlsOnly = ['tls-cert', 'tls-min', 'tls-max', 'show-certs', 'save-certs'].find(
      (o) => args[o as keyof typeof args] !== undefined && args[o as keyof typeof args] !== false,
    );
    if (args.tls === false && tlsOnly) throw new UsageError(`--no-tls excludes --${tlsOnly}`);
    if (
      args.data !== undefined &&
      (args.subject !== undefined || args.body !== undefined || args.header !== undefined)
    ) {
      throw new UsageError('--data sends a whole message; it excludes --subject, --body and --header');
    }
    if (args.data !== undefined && (args.attach !== undefined || args.size !== undefined))
      throw new UsageError('--data sends a whole message; it excludes --attach and --size');
    if (args['quit-after'] !== undefined && args['drop-after'] !== undefined)
      throw new UsageError('--quit-after and --drop-after exclude each other');
    if (args.size !== undefined) {
      const { parseSize } = await import('../src/send/size.js');
      parseSize(String(args.size));
    }
    if ((args.attach ?? []).some((a) => String(a) === '')) throw new UsageError('--attach needs a file name');
    const notify = args['dsn-notify'] as string[] | undefined;
    if (notify !== undefined && notify.length === 0)
      throw new UsageError('--dsn-notify needs one or more of success, failure, delay, or never');
    const distinct = new Set(notify ?? []);
    if (distinct.has('never') && distinct.size > 1)
      throw new UsageError('--dsn-notify never excludes success, failure and delay');
    if (
      (args.password !== undefined || args['password-file'] !== undefined) &&
      args.auth === undefined &&
      !args.user
    ) {
      throw new UsageError('a password was given but no --auth/--user');
    }
    // Addresses and the server go on the wire: parsed here, before anything connects or prompts.
    const { checkAddress, domainOf, parseSmtpServer } = await import('../src/send/address.js');
    checkAddress('--from', String(args.from ?? ''), true);
    const to = (args.to ?? []).map((t) => checkAddress('--to', String(t)));
    if (to.length === 0) throw new UsageError('give at least one --to');
    if (args.server !== undefined) parseSmtpServer(args.server);
    await validateProxy(args.proxy);
    validateTlsName(args['tls-name']);
    // --user without --auth: mailflow picks the mechanism from what the server offers, for a token
    // when --token-file gives one, else for a password.
    const mechanism = args.auth ?? (args.user ? 'auto' : undefined);
    if (mechanism && !args.user) throw new UsageError('--auth needs --user');
    const password = args.password !== undefined || args['password-file'] !== undefined;
    const token =
      mechanism === 'xoauth2' ||
      mechanism === 'oauthbearer' ||
      (mechanism === 'auto' && args['token-file'] !== undefined);
    if (token && password)
      throw new UsageError(
        args.auth
          ? `--auth ${args.auth} takes an OAuth token (MAILFLOW_TOKEN or --token-file), not a password`
          : '--token-file gives an OAuth token; it excludes --password and --password-file',
      );
    if (args['token-file'] !== undefined && !token)
      throw new UsageError(
        '--token-file is for --auth xoauth2, --auth oauthbearer, or --user without --auth',
      );
    if (args.user !== undefined) assertNoControlChars('--user', args.user);
    if (mechanism && args.tls === false && !args['allow-plaintext-auth']) {
      throw new UsageError(
        `--no-tls with --auth would send the ${token ? 'token' : 'password'} unencrypted; add --allow-plaintext-auth if you mean it`,
      );
    }
    const domains = [...new Set(to.map((t) => domainOf(t).toLowerCase()))];
    if (args.server === undefined && domains.length > 1) {
      throw new UsageError(
        `recipients are in ${domains.length} domains (${domains.join(', ')}); send to one domain at a time or give --server`,
      );
    }
  },
  load: () => import('../src/run/send.js'),
});
export default send;

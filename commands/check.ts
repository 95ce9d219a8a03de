// `mailflow check`: Chapter 7's checklist for inbound mail in one run, plus the TLS and
// sender-policy checks modern receivers apply. For people (tables) and monitoring (Nagios, Prometheus).
import { GROUP_HELP, GROUPS } from '../src/checks/groups.js';
import { parseThresholds } from '../src/checks/inbound/thresholds.js';
import { type ArgsOf, declareArgs, defineCommand, listOf } from '../src/cli/declare.js';
import { parseDnsServer } from '../src/dns/server.js';
import { UsageError } from '../src/findings/errors.js';
import { BLOCKLIST_REPEATABLE, blocklistZoneOptions, validateZones } from './blocklist-options.js';
import {
  caOption,
  concurrencyOption,
  heloNameOption,
  portOption,
  proxyOption,
  tlsClientOptions,
  validateConcurrency,
  validateHeloName,
  validatePort,
  validateProxy,
  validateRange,
  validateTargets,
  validateTlsClient,
} from './smtp-options.js';

const checkArgs = declareArgs({
  // One value each, repeatable: `--only dmarc example.com` must leave example.com a domain (an
  // array option would swallow every word after it).
  repeatable: [...BLOCKLIST_REPEATABLE, 'file', 'skip', 'only'],
  positionals: {
    domains: { type: 'string', array: true, describe: 'Domains (or e-mail addresses) to check' },
  },
  options: {
    file: {
      type: 'string',
      describe: "File with one domain per line (repeatable) ('#' starts a comment; '-' reads standard input)",
    },
    concurrency: concurrencyOption('Domains checked at once (with --file or many domains)', 10),
    skip: {
      type: 'string',
      choices: GROUPS,
      describe: `Leave out a check group (repeatable): ${GROUP_HELP}`,
    },
    only: { type: 'string', choices: GROUPS, describe: 'Run only this check group (repeatable)' },
    'relay-test': {
      type: 'boolean',
      default: false,
      describe: 'Run the open-relay test (it opens sessions that look like spam attempts; off by default)',
    },
    control: {
      type: 'string',
      describe: 'A host known to accept port-25 connections, probed when no exchanger answers',
    },
    port: portOption('SMTP port of the exchangers', 25),
    ptr: {
      type: 'boolean',
      default: true,
      describe: 'Look up reverse DNS (PTR) of every exchanger address; --no-ptr skips it',
    },
    'helo-name': heloNameOption,
    ca: caOption('PEM file of an extra CA to trust (certificates of exchangers and of mta-sts.<domain>)'),
    // Every STARTTLS of the run (the tls group, and the relay test's sessions) offers these.
    ...tlsClientOptions,
    proxy: proxyOption,
    warning: {
      type: 'string',
      describe:
        'Warning thresholds: response time in seconds and/or certificate days, e.g. 3 or time=3,days=21',
    },
    critical: {
      type: 'string',
      describe: 'Critical thresholds, e.g. time=8,days=7',
    },
    deadline: {
      type: 'number',
      describe:
        'Seconds after which the check of a domain reports what it has (unfinished groups are UNKNOWN); default 6 × --timeout (24 × with --relay-test)',
    },
    // The blocklist group's lists, as in `mailflow blocklist`.
    ...blocklistZoneOptions,
    'mta-sts-port': { type: 'number', hidden: true, describe: 'HTTPS port for the MTA-STS policy (tests)' },
  },
});
export type CheckArgs = ArgsOf<typeof checkArgs>;

const check = defineCommand({
  usage: 'check [domains..]',
  describe:
    'Check everything that decides whether a domain can receive mail: MX, port 25, EHLO, STARTTLS, MTA-STS, DANE, SPF, DMARC (Chapter 7)',
  examples: [
    ['mailflow check example.com', 'Verdict and one table per group'],
    ['mailflow check example.com --relay-test', 'Also test for an open relay (Chapter 6)'],
    [
      'mailflow check example.com --format nagios --warning time=3,days=21 --critical time=8,days=7',
      'A Nagios service check',
    ],
    [
      'mailflow check --file domains.txt --concurrency 50 --json',
      'Many domains, one JSON line each, in file order',
    ],
    ['mailflow check example.com --only spf --only dmarc', 'Only the sender-side DNS records'],
    [
      'mailflow check example.com --only tls --tls-max TLSv1.1',
      'Do the exchangers still accept TLS 1.1? --tls-cert/--tls-key/--tls-min/--tls-max apply to every STARTTLS of the check',
    ],
    [
      'mailflow check example.com --dns 127.0.0.1 --zone zen --add-zone bl.example.net',
      'The blocklist group asks these lists (as mailflow blocklist --zone/--add-zone; --dqs-key for Spamhaus DQS)',
    ],
    [
      'mailflow check example.com --control smtp.example.net',
      'Tell "port 25 blocked here" from "server down"',
    ],
  ],
  network: true,
  smtp: true,
  ...checkArgs,
  async validate(args) {
    if (args.dns !== undefined) parseDnsServer(String(args.dns));
    validateConcurrency(args.concurrency);
    validatePort('--port', args.port);
    validatePort('--mta-sts-port', args['mta-sts-port']);
    if (args.deadline !== undefined) validateRange('--deadline', args.deadline, 1, 86400);
    if (args.skip && args.only) throw new UsageError('--skip and --only exclude each other');
    await validateHeloName(args['helo-name']);
    validateTlsClient(args);
    if (args.control !== undefined) {
      const { parseTarget } = await import('../src/dns/parse-target.js');
      parseTarget(String(args.control), { label: '--control', port: true });
    }
    await validateTargets(args.domains, { port: false });
    await validateProxy(args.proxy);
    const zoneChoice = (['zone', 'add-zone', 'tier', 'dqs-key'] as const).find((o) => args[o] !== undefined);
    const only = listOf(args.only);
    const groups = only.length ? only : GROUPS.filter((g) => !listOf(args.skip).includes(g));
    if (zoneChoice && !groups.includes('blocklist'))
      throw new UsageError(
        `--${zoneChoice} chooses the blocklist group's lists, which --skip/--only leave out`,
      );
    // Only a run that asks blocklists reads the lists and the key (MAILFLOW_DQS_KEY included).
    if (groups.includes('blocklist')) await validateZones(args);
    const w = parseThresholds(args.warning, '--warning');
    const c = parseThresholds(args.critical, '--critical');
    if (w.time !== undefined && c.time !== undefined && w.time > c.time)
      throw new UsageError('--warning time must not exceed --critical time');
    if (w.days !== undefined && c.days !== undefined && w.days < c.days)
      throw new UsageError('--warning days must be at least --critical days');
  },
  secrets: ['proxy', 'dqs-key'],
  load: () => import('../src/run/check.js'),
});
export default check;

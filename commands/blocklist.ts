// `mailflow blocklist`: is this address, host or mail domain on the DNS blocklists that matter —
// with errors told apart from listings and each list's health checked in the same run.
import { type ArgsOf, declareArgs, defineCommand } from '../src/cli/declare.js';
import { parseDnsServer } from '../src/dns/server.js';
import { UsageError } from '../src/findings/errors.js';
import { BLOCKLIST_REPEATABLE, blocklistZoneOptions, validateZones } from './blocklist-options.js';
import { concurrencyOption, validateConcurrency } from './smtp-options.js';

const blocklistArgs = declareArgs({
  repeatable: BLOCKLIST_REPEATABLE,
  positionals: {
    targets: { type: 'string', array: true, describe: 'IP addresses, host names or mail domains' },
  },
  options: {
    mx: {
      type: 'boolean',
      describe: 'Treat every name as a mail domain (check its exchangers), even without MX records',
    },
    spf: {
      type: 'boolean',
      describe: "Also check the single addresses (ip4:/ip6:) of a domain's SPF record",
    },
    ...blocklistZoneOptions,
    'list-zones': {
      type: 'boolean',
      describe: 'Print the blocklist data (zones, codes, tiers, dead lists) and exit',
    },
    concurrency: concurrencyOption('DNS questions in flight at once', 64),
  },
});
export type BlocklistArgs = ArgsOf<typeof blocklistArgs>;

const blocklist = defineCommand({
  usage: 'blocklist [targets..]',
  describe:
    'Check IP addresses, hosts and mail domains against DNS blocklists (Chapters 2 and 6: an open relay gets blacklisted)',
  examples: [
    ['mailflow blocklist 192.0.2.1', 'One address against the default lists'],
    [
      'mailflow blocklist example.com --spf',
      'Every exchanger address, the domain, and the addresses in its SPF record',
    ],
    [
      'mailflow blocklist 192.0.2.1 --dns 127.0.0.1',
      'Ask through your own resolver (Spamhaus refuses public ones)',
    ],
    ['mailflow blocklist 192.0.2.1 --zone zen --zone bl.example.net', 'Only these lists'],
    ['mailflow blocklist --list-zones', 'The lists mailflow knows, their codes and tiers'],
  ],
  network: true,
  secrets: ['dqs-key'],
  ...blocklistArgs,
  async validate(args) {
    if (args.dns !== undefined) parseDnsServer(String(args.dns));
    validateConcurrency(args.concurrency);
    const targets = args.targets ?? [];
    if (!args['list-zones'] && targets.length === 0) {
      throw new UsageError('name at least one IP address, host or domain (or --list-zones)');
    }
    // The same target rules as every command (no port: blocklists are asked about hosts).
    const { parseTarget } = await import('../src/dns/parse-target.js');
    for (const t of targets) parseTarget(String(t), { label: 'target', email: true });
    await validateZones(args);
  },
  load: () => import('../src/run/blocklist.js'),
});
export default blocklist;

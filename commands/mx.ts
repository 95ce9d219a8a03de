// `mailflow mx`: the book's nslookup MX check (server <IP>, set q=MX, <domain>), with diagnosis.
import { type ArgsOf, declareArgs, defineCommand } from '../src/cli/declare.js';
import { parseDnsServer } from '../src/dns/server.js';
import { UsageError } from '../src/findings/errors.js';
import { concurrencyOption, validateConcurrency } from './smtp-options.js';

const mxArgs = declareArgs({
  repeatable: ['file'],
  positionals: {
    domains: { type: 'string', array: true, describe: 'Domains (or e-mail addresses) to look up' },
  },
  options: {
    server: {
      type: 'string',
      describe: 'DNS server to ask; the same as --dns (nslookup calls it "server")',
    },
    file: {
      type: 'string',
      describe: "File with one domain per line (repeatable) ('#' starts a comment; '-' reads standard input)",
    },
    ptr: {
      type: 'boolean',
      default: true,
      describe: 'Look up reverse DNS (PTR) of every exchanger address; --no-ptr skips it',
    },
    concurrency: concurrencyOption('DNS questions in flight at once', 64),
  },
});
export type MxArgs = ArgsOf<typeof mxArgs>;

const mx = defineCommand({
  usage: 'mx [domains..]',
  describe:
    'Show and diagnose a domain\'s mail exchangers: MX, addresses, reverse DNS (Chapter 5, "Using Nslookup")',
  examples: [
    ['mailflow mx example.com', 'Exchangers, addresses and PTRs, with findings'],
    ['mailflow mx example.com --server 192.0.2.53', 'Ask a chosen DNS server (nslookup: server <IP>)'],
    ['mailflow mx example.com --dns https://dns.example/dns-query', 'Ask over DNS-over-HTTPS'],
    ['mailflow mx --json --file domains.txt', 'One JSON line per domain, in file order'],
  ],
  network: true,
  ...mxArgs,
  validate({ server, dns, concurrency }) {
    if (server !== undefined && dns !== undefined && server !== dns) {
      throw new UsageError('--server and --dns name the same thing; give one of them');
    }
    for (const s of [server, dns]) if (s !== undefined) parseDnsServer(String(s));
    validateConcurrency(concurrency);
  },
  load: () => import('../src/run/mx.js'),
});
export default mx;

// Options shared by commands, defined once. Commands list which groups they take.
import type { Options } from 'yargs';
import { FORMATS } from '../render/output.js';

export const outputOptions = {
  json: { type: 'boolean', describe: 'Print results as JSON (one object per line); same as --format json' },
  format: {
    choices: FORMATS,
    // No default: `--json --format nagios` must be told from `--json` alone (main.ts applies 'human').
    defaultDescription: '"human"',
    describe: 'Output format: human tables, JSON lines, a Nagios plugin line, or Prometheus text',
  },
  verbose: {
    alias: 'v',
    type: 'boolean',
    default: false,
    describe: 'Explain more; show stack traces on internal errors',
  },
} satisfies Record<string, Options>;

export const networkOptions = {
  timeout: {
    type: 'number',
    default: 10,
    describe: 'Seconds to wait for each network step (connect, greeting, each reply, each DNS query)',
  },
  dns: {
    type: 'string',
    describe:
      'DNS server to ask: ip[:port], [ipv6]:port, or a DNS-over-HTTPS https:// URL (default: /etc/resolv.conf)',
  },
  ipv4: { alias: '4', type: 'boolean', describe: 'Use IPv4 addresses only' },
  ipv6: { alias: '6', type: 'boolean', describe: 'Use IPv6 addresses only' },
} satisfies Record<string, Options>;

/** For commands that hold an SMTP session (not mx, which only asks DNS). */
export const sessionOptions = {
  transcript: {
    type: 'boolean',
    default: false,
    describe: 'Show the SMTP conversation (passwords redacted)',
  },
} satisfies Record<string, Options>;

/** The parsed options every command receives (its own options come on top: src/cli/declare.ts). */
export interface CommonArgs {
  json?: boolean;
  /** Undefined on the command line when not given; 'human' by the time a command runs. */
  format: (typeof FORMATS)[number];
  verbose: boolean;
  timeout?: number;
  dns?: string;
  ipv4?: boolean;
  ipv6?: boolean;
  transcript?: boolean;
  _: (string | number)[];
}

/** What the parsers produce, before a command's declaration gives its own options their types. */
export interface BaseArgs extends CommonArgs {
  [key: string]: unknown;
}

/** Every option a command takes, in the order help lists them: output, network, session, its own. */
export function commandOptions(def: {
  network: boolean;
  smtp?: boolean;
  options?: Record<string, Options>;
}): Record<string, Options> {
  return {
    ...outputOptions,
    ...(def.network ? networkOptions : {}),
    ...(def.smtp ? sessionOptions : {}),
    ...def.options,
  };
}

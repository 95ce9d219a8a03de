// `mailflow logs trace|summary <file>…`: follow one message through the mail logs, or summarise a day.
import { type ArgsOf, declareArgs, defineCommand } from '../src/cli/declare.js';

const logsArgs = declareArgs({
  positionals: {
    args: {
      type: 'string',
      array: true,
      describe: "trace or summary, then the log files (plain or .gz; '-' or none: standard input)",
    },
  },
  options: {
    id: { type: 'string', describe: 'trace: the queue ID or Message-ID to follow' },
    from: {
      type: 'string',
      describe: 'trace: messages from this envelope sender (@domain for a whole domain)',
    },
    to: { type: 'string', describe: 'trace: messages to this recipient (@domain for a whole domain)' },
    since: {
      type: 'string',
      describe: 'Only lines at or after this time (2026-12-03, 2026-12-03T10:00:00Z)',
    },
    until: { type: 'string', describe: 'Only lines at or before this time' },
    'format-in': {
      // The same list as INPUT_FORMATS in src/logs/detect.ts (not imported: commands load no parsers).
      choices: ['auto', 'postfix', 'exim', 'exchange', 'exchange-protocol', 'w3c'],
      describe: 'Log format (default: detected from the first lines)',
    },
    top: { type: 'number', describe: 'summary: rows in each top list (default 10)' },
    limit: { type: 'number', describe: 'trace: messages shown at most (default 50)' },
    'max-open': {
      type: 'number',
      describe: 'Messages held open at once before the oldest is handed over incomplete (default 200000)',
    },
  },
});
export type LogsArgs = ArgsOf<typeof logsArgs>;

const logs = defineCommand({
  usage: 'logs [args..]',
  describe:
    'Read mail server logs: trace one message (received, filtered, every delivery attempt, why it failed) or summarise a day (Chapter 7, Message Tracking)',
  examples: [
    [
      'mailflow logs trace /var/log/mail.log --id 3F2A81C0B4',
      'One message by queue ID, across content filters',
    ],
    [
      "mailflow logs trace mail.log mail.log.1 mail.log.2.gz --id '<abc@example.com>'",
      'By Message-ID, over rotated logs',
    ],
    [
      'journalctl -u postfix -o short-iso | mailflow logs trace --to bob@example.net',
      'Every message to bob, from standard input',
    ],
    [
      'mailflow logs summary /var/log/mail.log',
      'Counts, rejection reasons, deferring destinations, senders, hourly chart, TLS share',
    ],
    [
      'mailflow logs summary mail.log --format prometheus > /var/lib/node_exporter/textfile/mail.prom',
      'Counters for a textfile collector',
    ],
  ],
  network: false,
  ...logsArgs,
  complete: { args: ['trace', 'summary'] },
  async validate(args) {
    const { splitArgs } = await import('../src/run/logs.js');
    splitArgs(args);
  },
  load: () => import('../src/run/logs.js'),
});
export default logs;

// Every subcommand, registered explicitly (no directory scanning): one line each.

import blocklist from '../../commands/blocklist.js';
import check from '../../commands/check.js';
import completion from '../../commands/completion.js';
import ehlo from '../../commands/ehlo.js';
import headers from '../../commands/headers.js';
import logs from '../../commands/logs.js';
import mx from '../../commands/mx.js';
import ndr from '../../commands/ndr.js';
import probe from '../../commands/probe.js';
import relay from '../../commands/relay.js';
import send from '../../commands/send.js';
import session from '../../commands/session.js';
import type { CommandDef } from './command.js';

export const COMMANDS: CommandDef[] = [
  check,
  mx,
  probe,
  ehlo,
  send,
  session,
  relay,
  ndr,
  headers,
  logs,
  blocklist,
  completion,
];

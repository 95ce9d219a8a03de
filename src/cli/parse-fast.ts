// The everyday command line, parsed without loading yargs' help machinery.
//
// yargs builds usage text, wraps it with cliui, measures strings (Intl.Segmenter) and reads
// locale files: about half of mailflow's start-up, and none of it is needed to run
// `mailflow mx --json --file domains.txt`. This parser takes the same declarations (the
// CommandDef and its options) and yargs' own tokenizer (yargs-parser, with the configuration
// yargs gives it), and accepts only a command line yargs itself would accept unchanged. Anything
// else (help, version, completion, an unknown option, a bad choice, a missing argument)
// returns undefined and yargs handles it, with its messages. Both take secrets out first
// (secrets.ts) and finish with the same checks (settle.ts). test/core/parse.test.ts holds the
// two to the same answers.
import type { Options } from 'yargs';
import yargsParser from 'yargs-parser';
import { type CommandDef, commandName } from './command.js';
import { type BaseArgs, commandOptions } from './options.js';
import { takeSecrets } from './secrets.js';
import { settle, variadic } from './settle.js';

export interface ParsedCommand {
  def: CommandDef;
  args: BaseArgs;
}

/**
 * Tokens that ask yargs for something other than running a command, and a lone '-' (standard
 * input), which yargs' positional handling treats in its own way. Only tokens before `--` count.
 */
const YARGS_OWN = /^(?:-h|--help|-V|--version|-)$|^--(?:get-yargs-completions|show-completion)/;

type ParserOptions = yargsParser.Options & { configuration: Partial<yargsParser.Configuration> };

/**
 * The option settings this parser reproduces. A declaration using anything else (coerce,
 * conflicts, implies, nargs, count, ...) sends its command to yargs, so a new setting can never
 * be skipped silently.
 */
const HANDLED = new Set([
  'alias',
  'type',
  'array',
  'default',
  'choices',
  'demandOption',
  'describe',
  'defaultDescription',
  'hidden',
]);
const POSITIONAL_HANDLED = new Set(['type', 'array', 'describe']);

const handledBy = (allowed: Set<string>) => (opt: object) => Object.keys(opt).every((k) => allowed.has(k));

function parserOptions(options: Record<string, Options>): ParserOptions {
  const o = {
    alias: {} as Record<string, string[]>,
    array: [] as string[],
    boolean: [] as string[],
    number: [] as string[],
    string: [] as string[],
    default: {} as Record<string, unknown>,
    // What yargs passes for a command's own parse (see YargsInstance's runYargsParserAndExecuteCommands).
    configuration: { 'parse-positional-numbers': false, 'populate--': true },
  };
  for (const [name, opt] of Object.entries(options)) {
    // yargs makes the camelCase spelling an alias of every hyphenated name, so that
    // --tls-on-connect and --tlsOnConnect both set both keys; so must this parser.
    const camel = yargsParser.camelCase(name);
    const aliases = ([] as string[]).concat(opt.alias ?? [], camel !== name ? [camel] : []);
    if (aliases.length > 0) o.alias[name] = aliases;
    if (opt.array) o.array.push(name);
    if (opt.type === 'boolean' || opt.type === 'number' || opt.type === 'string') o[opt.type].push(name);
    if (opt.default !== undefined) o.default[name] = opt.default;
  }
  return o;
}

/** Every spelling yargs would accept for the declared options: names, aliases, camelCase forms. */
function knownKeys(options: Record<string, Options>, positional?: string): Set<string> {
  const known = new Set<string>(['_', '$0', '--']);
  const add = (k: string) => {
    known.add(k);
    known.add(yargsParser.camelCase(k));
  };
  for (const [name, opt] of Object.entries(options)) {
    add(name);
    for (const a of ([] as string[]).concat(opt.alias ?? [])) add(a);
  }
  if (positional) add(positional);
  return known;
}

export function parseFast(raw: string[], commands: CommandDef[]): ParsedCommand | undefined {
  let secrets: ReturnType<typeof takeSecrets>;
  try {
    secrets = takeSecrets(raw, commands);
  } catch {
    return undefined; // yargs' side reports it
  }
  const argv = secrets.argv;
  const name = argv[0];
  const def = commands.find((c) => commandName(c) === name);
  const end = argv.indexOf('--');
  if (!def || argv.slice(0, end < 0 ? undefined : end).some((t) => YARGS_OWN.test(t))) return undefined;
  const usage = def.usage.trim();
  const positional = variadic(usage);
  if (!positional && usage.includes(' ')) return undefined; // a usage shape this parser does not know
  const options = commandOptions(def);
  if (!Object.values(options).every(handledBy(HANDLED))) return undefined;
  if (!Object.values(def.positionals ?? {}).every(handledBy(POSITIONAL_HANDLED))) return undefined;
  const parsed = yargsParser.detailed(argv.slice(1), parserOptions(options));
  if (parsed.error) return undefined;
  const args = parsed.argv as unknown as BaseArgs & Record<string, unknown>;

  const known = knownKeys(options, positional?.name);
  if (Object.keys(args).some((k) => !known.has(k))) return undefined; // strict: yargs names it
  for (const [key, opt] of Object.entries(options)) {
    const value = args[key];
    if (opt.demandOption && value === undefined) return undefined;
    if (opt.choices && value !== undefined) {
      const allowed = opt.choices as unknown[];
      if (!([] as unknown[]).concat(value).every((v) => allowed.includes(v))) return undefined;
    }
  }

  const rest = args._.map(String);
  if (positional) {
    // `--inputs x` names the positional as an option: yargs merges the two, this parser declines.
    if (args[positional.name] !== undefined || args[yargsParser.camelCase(positional.name)] !== undefined)
      return undefined;
    args[positional.name] = rest; // yargs gives an absent optional variadic as []
  } else if (rest.length > 0) {
    return undefined;
  }
  args._ = [name!];
  const extra = ((args['--'] as unknown[] | undefined) ?? []).map(String);
  delete args['--'];
  try {
    return { def, args: settle(def, args, extra, secrets.values) };
  } catch {
    return undefined;
  }
}

// Typed command declarations: a command's option and positional declarations give its runner's
// argument type, so commands/<cmd>.ts is the one place an option is described, validated and
// typed (`ArgsOf<typeof decl>` in src/run/<cmd>.ts; no hand-written parallel interface).
// Declarations are written `as const`-precise by `defineCommand`'s const type parameters.
import type { Options, PositionalOptions } from 'yargs';
import type { CommandDef, Runner } from './command.js';
import type { CommonArgs } from './options.js';

/** 'tls-on-connect' → 'tlsOnConnect': yargs (and parse-fast, with its configuration) gives both. */
type Camel<S extends string> = S extends `${infer H}-${infer T}` ? `${H}${Capitalize<Camel<T>>}` : S;

type Scalar<O> = O extends { choices: readonly (infer C)[] }
  ? C
  : O extends { type: 'number' }
    ? number
    : O extends { type: 'boolean' }
      ? boolean
      : string;

type Value<O, Repeat extends boolean> = O extends { array: true }
  ? Scalar<O>[]
  : Repeat extends true
    ? Scalar<O> | Scalar<O>[]
    : Scalar<O>;

/** Always present after parsing: it has a default or must be given. */
type Present<O> = O extends { default: unknown } ? true : O extends { demandOption: true } ? true : false;

/** An option's other names (`--helo` for `--helo-name`): yargs sets those keys too. */
type Alias<O> = O extends { alias: infer A extends string }
  ? A
  : O extends { alias: readonly (infer A extends string)[] }
    ? A
    : never;

type OptionArgs<O, R extends string> = {
  [K in keyof O & string as Present<O[K]> extends true ? K | Camel<K> | Alias<O[K]> : never]: Value<
    O[K],
    K extends R ? true : false
  >;
} & {
  [K in keyof O & string as Present<O[K]> extends true ? never : K | Camel<K> | Alias<O[K]>]?: Value<
    O[K],
    K extends R ? true : false
  >;
};

type PositionalArgs<P> = { [K in keyof P & string]?: Value<P[K], false> };

/** The arguments a runner receives for a declaration with these options and positionals. */
export type DeclaredArgs<
  O extends Record<string, Options>,
  P extends Record<string, PositionalOptions>,
  R extends string = never,
> = CommonArgs & OptionArgs<O, R> & PositionalArgs<P>;

/** A command's positionals and options, carrying the argument type they give (`ArgsOf`). */
export interface ArgsDecl<A> {
  positionals?: Record<string, PositionalOptions>;
  options?: Record<string, Options>;
  /** Options that take one value but may be repeated, the values collected in a list (mx --file). */
  repeatable?: readonly string[];
  readonly __args?: A;
}

export type ArgsOf<D> = D extends { readonly __args?: infer A } ? NonNullable<A> : never;

/**
 * Declares a command's arguments. Kept apart from `defineCommand` so that the runner can name
 * their type (`ArgsOf<typeof xArgs>`) while the declaration names the runner (`load`).
 */
export function declareArgs<
  const O extends Record<string, Options> = Record<never, Options>,
  const P extends Record<string, PositionalOptions> = Record<never, PositionalOptions>,
  const R extends string = never,
>(decl: { options?: O; positionals?: P; repeatable?: readonly R[] }): ArgsDecl<DeclaredArgs<O, P, R>> {
  return decl;
}

export interface CommandDecl<A extends CommonArgs>
  extends Omit<CommandDef, 'validate' | 'load' | 'positionals' | 'options' | 'repeatable'>,
    ArgsDecl<A> {
  /** Every argument check, in one place, before anything connects; throw (or reject with) UsageError. */
  validate?: (args: A) => void | Promise<void>;
  load: () => Promise<{ run: Runner<A> } | { text: (args: A) => string }>;
}

/** A command: its arguments (spread from `declareArgs`), help, validation and lazily loaded runner. */
export function defineCommand<A extends CommonArgs>(decl: CommandDecl<A>): CommandDef {
  return decl as unknown as CommandDef;
}

/** A repeatable option's values as a list: absent is none, once is one (yargs gives a scalar). */
export function listOf<T>(value: T | readonly T[] | undefined): T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? [...(value as readonly T[])] : [value as T];
}

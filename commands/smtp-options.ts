// Options the SMTP commands (probe, ehlo, send, relay, check) share, defined and checked once
// so the same flag means the same thing, with the same limits, in every command.
import type { Options, PositionalOptions } from 'yargs';
import { UsageError } from '../src/findings/errors.js';

export const targetsPositional = (
  describe = 'Domains (their MX) or e-mail addresses, host names or IP addresses; host:port allowed',
): PositionalOptions => ({ type: 'string', array: true, describe });

export const portOption = (describe: string, byDefault?: number): Options => ({
  type: 'number',
  ...(byDefault !== undefined ? { default: byDefault } : {}),
  describe,
});

/** `--helo-name`, also accepted as `--helo` (send and relay spelled it that way first). */
export const heloNameOption: Options = {
  alias: 'helo',
  type: 'string',
  describe: "Name to announce in EHLO/HELO (default: this machine's FQDN, else its address as [literal])",
};

export const caOption = (describe: string): Options => ({ type: 'string', describe });

/** A whole number from `min` to `max` when given; `undefined` means "not given" (the default applies). */
export function validateRange(label: string, value: unknown, min: number, max: number): void {
  if (value === undefined) return;
  const n = value as number;
  if (!(Number.isInteger(n) && n >= min && n <= max)) {
    throw new UsageError(`${label} must be a whole number from ${min} to ${max}`);
  }
}

export const validatePort = (label: string, value: unknown): void => validateRange(label, value, 1, 65535);

// The checks below need name parsing from src/dns and src/smtp; they are imported when a
// command runs, not when the CLI starts (every command module is loaded for --help).
export async function validateHeloName(value: unknown): Promise<void> {
  if (value === undefined) return;
  const { checkHeloName } = await import('../src/smtp/helo-name.js');
  checkHeloName(String(value), '--helo-name');
}

/**
 * Targets go on the wire (SNI, EHLO comparisons) and into DNS: parsed by the one target parser
 * (src/dns/parse-target.ts), so a typo is a one-line usage error naming the bad part rather than
 * a DNS "finding". `port: false` for domains (check), where host:port means nothing.
 */
export async function validateTargets(targets: unknown, rules = { port: true }): Promise<void> {
  const { parseTarget } = await import('../src/dns/parse-target.js');
  for (const raw of (targets as unknown[] | undefined) ?? [])
    parseTarget(String(raw), { email: true, port: rules.port });
}

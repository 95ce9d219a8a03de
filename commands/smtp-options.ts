// Options the commands share (the SMTP ones: probe, ehlo, send, relay, check; --concurrency also
// mx), defined and checked once so the same flag means the same thing, with the same limits, in
// every command. Each returns a precise type: src/cli/declare.ts derives runner arguments from it.
import { UsageError } from '../src/findings/errors.js';

export const targetsPositional = (
  describe = 'Domains (their MX) or e-mail addresses, host names or IP addresses; host:port allowed',
) => ({ type: 'string', array: true, describe }) as const;

export function portOption(describe: string): { type: 'number'; describe: string };
export function portOption(
  describe: string,
  byDefault: number,
): { type: 'number'; default: number; describe: string };
export function portOption(describe: string, byDefault?: number) {
  return { type: 'number', ...(byDefault !== undefined ? { default: byDefault } : {}), describe } as const;
}

/** `--helo-name`, also accepted as `--helo` (send and relay spelled it that way first). */
export const heloNameOption = {
  alias: 'helo',
  type: 'string',
  describe: "Name to announce in EHLO/HELO (default: this machine's FQDN, else its address as [literal])",
} as const;

/** `--proxy`: every SMTP connection of the command goes through this SOCKS5 proxy (src/smtp/proxy-url.ts). */
export const proxyOption = {
  type: 'string',
  describe:
    'Connect through a SOCKS5 proxy, to test from outside: socks5://[user:password@]host[:port] (socks5h://: the proxy resolves host names)',
} as const;

export async function validateProxy(value: unknown): Promise<void> {
  if (value === undefined) return;
  const { parseProxyUrl } = await import('../src/smtp/proxy-url.js');
  parseProxyUrl(String(value), process.env.MAILFLOW_PROXY_PASSWORD);
}

export const caOption = (describe: string) => ({ type: 'string', describe }) as const;

export const tlsNameOption = {
  type: 'string',
  describe:
    'The name to verify the certificate against and send as SNI (e.g. --server 192.0.2.25 --tls-name mail.example.com)',
} as const;

/** --tls-name goes into SNI and the name check: a host name, nothing else. */
export function validateTlsName(value: unknown): void {
  if (value === undefined) return;
  if (!/^(?=.{1,253}$)[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9])?\.?$/.test(String(value)))
    throw new UsageError(`--tls-name "${String(value).replace(/[^\x20-\x7e]/g, '?')}" is not a host name`);
}

export const localAddressOption = {
  type: 'string',
  describe: 'Connect from this local IP address (relay rights often depend on the client address)',
} as const;

/** The most of anything (DNS questions, connections, domains) a command keeps in flight at once. */
export const MAX_CONCURRENCY = 1024;

/** `--concurrency`, with the same default and limit (MAX_CONCURRENCY) in every command. */
export const concurrencyOption = (describe: string, byDefault: number) =>
  ({ type: 'number', default: byDefault, describe }) as const;

export const validateConcurrency = (value: unknown): void =>
  validateRange('--concurrency', value, 1, MAX_CONCURRENCY);

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

/**
 * TLS client control (--tls-cert/--tls-key, --tls-min/--tls-max), the same in every command that
 * speaks TLS; spread into a command's options. Values are checked by validateTlsClient.
 */
export const TLS_VERSION_CHOICES = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'] as const;
export const tlsClientOptions = {
  'tls-cert': {
    type: 'string',
    describe: 'Present this client certificate (PEM file; may hold the chain) when the server asks',
  },
  'tls-key': { type: 'string', describe: 'The private key of --tls-cert (PEM file, unencrypted)' },
  'tls-min': {
    choices: TLS_VERSION_CHOICES,
    describe: 'Lowest TLS version to offer (default TLSv1.2)',
  },
  'tls-max': {
    choices: TLS_VERSION_CHOICES,
    describe: 'Highest TLS version to offer (default TLSv1.3)',
  },
} as const;

/** Pairs and ranges: --tls-cert needs --tls-key (and back), --tls-min may not exceed --tls-max. */
export function validateTlsClient(args: {
  'tls-cert'?: unknown;
  'tls-key'?: unknown;
  'tls-min'?: unknown;
  'tls-max'?: unknown;
}): void {
  const cert = args['tls-cert'];
  const key = args['tls-key'];
  if (cert !== undefined && key === undefined) throw new UsageError('--tls-cert needs --tls-key');
  if (key !== undefined && cert === undefined) throw new UsageError('--tls-key needs --tls-cert');
  const rank = (v: unknown) => TLS_VERSION_CHOICES.indexOf(v as (typeof TLS_VERSION_CHOICES)[number]);
  const min = args['tls-min'];
  const max = args['tls-max'];
  if (min !== undefined && max !== undefined && rank(min) > rank(max))
    throw new UsageError(`--tls-min ${String(min)} is above --tls-max ${String(max)}`);
}

/** --show-certs and --save-certs (send, ehlo): the server's whole chain, shown and/or written as PEM. */
export const certOutputOptions = {
  'show-certs': {
    type: 'boolean',
    default: false,
    describe: 'Show every certificate the server sent: subject, issuer, validity, names, SHA-256',
  },
  'save-certs': {
    type: 'string',
    describe: "Write the server's certificate chain to this file as PEM, leaf first",
  },
} as const;

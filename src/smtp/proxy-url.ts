// `--proxy socks5://[user:pass@]host:port`: the SOCKS5 proxy SMTP connections go through, to test
// "from outside" (book ch. 8) from a machine the admin runs elsewhere. The password lives in a
// private field: the proxy prints, serialises and inspects as its label, without credentials.
import { isIP } from 'node:net';
import { inspect } from 'node:util';
import { UsageError } from '../findings/errors.js';
import { credentialProblem } from './socks5.js';

/** SOCKS' registered port (RFC 1928 §3), used when the URL gives none. */
export const SOCKS_PORT = 1080;

export class SocksProxy {
  readonly #password: string | undefined;

  constructor(
    /** socks5: mailflow resolves names and connects to the address; socks5h: the proxy resolves them. */
    readonly scheme: 'socks5' | 'socks5h',
    readonly host: string,
    readonly port: number,
    readonly username?: string,
    password?: string,
  ) {
    this.#password = password;
  }

  /** Only the SOCKS handshake reads it. */
  get password(): string | undefined {
    return this.#password;
  }

  get hasCredentials(): boolean {
    return this.username !== undefined;
  }

  /** The proxy as shown anywhere: scheme, host and port, never the credentials. */
  get label(): string {
    const host = isIP(this.host) === 6 ? `[${this.host}]` : this.host;
    return `${this.scheme}://${host}:${this.port}`;
  }

  /** Names go to the proxy as names (socks5h) instead of being resolved here. */
  get remoteDns(): boolean {
    return this.scheme === 'socks5h';
  }

  toString(): string {
    return this.label;
  }

  toJSON(): string {
    return this.label;
  }

  [inspect.custom](): string {
    return `SocksProxy(${this.label})`;
  }
}

/** The runners' reading of `--proxy` (already validated by the command). */
export function proxyFromArgs(
  args: { proxy?: string | undefined },
  envPassword = process.env.MAILFLOW_PROXY_PASSWORD,
): SocksProxy | undefined {
  return args.proxy === undefined ? undefined : parseProxyUrl(String(args.proxy), envPassword);
}

const UNSUPPORTED: Record<string, string> = {
  http: 'HTTP proxies are not supported (SMTP needs a raw TCP tunnel): use a SOCKS5 proxy, socks5://host:port',
  https:
    'HTTPS proxies are not supported (SMTP needs a raw TCP tunnel): use a SOCKS5 proxy, socks5://host:port',
  socks4: 'SOCKS4 is not supported (no IPv6, no authentication): use socks5://host:port',
  socks4a: 'SOCKS4a is not supported (no IPv6, no authentication): use socks5://host:port',
  socks:
    'say which SOCKS version: socks5://host:port (mailflow resolves names) or socks5h://host:port (the proxy does)',
};

/**
 * Parses `--proxy`. Usage errors name the bad part and never quote the value (it may hold a
 * password). A URL with a user name and no password takes `envPassword` (MAILFLOW_PROXY_PASSWORD),
 * which keeps the password out of the process list.
 */
export function parseProxyUrl(raw: string, envPassword?: string): SocksProxy {
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(raw)?.[1]?.toLowerCase();
  if (!scheme) throw new UsageError('--proxy must be a URL: socks5://[user:password@]host[:port]');
  if (scheme !== 'socks5' && scheme !== 'socks5h')
    throw new UsageError(
      `--proxy: ${UNSUPPORTED[scheme] ?? `the scheme ${scheme}:// is not supported; use socks5:// or socks5h://`}`,
    );
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError('--proxy is not a valid URL: socks5://[user:password@]host[:port]');
  }
  if ((url.pathname && url.pathname !== '/') || url.search || url.hash)
    throw new UsageError(
      '--proxy takes only socks5://[user:password@]host[:port], no path, query or fragment',
    );
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (!host) throw new UsageError('--proxy needs a host: socks5://host:port');
  const port = url.port === '' ? SOCKS_PORT : Number(url.port);
  if (!(port >= 1 && port <= 65535)) throw new UsageError('--proxy: the port must be from 1 to 65535');
  let username: string | undefined;
  let password: string | undefined;
  if (url.username || url.password) {
    try {
      username = decodeURIComponent(url.username);
      password = decodeURIComponent(url.password);
    } catch {
      throw new UsageError('--proxy: the user name or password has a bad %-escape');
    }
    if (!password && envPassword) password = envPassword;
    if (!password)
      throw new UsageError(
        '--proxy has a user name but no password: give socks5://user:password@host:port or set MAILFLOW_PROXY_PASSWORD',
      );
    const problem = credentialProblem(username, password);
    if (problem) throw new UsageError(`--proxy: ${problem}`);
  }
  return new SocksProxy(scheme, host, port, username, password);
}

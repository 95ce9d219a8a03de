// One SMTP session per exchanger for the TLS checks: greeting, EHLO, STARTTLS, EHLO again,
// QUIT. Yields what the STARTTLS policy and DANE matching need, including the raw chain.

import type { ConnectionOptions } from 'node:tls';
import { count } from '../../findings/count.js';
import { trustingCa } from '../../smtp/ca-file.js';
import { isSmtpError, SmtpSession, type TlsInfo, timeoutsFromSeconds } from '../../smtp/index.js';
import { MAX_ADDRESSES_PER_HOST } from '../../smtp/options.js';
import type { SocksProxy } from '../../smtp/proxy-url.js';
import type { GatherContext } from '../group.js';
import { reachableHosts } from '../smtp/gather.js';
import type { TlsObservation } from './index.js';

export interface TlsGatherOptions {
  port: number;
  /** Default: this machine's FQDN or an address literal. */
  heloName?: string;
  timeoutSeconds: number;
  /** Extra trusted CA (PEM) added to the system roots. */
  ca?: string;
  /** Client certificate and protocol versions (--tls-cert/--tls-key, --tls-min/--tls-max). */
  tlsClient?: ConnectionOptions;
  /** Connect through this SOCKS5 proxy (--proxy). */
  proxy?: SocksProxy;
}

export interface TlsGathered {
  host: string;
  address?: string;
  observation?: TlsObservation;
  /** DER certificates as presented, leaf first (for DANE). */
  chain: Buffer[];
  /** --tls-max, when given: the highest TLS version offered (tls.old-version reads it). */
  tlsMax?: string;
  /** Set when no address of the exchanger got as far as EHLO. */
  error?: string;
  info?: TlsInfo;
}

async function tryAddress(host: string, address: string, opts: TlsGatherOptions): Promise<TlsGathered> {
  const session = new SmtpSession({
    host: address,
    port: opts.port,
    servername: host,
    timeouts: timeoutsFromSeconds(opts.timeoutSeconds),
    ...(opts.ca || opts.tlsClient ? { tls: { ...trustingCa(opts.ca), ...opts.tlsClient } } : {}),
    ...(opts.proxy ? { proxy: opts.proxy } : {}),
  });
  const tlsMax = opts.tlsClient?.maxVersion;
  const base = { host, address, chain: [] as Buffer[], ...(tlsMax ? { tlsMax } : {}) };
  try {
    await session.connect();
    const greet = await session.greeting();
    if (greet.code !== 220) return { ...base, error: `greeting ${greet.code}` };
    const name = opts.heloName ?? (await session.localName());
    const hello = await session.hello(name);
    if (!session.capabilities) return { ...base, error: `EHLO refused (${hello.ehlo.code})` };
    const offered = session.capabilities.starttls;
    if (!offered) return { ...base, observation: { host, address, offered: false } };
    let handshakeError: string | undefined;
    try {
      const r = await session.starttls();
      if (r.code !== 220) handshakeError = `STARTTLS answered ${r.code} ${r.lines.join(' ')}`;
    } catch (e) {
      handshakeError = (e as Error).message;
    }
    if (handshakeError || !session.tls) {
      return {
        ...base,
        observation: {
          host,
          address,
          offered: true,
          handshake: { ok: false, error: handshakeError ?? 'no TLS' },
        },
      };
    }
    const info = session.tls;
    const chain = session.peerCertificateChain();
    await session.ehlo(name).catch(() => undefined);
    const cert = info.certificate;
    const observation: TlsObservation = {
      host,
      address,
      offered: true,
      handshake: { ok: true, protocol: info.protocol, cipher: info.cipher },
      ...(cert
        ? {
            cert: {
              subject: cert.subject,
              san: cert.san,
              issuer: cert.issuer,
              validTo: cert.validTo,
              daysLeft: cert.daysLeft,
              trusted: info.chainVerified,
              ...(info.chainError ? { trustError: info.chainError } : {}),
              nameOk: info.validForHost,
              ...(info.hostError ? { nameError: info.hostError } : {}),
            },
          }
        : {}),
    };
    return { ...base, chain, info, observation };
  } catch (e) {
    return { ...base, error: isSmtpError(e) ? `${e.code}: ${e.message}` : (e as Error).message };
  } finally {
    await session.quit();
  }
}

/** Try the exchanger's addresses in order; the first that gets past EHLO is the one judged. */
export async function gatherStarttls(
  host: string,
  addresses: string[],
  opts: TlsGatherOptions,
): Promise<TlsGathered> {
  let last: TlsGathered = { host, chain: [], error: 'no address' };
  for (const address of addresses.slice(0, MAX_ADDRESSES_PER_HOST)) {
    last = await tryAddress(host, address, opts);
    if (last.observation) return last;
  }
  return last;
}

/**
 * `check`'s starttls fact: STARTTLS on each exchanger to test, all at once — the ones that greeted
 * when the smtp group ran (after its EHLO sessions), every exchanger with an address otherwise.
 */
export async function gatherStarttlsFact(ctx: GatherContext): Promise<TlsGathered[]> {
  const { env, domain } = ctx;
  const { exchangers } = await ctx.fact('mx')!;
  const probe = ctx.fact('probe');
  const reachable = probe ? reachableHosts(await probe) : undefined;
  const targets = reachable ? exchangers.filter((e) => reachable.has(e.host)) : exchangers;
  if (targets.length === 0) return [];
  env.progress(`${domain}: STARTTLS on ${count(targets.length, 'exchanger')}`);
  const opts = {
    port: env.port,
    ...(env.heloName ? { heloName: env.heloName } : {}),
    timeoutSeconds: env.timeoutSeconds,
    ...(env.ca ? { ca: env.ca } : {}),
    ...(env.tlsClient ? { tlsClient: env.tlsClient } : {}),
    ...(env.proxy ? { proxy: env.proxy } : {}),
  };
  return Promise.all(targets.map((e) => gatherStarttls(e.host, e.addresses, opts)));
}

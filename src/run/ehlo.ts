// `mailflow ehlo`: check every target concurrently; results in input order (a domain gives
// one result per exchanger).

import type { EhloArgs } from '../../commands/ehlo.js';
import { ehloTarget } from '../checks/ehlo/index.js';
import type { RunContext } from '../cli/command.js';
import { familyFromArgs, resolverFromArgs } from '../dns/index.js';
import { parseTarget } from '../dns/parse-target.js';
import type { Result } from '../findings/model.js';
import { readCaFile, trustingCa } from '../smtp/ca-file.js';
import { certificatesOf, certTable, checkWritable, saveChains } from '../smtp/cert-output.js';
import { proxyFromArgs } from '../smtp/proxy-url.js';
import { timeoutsFromSeconds } from '../smtp/session.js';
import { tlsClientOptions } from '../smtp/tls-client.js';
import type { TlsInfo } from '../smtp/tls-info.js';
import { inOrder } from './in-order.js';

export async function* run(args: EhloArgs, ctx: RunContext): AsyncIterable<Result> {
  const targets = (args.targets ?? []).map(String);
  const resolver = resolverFromArgs(args);
  const family = familyFromArgs(args);
  const timeouts = timeoutsFromSeconds(args.timeout ?? 10);
  const ca = await readCaFile(args.ca);
  const tls = { ...trustingCa(ca), ...(await tlsClientOptions(args)) };
  if (args.saveCerts !== undefined) checkWritable(args.saveCerts);
  const chains: { label: string; tls: TlsInfo | null }[] = [];
  const proxy = proxyFromArgs(args);
  // Every target parsed before any connection, so a typo in the last one starts nothing.
  const parsed = targets.map((t) => ({ t, ...parseTarget(t, { email: true, port: true }) }));
  ctx.progress.update(`EHLO to ${targets.length === 1 ? targets[0] : `${targets.length} targets`}`);
  const results = inOrder(
    parsed,
    ({ t }) => t,
    ({ t, host, port }) =>
      ehloTarget(resolver, host, {
        port: port ?? args.port,
        timeouts,
        starttls: args.starttls,
        // Port 465 is TLS from the first byte (RFC 8314 §3.3), whether or not it was asked for.
        implicitTls: args['tls-on-connect'] || (port ?? args.port) === 465,
        expect: (args.expect ?? []).map(String),
        ...(args['helo-name'] ? { heloName: String(args['helo-name']) } : {}),
        ...(args.profile ? { profile: args.profile } : {}),
        ...(Object.keys(tls).length ? { tls } : {}),
        ...(family ? { family } : {}),
        ...(args.transcript ? { transcript: true } : {}),
        ...(proxy ? { proxy } : {}),
      }).then((reports) =>
        reports.map(
          ({ target, report }): Result => ({ command: 'ehlo', target: port ? t : target, ...report }),
        ),
      ),
    ctx,
  );
  let shown = 0;
  for await (const r of results) {
    const d = r.data as { host: string; address: string | null; tls: TlsInfo | null };
    chains.push({ label: `${d.host}${d.address ? ` [${d.address}]` : ''}`, tls: d.tls });
    if (!args.showCerts) {
      yield r;
      continue;
    }
    const certificates = certificatesOf(d.tls);
    shown += certificates.length;
    yield {
      ...r,
      data: { ...d, certificates },
      tables: [...(r.tables ?? []), ...(certificates.length ? [certTable(certificates)] : [])],
    };
  }
  if (args.showCerts && !shown)
    ctx.warn('--show-certs: no certificates to show: no server got as far as TLS (add --starttls?)');
  if (args.saveCerts !== undefined && !saveChains(args.saveCerts, chains))
    ctx.warn(
      `--save-certs: nothing written to ${args.saveCerts}: no server got as far as TLS (add --starttls?)`,
    );
}

// `mailflow ehlo`: check every target concurrently; results in input order (a domain gives
// one result per exchanger).
import { readFile } from 'node:fs/promises';
import { ehloTarget } from '../checks/ehlo/index.js';
import type { RunContext } from '../cli/command.js';
import type { BaseArgs } from '../cli/options.js';
import { familyFromArgs, resolverFromArgs, splitHostPort } from '../dns/index.js';
import { UsageError } from '../findings/errors.js';
import type { Result } from '../findings/model.js';
import { timeoutsFromSeconds } from '../smtp/session.js';

export interface EhloArgs extends BaseArgs {
  targets: string[];
  port: number;
  'helo-name'?: string;
  starttls: boolean;
  'tls-on-connect': boolean;
  profile?: string;
  expect?: string[];
  ca?: string;
}

async function readCa(path: string | undefined): Promise<string | undefined> {
  if (!path) return undefined;
  try {
    const pem = await readFile(path, 'utf8');
    if (!pem.includes('-----BEGIN CERTIFICATE-----'))
      throw new UsageError(`--ca ${path} holds no PEM certificate`);
    return pem;
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(
      `cannot read --ca ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    );
  }
}

export async function* run(args: EhloArgs, ctx: RunContext): AsyncIterable<Result> {
  const targets = (args.targets ?? []).map(String);
  if (targets.length === 0) throw new UsageError('name at least one domain, host or address');
  const resolver = resolverFromArgs(args);
  const family = familyFromArgs(args);
  const timeouts = timeoutsFromSeconds(args.timeout ?? 10);
  const ca = await readCa(args.ca);
  const jobs = targets.map((t) => {
    const { host, port } = splitHostPort(t);
    if (!host) throw new UsageError(`"${t}" names no host`);
    return ehloTarget(resolver, host, {
      port: port ?? args.port,
      timeouts,
      starttls: args.starttls,
      implicitTls: args['tls-on-connect'],
      expect: (args.expect ?? []).map(String),
      ...(args['helo-name'] ? { heloName: String(args['helo-name']) } : {}),
      ...(args.profile ? { profile: args.profile } : {}),
      ...(ca ? { tls: { ca } } : {}),
      ...(family ? { family } : {}),
      ...(args.transcript ? { transcript: true } : {}),
    }).then((reports) => reports.map((r) => ({ ...r, target: port ? t : r.target })));
  });
  ctx.progress.update(`EHLO to ${targets.length === 1 ? targets[0] : `${targets.length} targets`}`);
  for (const job of jobs) {
    for (const { target, report } of await job) yield { command: 'ehlo', target, ...report };
  }
}

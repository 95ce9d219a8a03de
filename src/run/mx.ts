// `mailflow mx`: look up every domain's mail exchangers concurrently, yield results in input order.

import type { MxArgs } from '../../commands/mx.js';
import { normalizeDomain } from '../checks/mx/domains.js';
import { gatherMx, mxResult } from '../checks/mx/index.js';
import type { RunContext } from '../cli/command.js';
import { listOf } from '../cli/declare.js';
import { familyFromArgs, resolverFromArgs } from '../dns/index.js';
import { count } from '../findings/count.js';
import { UsageError } from '../findings/errors.js';
import type { Result } from '../findings/model.js';
import { isStdin, readDomainList } from './domain-list.js';
import { inOrder } from './in-order.js';

/** Arguments first, then each file in order (read line by line, with caps: domain-list.ts). */
export async function domainsFrom(args: MxArgs): Promise<string[]> {
  const out = (args.domains ?? []).map((d) => normalizeDomain(String(d)));
  const files = listOf(args.file);
  for (const f of files) await readDomainList(String(f), out);
  if (out.length === 0 && files.length > 0)
    throw new UsageError(
      `no domains in ${files.map((f) => (isStdin(String(f)) ? 'standard input' : f)).join(', ')}`,
    );
  if (out.length === 0) throw new UsageError('name at least one domain, or a file of domains with --file');
  return out;
}

export async function* run(args: MxArgs, ctx: RunContext): AsyncIterable<Result> {
  const domains = await domainsFrom(args);
  const server = args.server ?? args.dns;
  const resolver = resolverFromArgs({ ...args, dns: server }, { concurrency: args.concurrency });
  const family = familyFromArgs(args);
  // Domains in flight: enough to keep `concurrency` queries busy (each domain asks several),
  // few enough that results stream out while a large list is still being worked through.
  const window = Math.max(1, args.concurrency * 2);
  let done = 0;
  ctx.progress.update(`Asking ${resolver.server} for MX records`);
  yield* inOrder(
    domains,
    (domain) => domain,
    (domain) =>
      gatherMx(resolver, domain, { family, ptr: args.ptr }).then((report) => {
        done++;
        if (domains.length > 1)
          ctx.progress.update(`MX lookups: ${done}/${domains.length} (server ${resolver.server})`);
        return mxResult(report, { tables: args.format === 'human' && !args.json });
      }),
    ctx,
    window,
  );
  // -v: how much was asked; answers shared between domains and from additional sections are not asked again.
  if (ctx.verbose)
    ctx.warn(`${resolver.sent} DNS questions for ${count(domains.length, 'domain')} to ${resolver.server}`);
}

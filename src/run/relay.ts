// `mailflow relay <host|domain>`: the open-relay test (src/checks/relay/session.ts gathers,
// judge.ts judges) for each target in turn. Unauthenticated MAIL/RCPT attempts for outside domains; never DATA.

import type { RelayArgs } from '../../commands/relay.js';
import {
  DEFAULT_OUTSIDE_RECIPIENT,
  DEFAULT_OUTSIDE_SENDER,
  type RelayAddresses,
} from '../checks/relay/index.js';
import { judge } from '../checks/relay/judge.js';
import { relayTest } from '../checks/relay/session.js';
import type { RunContext } from '../cli/command.js';
import { familyFromArgs, resolverFromArgs } from '../dns/index.js';
import { parseTarget } from '../dns/parse-target.js';
import type { Result } from '../findings/model.js';
import { checkAddress, checkHeloName } from '../send/address.js';
import { proxyFromArgs } from '../smtp/proxy-url.js';
import { timeoutsFromSeconds } from '../smtp/session.js';
import { tlsClientOptions } from '../smtp/tls-client.js';

export async function* run(args: RelayArgs, ctx: RunContext): AsyncGenerator<Result> {
  // Checked by the declaration's validate (commands/relay.ts); here only taken apart.
  const addresses: RelayAddresses = {
    outsideSender: checkAddress('--outside-sender', args.outsideSender ?? DEFAULT_OUTSIDE_SENDER),
    outsideRecipient: checkAddress('--outside-recipient', args.outsideRecipient ?? DEFAULT_OUTSIDE_RECIPIENT),
  };
  if (args.ownDomain !== undefined) addresses.ownDomain = checkHeloName(args.ownDomain, '--own-domain');
  const helo = args.helo !== undefined ? checkHeloName(args.helo) : undefined;
  const port = args.port ?? 25;
  const family = familyFromArgs(args);
  const proxy = proxyFromArgs(args);
  const opts = {
    resolver: resolverFromArgs(args),
    ...(family ? { family } : {}),
    port,
    ...(helo ? { helo } : {}),
    tls: args.tls !== false,
    tlsClient: await tlsClientOptions(args),
    timeouts: timeoutsFromSeconds(args.timeout ?? 10),
    addresses,
    progress: (t: string) => ctx.progress.update(t),
    ...(proxy ? { proxy } : {}),
  };
  // An e-mail address means its domain, as in probe and ehlo.
  const specs = (args.targets ?? []).map((t) => {
    const { host, port } = parseTarget(t, { email: true, port: true });
    return { raw: t, host, ...(port !== undefined ? { port } : {}) };
  });
  for (const spec of specs) {
    ctx.progress.update(`relay: ${spec.raw}`);
    const facts = await relayTest(spec, opts);
    yield { command: 'relay', target: spec.raw, ...judge(facts, !!args.transcript) };
  }
}

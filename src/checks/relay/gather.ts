// The relay group's I/O: the open-relay test of `mailflow relay` (book ch. 6), run against the
// domain's best reachable exchanger, with the check's own resolver. Returns its facts unjudged.
import { timeoutsFromSeconds } from '../../smtp/options.js';
import type { Facts, GatherContext } from '../group.js';
import { DEFAULT_OUTSIDE_RECIPIENT, DEFAULT_OUTSIDE_SENDER } from './index.js';
import { relayTest } from './session.js';

export async function gatherRelay({ env, domain }: GatherContext): Promise<Facts['relay']> {
  env.progress(`${domain}: open-relay test`);
  return relayTest(
    { raw: domain, host: domain },
    {
      resolver: env.resolver,
      ...(env.family ? { family: env.family } : {}),
      port: env.port,
      ...(env.heloName ? { helo: env.heloName } : {}),
      tls: true,
      ...(env.tlsClient ? { tlsClient: env.tlsClient } : {}),
      timeouts: timeoutsFromSeconds(env.timeoutSeconds),
      addresses: {
        outsideSender: DEFAULT_OUTSIDE_SENDER,
        outsideRecipient: DEFAULT_OUTSIDE_RECIPIENT,
        ownDomain: domain,
      },
      ...(env.proxy ? { proxy: env.proxy } : {}),
      progress: () => {},
    },
  );
}

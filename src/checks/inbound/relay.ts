// The relay group of `mailflow check`: the open-relay test of `mailflow relay` (book ch. 6),
// run against the domain's best reachable exchanger, with the check's own resolver.
import type { Finding } from '../../findings/model.js';
import { timeoutsFromSeconds } from '../../smtp/options.js';
import { DEFAULT_OUTSIDE_RECIPIENT, DEFAULT_OUTSIDE_SENDER } from '../relay/index.js';
import { relayTest } from '../relay/session.js';
import type { Env } from './env.js';

export async function relayStage(env: Env, domain: string): Promise<{ findings: Finding[]; data: unknown }> {
  const r = await relayTest(
    { raw: domain, host: domain },
    {
      resolver: env.resolver,
      ...(env.family ? { family: env.family } : {}),
      port: env.port,
      ...(env.heloName ? { helo: env.heloName } : {}),
      tls: true,
      timeouts: timeoutsFromSeconds(env.timeoutSeconds),
      addresses: {
        outsideSender: DEFAULT_OUTSIDE_SENDER,
        outsideRecipient: DEFAULT_OUTSIDE_RECIPIENT,
        ownDomain: domain,
      },
      transcript: false,
      progress: () => {},
    },
  );
  return { findings: r.findings, data: r.data };
}

// The relay group of `mailflow check`: the open-relay test of `mailflow relay` (book ch. 6),
// run against the domain's best reachable exchanger.
import type { Finding } from '../../findings/model.js';
import type { Env } from './env.js';

export async function relayStage(env: Env, domain: string): Promise<{ findings: Finding[]; data: unknown }> {
  const { run: relayRun } = await import('../../run/relay.js');
  const silent = { progress: { update() {}, stop() {} }, verbose: false, warn() {} };
  const args = {
    targets: [domain],
    format: 'json' as const,
    verbose: false,
    _: [],
    port: env.port,
    ...(env.heloName ? { helo: env.heloName } : {}),
    tls: true,
    ownDomain: domain,
    timeout: env.timeoutSeconds,
    ...(env.dnsServer ? { dns: env.dnsServer } : {}),
    ...(env.family === 4 ? { ipv4: true } : env.family === 6 ? { ipv6: true } : {}),
  };
  for await (const r of relayRun(args as Parameters<typeof relayRun>[0], silent))
    return { findings: r.findings, data: r.data };
  return { findings: [], data: null };
}

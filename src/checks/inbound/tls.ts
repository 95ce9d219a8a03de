// The tls and dane groups of `mailflow check`: one STARTTLS session per exchanger, its
// certificate matched against the TLSA records, and judged with MTA-STS and DANE in mind.
import type { DataTable, Finding } from '../../findings/model.js';
import { type DaneHost, daneFindings, type TlsaAnswer } from '../dane/index.js';
import { gatherStarttls, type TlsGathered } from '../starttls/gather.js';
import { starttlsFindings } from '../starttls/index.js';
import { tlsTable } from '../starttls/report.js';
import type { Env, Exchanger } from './env.js';
import { notTested } from './not-tested.js';

/** STARTTLS on each target exchanger, all at once. */
export function gatherTls(env: Env, domain: string, targets: Exchanger[]): Promise<TlsGathered[]> {
  if (targets.length === 0) return Promise.resolve([]);
  env.progress(`${domain}: STARTTLS on ${targets.length} exchanger(s)`);
  const opts = {
    port: env.port,
    ...(env.heloName ? { heloName: env.heloName } : {}),
    timeoutSeconds: env.timeoutSeconds,
    ...(env.ca ? { ca: env.ca } : {}),
  };
  return Promise.all(targets.map((e) => gatherStarttls(e.host, e.addresses, opts)));
}

/** DANE per exchanger: `tlsa[i]` is the answer for `exchangers[i]` (empty when not looked up). */
export function daneStage(env: Env, exchangers: Exchanger[], tlsa: TlsaAnswer[], tls: TlsGathered[]) {
  return daneFindings(
    tlsa.map((answer, i) => {
      const host = exchangers[i]!.host;
      const o = tls.find((x) => x.host === host);
      const state = o?.observation
        ? { offered: o.observation.offered, ok: !!o.observation.handshake?.ok, chain: o.chain }
        : undefined;
      return { host, port: env.port, tlsa: answer, ...(state ? { tls: state } : {}) };
    }),
  );
}

/** The tls group's findings: WebPKI faults weigh more when MTA-STS enforces or DANE applies. */
export function tlsStage(
  env: Env,
  tls: TlsGathered[],
  dane: DaneHost[],
  stsEnforced: boolean,
): { findings: Finding[]; table?: DataTable; data: unknown } {
  const daneBy = new Map<string, DaneHost>(dane.map((h) => [h.host, h]));
  const findings = tls.flatMap((t) =>
    t.observation
      ? starttlsFindings(t.observation, {
          requirement: (h) => (daneBy.get(h)?.applies ? 'dane' : stsEnforced ? 'mta-sts' : undefined),
          daneMatched: (h) => daneBy.get(h)?.matched === true,
          warnDays: env.thresholds.warnDays,
          critDays: env.thresholds.critDays,
          thresholdsExplicit: env.thresholdsExplicit,
        })
      : [
          notTested('tls', {
            title: `${t.host}: not reachable, TLS not tested`,
            detail: `No address of ${t.host} got as far as EHLO on port ${env.port}: ${t.error ?? 'no answer'}. STARTTLS and the certificate could not be checked.`,
            fix: `Check that ${t.host} answers on port ${env.port} (mailflow probe ${t.host}), then check again.`,
          }),
        ],
  );
  const table = tlsTable(tls);
  return {
    findings,
    ...(table ? { table } : {}),
    data: tls.map(({ chain: _chain, ...rest }) => rest),
  };
}

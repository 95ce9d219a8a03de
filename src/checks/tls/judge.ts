// The tls group's judgement: each exchanger's STARTTLS session, its certificate judged with
// MTA-STS and DANE in mind (WebPKI faults weigh more when MTA-STS enforces or DANE applies). Pure.

import { count } from '../../findings/count.js';
import { daneHosts } from '../dane/judge.js';
import type { Facts, GroupOutput, JudgeContext } from '../group.js';
import { notTested } from '../inbound/not-tested.js';
import { judge as judgeMtaSts } from '../mta-sts/judge.js';
import { starttlsFindings } from './index.js';
import { tlsTable } from './report.js';

export function judge(f: Pick<Facts, 'starttls' | 'tlsa' | 'mta-sts'>, ctx: JudgeContext): GroupOutput {
  const { env, mx } = ctx;
  const dane = daneHosts(f.tlsa, f.starttls, ctx);
  const daneBy = new Map(dane.hosts.map((h) => [h.host, h]));
  // The mode senders apply, as the mta-sts group judges it (only a valid policy counts).
  const stsEnforced = judgeMtaSts(f['mta-sts']).data.mode === 'enforce';
  const none =
    f.starttls.length > 0
      ? []
      : [
          notTested(
            'tls',
            {
              title:
                mx.exchangers.length > 0
                  ? 'No exchanger reachable, TLS not tested'
                  : `TLS not tested: ${mx.noTarget}`,
              detail:
                mx.exchangers.length > 0
                  ? `None of the ${count(mx.exchangers.length, 'exchanger')} answered on port ${env.port} (see the smtp group), so STARTTLS and the certificates could not be checked.`
                  : `There is nothing to connect to: ${mx.noTarget}.`,
              fix: 'Make the exchangers reachable on port 25 (see the smtp group), then check again.',
            },
            causeShown(ctx),
          ),
        ];
  const findings = f.starttls.flatMap((t) =>
    t.observation
      ? starttlsFindings(t.observation, {
          requirement: (h) => (daneBy.get(h)?.applies ? 'dane' : stsEnforced ? 'mta-sts' : undefined),
          daneMatched: (h) => daneBy.get(h)?.matched === true,
          warnDays: env.thresholds.warnDays,
          critDays: env.thresholds.critDays,
          thresholdsExplicit: env.thresholdsExplicit,
          ...(t.tlsMax ? { maxOffered: t.tlsMax } : {}),
        })
      : [
          notTested('tls', {
            title: `${t.host}: not reachable, TLS not tested`,
            detail: `No address of ${t.host} got as far as EHLO on port ${env.port}: ${t.error ?? 'no answer'}. STARTTLS and the certificate could not be checked.`,
            fix: `Check that ${t.host} answers on port ${env.port} (mailflow probe ${t.host}), then check again.`,
          }),
        ],
  );
  const table = tlsTable(f.starttls);
  return {
    findings: [...none, ...findings],
    ...(table ? { tables: [{ ...table, id: 'tls.exchangers' }] } : {}),
    data: { tls: f.starttls.map(({ chain: _chain, ...rest }) => rest) },
  };
}

/**
 * Why there is nothing to test is already a finding of its own (smtp: unreachable; mx/smtp: no
 * exchanger), which then decides the status; otherwise "not tested" is the news, and unknown.
 */
export function causeShown(ctx: JudgeContext): boolean {
  return ctx.selected.has('smtp') || (ctx.mx.exchangers.length === 0 && ctx.selected.has('mx'));
}

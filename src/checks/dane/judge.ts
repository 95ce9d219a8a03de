// The dane group's judgement: each exchanger's TLSA answer against the certificate its STARTTLS
// session showed (RFC 7672). Pure.
import type { Facts, GroupOutput, JudgeContext } from '../group.js';
import { notTested } from '../inbound/not-tested.js';
import { causeShown } from '../tls/judge.js';
import { daneFindings } from './index.js';

/** DANE per exchanger: `tlsa[i]` is the answer for the i-th exchanger. */
export function daneHosts(tlsa: Facts['tlsa'], starttls: Facts['starttls'], ctx: JudgeContext) {
  const { exchangers } = ctx.mx;
  return daneFindings(
    tlsa.map((answer, i) => {
      const host = exchangers[i]!.host;
      const o = starttls.find((x) => x.host === host);
      const state = o?.observation
        ? { offered: o.observation.offered, ok: !!o.observation.handshake?.ok, chain: o.chain }
        : undefined;
      return { host, port: ctx.env.port, tlsa: answer, ...(state ? { tls: state } : {}) };
    }),
  );
}

export function judge(f: Pick<Facts, 'tlsa' | 'starttls'>, ctx: JudgeContext): GroupOutput {
  const { mx, domain } = ctx;
  const dane = daneHosts(f.tlsa, f.starttls, ctx);
  const none =
    mx.exchangers.length > 0
      ? []
      : [
          notTested(
            'dane',
            {
              title: `DANE not tested: ${mx.noTarget}`,
              detail: `There is no exchanger to look up TLSA records for: ${mx.noTarget}.`,
              fix: `Run mailflow mx ${domain} for the DNS details.`,
            },
            causeShown(ctx),
          ),
        ];
  return { findings: [...none, ...dane.findings], data: { dane: dane.hosts } };
}

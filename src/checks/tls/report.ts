// Human tables and monitoring metrics for the exchanger-level part of `check`
// (connect/greeting times, reachability, certificate expiry) with --warning/--critical.

import { columns, type DataTable, type Finding, finding, type Metric } from '../../findings/model.js';
import type { ProbeRecord } from '../probe/index.js';
import type { TlsGathered } from './gather.js';

export interface Thresholds {
  warnTime?: number;
  critTime?: number;
  warnDays: number;
  critDays: number;
}

const s = (ms: number) => Math.round(ms) / 1000;

export function exchangerMetrics(records: ProbeRecord[], th: Thresholds, total: number): Metric[] {
  const m: Metric[] = [];
  const limits = {
    ...(th.warnTime !== undefined ? { warn: th.warnTime } : {}),
    ...(th.critTime !== undefined ? { crit: th.critTime } : {}),
  };
  for (const r of records) {
    const labels = { exchanger: r.host, address: r.address };
    if (r.connectMs !== undefined)
      m.push({
        name: 'smtp_connect',
        value: s(r.connectMs),
        unit: 's',
        labels,
        ...limits,
        help: 'TCP connect time to the exchanger',
      });
    if (r.greetingMs !== undefined)
      m.push({
        name: 'smtp_greeting',
        value: s(r.greetingMs),
        unit: 's',
        labels,
        ...limits,
        help: 'Time from connect to the complete 220 greeting',
      });
  }
  const reachable = new Set(records.filter((r) => r.outcome === 'open').map((r) => r.host)).size;
  m.push({
    name: 'exchangers_reachable',
    value: reachable,
    help: 'Exchangers with an address that answered with 220',
  });
  // Not `_total`: in Prometheus that suffix is for counters, and promtool refuses it on a gauge.
  m.push({ name: 'exchangers_published', value: total, help: 'Exchangers published in MX' });
  return m;
}

/** Certificate days left per exchanger reached over STARTTLS (kept with --only tls). */
export function tlsMetrics(tls: TlsGathered[], th: Thresholds): Metric[] {
  const m: Metric[] = [];
  for (const t of tls) {
    const days = t.observation?.cert?.daysLeft;
    if (days !== undefined)
      m.push({
        name: 'tls_cert_expiry',
        value: days,
        unit: 'days',
        warn: th.warnDays,
        crit: th.critDays,
        below: true,
        labels: { exchanger: t.host },
        help: 'Days until the exchanger certificate expires',
      });
  }
  return m;
}

/** Response-time findings per address when --warning/--critical time thresholds are set. */
export function slowFindings(records: ProbeRecord[], th: Thresholds): Finding[] {
  const out: Finding[] = [];
  for (const r of records) {
    if (r.outcome !== 'open') continue;
    const worst = Math.max(r.connectMs ?? 0, r.greetingMs ?? 0) / 1000;
    const sev =
      th.critTime !== undefined && worst > th.critTime
        ? 'fail'
        : th.warnTime !== undefined && worst > th.warnTime
          ? 'warn'
          : undefined;
    if (!sev) continue;
    out.push(
      finding('smtp.slow', sev, {
        title: `${r.host} (${r.address}) took ${worst.toFixed(3)} s to connect or greet`,
        detail: `Connect ${r.connectMs ?? '?'} ms, greeting ${r.greetingMs ?? '?'} ms; thresholds: warning ${th.warnTime ?? '-'} s, critical ${th.critTime ?? '-'} s.`,
        fix: 'Look for an overloaded server, a slow reverse-DNS or RBL lookup before the greeting, or deliberate greeting delay (tarpitting) that also delays legitimate senders.',
        ref: 'RFC 5321 §4.5.3.2',
        data: { host: r.host, address: r.address, connectMs: r.connectMs, greetingMs: r.greetingMs },
      }),
    );
  }
  return out;
}

export function tlsTable(tls: TlsGathered[]): DataTable | undefined {
  if (tls.length === 0) return undefined;
  return {
    id: 'tls.exchangers',
    title: 'STARTTLS per exchanger',
    columns: columns({
      exchanger: 'Exchanger',
      starttls: 'STARTTLS',
      protocol: 'Protocol / cipher',
      certificate: 'Certificate',
      validForName: 'Valid for name',
      chain: 'Chain',
      daysLeft: 'Days left',
    }),
    rows: tls.map((t) => {
      const o = t.observation;
      const c = o?.cert;
      return [
        `${t.host}${t.address ? `\n${t.address}` : ''}`,
        !o
          ? (t.error ?? 'not reached')
          : !o.offered
            ? 'not offered'
            : o.handshake?.ok
              ? 'yes'
              : `failed: ${o.handshake?.error ?? ''}`,
        o?.handshake?.ok ? `${o.handshake.protocol ?? ''}\n${o.handshake.cipher ?? ''}` : '-',
        c ? `${c.subject}\nissuer ${c.issuer}` : '-',
        c ? (c.nameOk ? 'yes' : 'no') : '-',
        c ? (c.trusted ? 'trusted' : (c.trustError ?? 'untrusted')) : '-',
        c ? String(c.daysLeft) : '-',
      ];
    }),
  };
}

// Probe records → findings. Pure: the same records always give the same verdict.
import { isIP } from 'node:net';
import { canonicalName } from '../../dns/wire-name.js';
import { type Finding, finding, type Severity } from '../../findings/model.js';
import { explainReply } from '../../ndr/explain.js';
import { PROXY_REF, proxyFix } from '../shared/proxy-advice.js';
import type { ProbeRecord } from './address.js';

const TELNET = 'Book ch. 5, Using Telnet to Ensure Internet Accessibility';
const FIREWALL = 'Book ch. 7, Using Telnet (determine whether a firewall is blocking a connection)';

export interface JudgeInput {
  records: ProbeRecord[];
  /** Ports whose failure is a failure; failures on other ports are information. */
  required: ReadonlySet<number>;
  timeoutSeconds: number;
  /** PTR names per address (only addresses that were looked up). */
  ptr?: ReadonlyMap<string, string[]>;
  /**
   * The network in between blocks the port (check's control probe answered while every exchanger
   * timed out): timeouts then prove nothing about the servers and are unknown, not failures.
   */
  pathBlocked?: boolean;
}

export function endpoint(r: Pick<ProbeRecord, 'host' | 'address' | 'port'>): string {
  const addr = isIP(r.address) === 6 ? `[${r.address}]` : r.address;
  return r.host === r.address ? `${addr}:${r.port}` : `${r.host} ${addr}:${r.port}`;
}

/** The NDR explainer's one-line reading of a reply; the full explanation is one command away. */
export function explainerNote(reply: string): string {
  const summary = explainReply(reply).summary.trim().replace(/\.$/, '');
  return summary
    ? ` The NDR explainer reads it as: ${summary} (mailflow ndr "${reply.slice(0, 120)}" explains it in full).`
    : '';
}

const ms = (n: number | undefined) => (n === undefined ? '?' : `${n} ms`);

function partialNote(r: ProbeRecord): string {
  return r.error?.partial ? ` What arrived: "${r.error.partial.slice(0, 160)}".` : '';
}

/** The finding for one record, at the severity its context gives failures. */
export function recordFinding(r: ProbeRecord, failSeverity: Severity, timeoutSeconds: number): Finding {
  const at = endpoint(r);
  const p = r.port;
  const data = {
    host: r.host,
    address: r.address,
    port: r.port,
    outcome: r.outcome,
    ...(r.proxy ? { proxy: r.proxy } : {}),
  };
  switch (r.outcome) {
    case 'open':
      return finding('probe.open', 'ok', {
        title: r.greeting ? `${at} answers: ${r.greeting[0]}` : `${at} (${r.service}) accepts connections`,
        detail: `TCP connect took ${ms(r.connectMs)}${r.greeting ? `, the greeting ${ms(r.greetingMs)} more` : ''}.${r.proxy ? ` Through the SOCKS proxy ${r.proxy}: this is what the proxy's network sees (the connect time includes the proxy handshake).` : ''}`,
        fix: '',
        ref: TELNET,
        data,
      });
    case 'refused':
      return finding('probe.refused', failSeverity, {
        title: `${at} refused the connection`,
        detail: `The address answered with a TCP reset: nothing is listening on port ${p} there, or a firewall in front of it rejects the connection.`,
        fix: `Check that the mail service is running and listening on port ${p} of ${r.address} (Exchange: the SMTP virtual server is started and bound to this address), and that the firewall lets port ${p} in from the Internet. If the address is wrong, correct the DNS record (mailflow mx).`,
        ref: FIREWALL,
        data,
      });
    case 'timeout':
      return finding('probe.timeout', failSeverity, {
        title: `${at} did not answer within ${timeoutSeconds} s`,
        detail: `The connection attempt got no reply at all, so packets are being dropped. Two possibilities: a firewall in front of the server drops them, or port ${p} is blocked on the path from here (many ISPs, cloud providers and office networks block outgoing port 25).`,
        fix: `Probe again from a machine with direct Internet access, as the book advises. If it times out there too, open port ${p} on the server's firewall and confirm the address is the server's Internet-facing one; if it answers there, the block is on this machine's network.`,
        ref: FIREWALL,
        data,
      });
    case 'banner-timeout':
      return finding('probe.banner-timeout', failSeverity, {
        title: `${at} accepted the connection but sent no greeting within ${timeoutSeconds} s`,
        detail: `TCP connected in ${ms(r.connectMs)}, then no complete 220 greeting arrived. Typical causes: a tarpit or greeting delay, an overloaded server, or an SMTP proxy holding the connection.${partialNote(r)}`,
        fix: 'Check the server load and its inbound connection limits, and any greeting delay or SMTP inspection on the firewall. Senders wait up to 5 minutes (RFC 5321 §4.5.3.2); retry with a longer --timeout to tell slow from silent.',
        ref: 'RFC 5321 §4.5.3.2',
        data,
      });
    case 'rejected': {
      const line = r.greeting?.join(' ') ?? `${r.code}`;
      const ex = explainReply(r.greeting?.[0] ?? String(r.code));
      const temporary = (r.code ?? 500) < 500;
      return finding('probe.rejected', failSeverity, {
        title: `${at} refuses service: ${line.slice(0, 200)}`,
        detail: `${temporary ? 'A 4xx greeting means the server will not talk now (overloaded, shutting down, rate limits) and senders retry later.' : 'A 5xx greeting means the server refuses this client outright, most often because this address is on a block list.'}${explainerNote(r.greeting?.[0] ?? String(r.code))}`,
        fix: temporary
          ? 'Retry later; if it persists, check the server load and its connection limits.'
          : `${ex.nextStep} If this machine's address is listed, probe from another network to see what ordinary senders get.`,
        ref: `RFC 5321 §3.1; ${ex.ref}`,
        data: { ...data, code: r.code, explanation: ex },
      });
    }
    case 'tls-error':
      return finding('probe.tls-error', failSeverity, {
        title: `${at} failed the TLS handshake`,
        detail: r.error?.message ?? 'The TLS handshake did not complete.',
        fix: 'Check the certificate and TLS configuration of this service (protocol versions, ciphers, certificate and key match).',
        ref: 'RFC 8314 §3.3',
        data,
      });
    case 'closed':
      return finding('probe.closed', failSeverity, {
        title: `${at} hung up without a greeting`,
        detail: `The connection was accepted and then closed or reset before a complete greeting.${partialNote(r)} Connection limits, a block list that drops instead of replying, or a crashing service do this.`,
        fix: 'Check the mail server log for the dropped connection and its connection limits; probe from another network to rule out a block on this address.',
        ref: TELNET,
        data,
      });
    case 'unreachable': {
      const v6 = isIP(r.address) === 6;
      return finding('probe.unreachable', failSeverity, {
        title: `${at} is unreachable from here`,
        detail: `No route to the address (${r.error?.message ?? 'unreachable'}).${v6 ? ' This machine may simply have no IPv6 connectivity.' : ''}`,
        fix: v6
          ? 'Probe with -4, or from a host with IPv6; if IPv6 works elsewhere but not to this address, check its routing and firewall.'
          : "Check this machine's network and the route to the address (traceroute); confirm the address is right (mailflow mx).",
        ref: FIREWALL,
        data,
      });
    }
    case 'proxy-error':
      return finding('probe.proxy-error', 'unknown', {
        title: `${at}: not tested, the SOCKS proxy failed`,
        detail: `${r.error?.message ?? 'The SOCKS proxy failed'}. This is the proxy's failure, not the mail server's: the server was not reached through the proxy, so nothing is known about it.`,
        fix: proxyFix(r.error?.proxyStage ?? 'handshake', r.error?.socksReply),
        ref: PROXY_REF,
        data: {
          ...data,
          ...(r.proxy ? { proxy: r.proxy } : {}),
          ...(r.error?.proxyStage ? { proxyStage: r.error.proxyStage } : {}),
          ...(r.error?.socksReply !== undefined ? { socksReply: r.error.socksReply } : {}),
        },
      });
    case 'bad-greeting':
      return finding('probe.bad-greeting', failSeverity, {
        title: `${at} sent a greeting that breaks SMTP`,
        detail: `${r.error?.message ?? `Unexpected greeting code ${r.code}`}.${partialNote(r)}`,
        fix: 'Make sure an SMTP server is what listens on this port; an SMTP-inspecting firewall or proxy can also garble the greeting — check or disable its SMTP inspection.',
        ref: 'RFC 5321 §4.2',
        data,
      });
    default:
      return finding('probe.error', failSeverity, {
        title: `${at}: ${r.error?.message ?? 'probe failed'}`,
        detail: r.error?.message ?? '',
        fix: "Check this machine's network, then probe again with -v.",
        ref: TELNET,
        data,
      });
  }
}

function bannerPtrFinding(r: ProbeRecord, names: string[]): Finding | undefined {
  const banner = r.bannerName === undefined ? undefined : canonicalName(r.bannerName);
  // Only a real host name can be compared ("220 ESMTP ready" names none).
  if (!banner?.includes('.') || banner.startsWith('[') || isIP(banner) || names.length === 0)
    return undefined;
  if (names.some((n) => canonicalName(n) === banner)) return undefined;
  return finding('probe.banner-ptr-mismatch', 'info', {
    title: `${endpoint(r)} greets as ${r.bannerName}, but ${r.address} reverses to ${names.join(', ')}`,
    detail:
      'Some receivers and spam filters compare the name a server announces with its reverse DNS; a mismatch is not an error, but a consistent name avoids suspicion.',
    fix: "Make the greeting name and the PTR record agree: set the server's announced name (Exchange 2000: the SMTP virtual server's Delivery tab, Advanced, fully-qualified domain name; Postfix: myhostname) or ask the address owner to change the PTR.",
    ref: 'RFC 5321 §4.1.3; Book ch. 3, DNS',
    data: { address: r.address, banner: r.bannerName, ptr: names },
  });
}

export function judge(input: JudgeInput): Finding[] {
  const { records, required, timeoutSeconds } = input;
  const out: Finding[] = [];
  const byPort = new Map<number, ProbeRecord[]>();
  for (const r of records) byPort.set(r.port, [...(byPort.get(r.port) ?? []), r]);
  for (const [port, group] of byPort) {
    const isRequired = required.has(port);
    const open = group.filter((r) => r.outcome === 'open');
    // Mail still flows while one server accepts: then the others are a warning.
    const failSeverity: Severity = !isRequired ? 'info' : open.length > 0 ? 'warn' : 'fail';
    for (const r of group)
      out.push(
        recordFinding(
          r,
          (input.pathBlocked && r.outcome === 'timeout') || r.outcome === 'proxy-error'
            ? 'unknown'
            : failSeverity,
          timeoutSeconds,
        ),
      );
    const failed = group.filter((r) => r.outcome !== 'open');
    if (isRequired && open.length > 0 && failed.length > 0) {
      const hosts = (rs: ProbeRecord[]) => [...new Set(rs.map((r) => endpoint(r)))].join(', ');
      out.push(
        finding('probe.partial', 'warn', {
          title: `Port ${port}: ${open.length} of ${group.length} addresses answer; ${failed.length} ${failed.length === 1 ? 'does' : 'do'} not`,
          detail: `Not answering: ${hosts(failed)}. Answering: ${hosts(open)}. Mail still flows through the ones that answer, but senders that pick a silent one are delayed until they retry elsewhere.`,
          fix: 'Fix the addresses listed as not answering (see their findings), or remove them from DNS if they are retired.',
          ref: 'Book ch. 7, Using Telnet (determine that all servers are accepting connections)',
          data: {
            port,
            failing: failed.map((r) => ({ host: r.host, address: r.address, outcome: r.outcome })),
            answering: open.map((r) => ({ host: r.host, address: r.address })),
          },
        }),
      );
    }
  }
  for (const r of records) {
    const names = input.ptr?.get(r.address);
    const f = r.outcome === 'open' && names ? bannerPtrFinding(r, names) : undefined;
    if (f) out.push(f);
  }
  return out;
}

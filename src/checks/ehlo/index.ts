// `ehlo` as functions other commands reuse: talk to one server (trying each address until
// one answers), list its extensions, optionally upgrade with STARTTLS, and judge the list
// against a profile, the way the book's telnet + ehlo test does.
import type { ConnectionOptions } from 'node:tls';
import { isLookupFailure, type Resolver, resolveTarget } from '../../dns/index.js';
import { UsageError } from '../../findings/errors.js';
import { columns, type DataTable, type Finding, finding, type Metric } from '../../findings/model.js';
import { boundNames, daysLeftText } from '../../smtp/cert-chain.js';
import { isSmtpError } from '../../smtp/errors.js';
import type { Capabilities } from '../../smtp/extensions.js';
import { MAX_ADDRESSES_PER_HOST } from '../../smtp/options.js';
import type { SocksProxy } from '../../smtp/proxy-url.js';
import { formatReply } from '../../smtp/reply.js';
import { SmtpSession, type SmtpTimeouts } from '../../smtp/session.js';
import type { TlsInfo } from '../../smtp/tls-info.js';
import { errorOf, greetingOutcome, outcomeFor, type ProbeRecord, pickTimings } from '../probe/address.js';
import { dnsSaid } from '../probe/index.js';
import { type EhloObservation, judge } from './judge.js';
import { type Detection, detectProfile, PROFILE_IDS, PROFILES, type Profile } from './profiles.js';
import { verbMeaning } from './verbs.js';

export { compareVerbs, offers } from './compare.js';
export { judge } from './judge.js';
export { DETECT_RULES, detectProfile, PROFILE_IDS, PROFILES } from './profiles.js';

export interface EhloOptions {
  port?: number;
  timeouts: SmtpTimeouts;
  /** Name for EHLO/HELO (default: this machine's FQDN, else an address literal). */
  heloName?: string;
  /** Upgrade with STARTTLS when offered, and EHLO again. */
  starttls?: boolean;
  /** STARTTLS and the certificate are judged by another check: no findings or hints about them here. */
  tlsElsewhere?: boolean;
  /** TLS on connect (port 465). */
  implicitTls?: boolean;
  /** A profile id; default: detected from the greeting. */
  profile?: string;
  expect?: string[];
  tls?: ConnectionOptions;
  transcript?: boolean;
  /** Connect through this SOCKS5 proxy (--proxy). */
  proxy?: SocksProxy;
}

export interface EhloData {
  host: string;
  address: string | null;
  port: number;
  banner: string | null;
  heloName: string | null;
  heloOnly: boolean;
  /** Keyword and parameters as sent, one per extension (before STARTTLS). */
  extensions: string[];
  capabilities: Omit<Capabilities, 'extensions'> | null;
  profile: string;
  profileReason: string;
  missing: string[];
  tls: TlsInfo | null;
  extensionsAfterTls: string[] | null;
  attempts: ProbeRecord[];
  transcript?: string[];
  /** The SOCKS proxy the sessions went through (no credentials): results are as seen from it. */
  proxy?: string;
}

export interface EhloReport {
  findings: Finding[];
  data: EhloData;
  metrics: Metric[];
  tables: DataTable[];
}

function chooseProfile(
  opts: EhloOptions,
  banner: string,
  keywords: string[],
): { profile: Profile; detection: Detection } {
  if (opts.profile) {
    const profile = PROFILES[opts.profile];
    if (!profile) throw new UsageError(`--profile must be one of ${PROFILE_IDS.join(', ')}`);
    return { profile, detection: { profile: profile.id, reason: 'it was chosen with --profile' } };
  }
  const detection = detectProfile(banner, keywords);
  return { profile: PROFILES[detection.profile]!, detection };
}

/** One conversation on one address; returns whether it got past the greeting. */
async function converse(
  host: string,
  address: string,
  opts: EhloOptions,
  o: EhloObservation,
  transcript: string[],
) {
  const port = opts.port ?? 25;
  const rec: ProbeRecord = { host, address, port, service: 'smtp', outcome: 'error' };
  if (opts.proxy) rec.proxy = opts.proxy.label;
  o.attempts.push(rec);
  const s = new SmtpSession({
    host: address,
    port,
    servername: host,
    timeouts: opts.timeouts,
    ...(opts.implicitTls ? { implicitTls: true } : {}),
    ...(opts.tls ? { tls: opts.tls } : {}),
    ...(opts.proxy ? { proxy: opts.proxy } : {}),
  });
  let connected = false;
  let greeted = false;
  try {
    await s.connect();
    connected = true;
    if (s.tls) o.tls = s.tls;
    const g = await s.greeting();
    rec.greeting = formatReply(g);
    rec.code = g.code;
    rec.outcome = greetingOutcome(g.code);
    if (rec.outcome !== 'open') {
      await s.quit();
      return false;
    }
    greeted = true;
    o.address = address;
    o.banner = rec.greeting.join('\n');
    const name = opts.heloName ?? (await s.localName());
    o.heloName = name;
    const { ehlo, helo } = await s.hello(name);
    o.ehloCode = ehlo.code;
    if (helo) o.heloCode = helo.code;
    o.heloOnly = s.heloOnly;
    if (s.capabilities) o.caps = s.capabilities;
    if (opts.starttls && s.capabilities?.starttls) {
      const r = await s.starttls().catch((e) => {
        if (isSmtpError(e)) o.starttls.error = e.message;
        throw e;
      });
      o.starttls.code = r.code;
      if (r.code === 220 && s.tls) {
        o.tls = s.tls;
        await s.ehlo(name);
        if (s.capabilities) o.capsAfterTls = s.capabilities;
      }
    }
    await s.quit();
    return true;
  } catch (e) {
    if (!isSmtpError(e)) throw e;
    if (!greeted) {
      rec.outcome = outcomeFor(e.code, connected);
      rec.error = errorOf(e);
      return false;
    }
    if (o.starttls.error && !o.tls) return true;
    o.error = { code: e.code, message: e.message };
    return true;
  } finally {
    s.close();
    Object.assign(rec, pickTimings(s));
    transcript.push(...s.transcript.format());
  }
}

function tablesFor(d: EhloData, transcript: boolean): DataTable[] {
  const after = d.extensionsAfterTls;
  const all = [...d.extensions, ...(after ?? []).filter((e) => !d.extensions.includes(e))];
  const rows = all.map((e) => {
    const row = [e, verbMeaning(e.split(/\s+/)[0] ?? '')];
    if (after) row.push(!d.extensions.includes(e) ? 'after STARTTLS only' : after.includes(e) ? 'yes' : 'no');
    return row;
  });
  const t: DataTable[] = [];
  if (d.banner)
    t.push({
      id: 'ehlo.greeting',
      columns: columns({ server: 'Server', address: 'Address', greeting: 'Greeting' }),
      rows: [[d.host, d.address ?? '-', d.banner]],
    });
  if (rows.length) {
    t.push({
      id: 'ehlo.extensions',
      title: `Advertised extensions (profile ${d.profile})`,
      columns: columns({
        extension: 'Extension',
        meaning: 'What it is',
        ...(after ? { afterStarttls: 'After STARTTLS' } : {}),
      }),
      rows,
    });
  }
  if (d.tls?.certificate) {
    const c = d.tls.certificate;
    t.push({
      id: 'ehlo.tls',
      title: 'TLS',
      columns: columns({
        protocol: 'Protocol',
        cipher: 'Cipher',
        subject: 'Subject / SAN',
        issuer: 'Issuer',
        expires: 'Expires',
        verified: 'Verified',
      }),
      rows: [
        [
          d.tls.protocol,
          d.tls.cipher,
          `${c.subject}\n${boundNames(c.san, 12)}`,
          c.issuer,
          `${c.validTo.slice(0, 10)} (${daysLeftText(c.daysLeft)})`,
          `chain: ${d.tls.chainVerified ? 'yes' : 'no'}\nname: ${d.tls.validForHost ? 'yes' : 'no'}`,
        ],
      ],
    });
  }
  if (transcript && d.transcript)
    t.push({
      id: 'ehlo.transcript',
      title: 'Transcript',
      columns: columns({ line: 'Conversation' }),
      rows: [[d.transcript.join('\n')]],
    });
  return t;
}

/** Check one server: its addresses are tried in order until one greets (at most a few). */
export async function ehloCheck(
  server: { host: string; addresses: string[] },
  opts: EhloOptions,
): Promise<EhloReport> {
  const port = opts.port ?? 25;
  const o: EhloObservation = {
    host: server.host,
    port,
    attempts: [],
    heloOnly: false,
    starttls: { requested: !!opts.starttls, ...(opts.tlsElsewhere ? { elsewhere: true } : {}) },
    timeoutSeconds: opts.timeouts.greeting / 1000,
    opportunistic: port === 25,
  };
  const transcript: string[] = [];
  for (const address of server.addresses.slice(0, MAX_ADDRESSES_PER_HOST)) {
    if (await converse(server.host, address, opts, o, transcript)) break;
    // A server that answered with a refusal has spoken; other addresses would say the same.
    if (o.attempts.at(-1)?.outcome === 'rejected') break;
  }
  const keywords = [...(o.caps?.extensions ?? []), ...(o.capsAfterTls?.extensions ?? [])].map(
    (e) => e.keyword,
  );
  const { profile, detection } = chooseProfile(opts, o.banner ?? '', keywords);
  const { findings, missing } = judge(o, profile, detection, opts.expect ?? []);
  const { extensions: _e, ...caps } = o.caps ?? ({} as Capabilities);
  const data: EhloData = {
    host: server.host,
    address: o.address ?? null,
    port,
    banner: o.banner ?? null,
    heloName: o.heloName ?? null,
    heloOnly: o.heloOnly,
    extensions: o.caps?.extensions.map((e) => e.raw) ?? [],
    capabilities: o.caps ? caps : null,
    profile: profile.id,
    profileReason: detection.reason,
    missing,
    tls: o.tls ?? null,
    extensionsAfterTls: o.capsAfterTls?.extensions.map((e) => e.raw) ?? null,
    attempts: o.attempts,
  };
  if (opts.proxy) data.proxy = opts.proxy.label;
  if (opts.transcript) data.transcript = transcript;
  const metrics: Metric[] = [];
  const labels = { host: server.host, port: String(port) };
  const last = o.attempts.at(-1);
  if (last?.connectMs !== undefined)
    metrics.push({ name: 'ehlo_connect', value: last.connectMs, unit: 'ms', labels });
  if (last?.greetingMs !== undefined)
    metrics.push({ name: 'ehlo_greeting', value: last.greetingMs, unit: 'ms', labels });
  if (o.tls?.certificate) {
    metrics.push({
      name: 'tls_cert_days_left',
      value: o.tls.certificate.daysLeft,
      unit: 'days',
      labels,
      help: 'Days until the certificate expires',
    });
  }
  metrics.push({ name: 'ehlo_missing_verbs', value: missing.length, labels });
  return { findings, data, metrics, tables: tablesFor(data, !!opts.transcript) };
}

/** A domain means each of its exchangers (one report each); a host or IP is checked directly. */
export async function ehloTarget(
  resolver: Resolver,
  target: string,
  opts: EhloOptions & { family?: 4 | 6 },
): Promise<{ target: string; report: EhloReport }[]> {
  const res = await resolveTarget(resolver, target, opts.family ? { family: opts.family } : {});
  const servers = res.servers.filter((s) => s.addresses.length > 0);
  if (res.outcome !== 'ok' || servers.length === 0) {
    const failure = isLookupFailure(res.outcome);
    const f = finding(failure ? 'dns.error' : 'ehlo.unresolved', failure ? 'unknown' : 'fail', {
      title: `${target}: no server to talk to (${res.outcome})`,
      detail: `${dnsSaid(res, res.outcome)}.`,
      fix: `Run mailflow mx ${target} to see what DNS returns; publish MX and A/AAAA records for the mail servers.`,
      ref: 'Book ch. 5, Using Nslookup to Verify DNS Configuration',
    });
    const data = {
      host: target,
      address: null,
      port: opts.port ?? 25,
      banner: null,
      heloName: null,
      heloOnly: false,
      extensions: [],
      capabilities: null,
      profile: opts.profile ?? 'generic',
      profileReason: 'nothing was reached',
      missing: [],
      tls: null,
      extensionsAfterTls: null,
      attempts: [],
    } satisfies EhloData;
    return [{ target, report: { findings: [f], data, metrics: [], tables: [] } }];
  }
  const reports = await Promise.all(servers.map((s) => ehloCheck(s, opts)));
  return servers.map((s, i) => ({
    target: res.kind === 'domain' ? `${target} (${s.host})` : target,
    report: reports[i]!,
  }));
}

// A DNSSEC-signed test zone (ldns-keygen + ldns-signzone) and a private validating Unbound on
// loopback whose only way into that zone is a stub to our NSD, with the zone's DS as trust anchor.
// Everything lives in temp dirs; /etc/unbound and the system resolver are never touched.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as packet from 'dns-packet';
import { startDaemon } from './daemon.js';
import { freeDnsPort } from './nsd.js';
import { udpExchange } from './udp.js';

export const UNBOUND_BIN = '/usr/sbin/unbound';
const KEYGEN = '/usr/bin/ldns-keygen';
const SIGNZONE = '/usr/bin/ldns-signzone';

/** Why the DNSSEC tests cannot run here, or null. */
export function unboundMissing(): string | null {
  if (!existsSync(UNBOUND_BIN)) return `unbound not found at ${UNBOUND_BIN} (apt-get install unbound)`;
  for (const bin of [KEYGEN, SIGNZONE])
    if (!existsSync(bin)) return `${bin} not found (apt-get install ldnsutils)`;
  return null;
}

export interface SignedZone {
  /** The signed zone in master-file syntax (RRSIG, NSEC, DNSKEY added). */
  text: string;
  /** The KSK's DS record, usable as an Unbound trust anchor. */
  ds: string;
}

function run(bin: string, args: string[], cwd: string): string {
  const r = spawnSync(bin, args, { cwd, encoding: 'utf8', timeout: 30_000 });
  if (r.status !== 0)
    throw new Error(`${bin} ${args.join(' ')} failed: ${r.error ?? ''}${r.stderr}${r.stdout}`);
  return r.stdout.trim();
}

/** Sign `text` (zone `origin`) with a fresh ECDSA P-256 KSK and ZSK; the keys die with the temp dir. */
export function signZone(origin: string, text: string): SignedZone {
  const dir = mkdtempSync(join(tmpdir(), 'mailflow-dnssec-'));
  try {
    const zoneFile = join(dir, 'zone');
    writeFileSync(zoneFile, `${text}\n`);
    // /dev/urandom: keygen must not block on a starved entropy pool in CI.
    const ksk = run(KEYGEN, ['-r', '/dev/urandom', '-a', 'ECDSAP256SHA256', '-k', origin], dir);
    const zsk = run(KEYGEN, ['-r', '/dev/urandom', '-a', 'ECDSAP256SHA256', origin], dir);
    run(SIGNZONE, ['-n', zoneFile, ksk, zsk], dir);
    return {
      text: readFileSync(`${zoneFile}.signed`, 'utf8'),
      ds: readFileSync(join(dir, `${ksk}.ds`), 'utf8').trim(),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface UnboundInstance {
  host: string;
  port: number;
  /** "127.0.0.1:<port>", ready for --dns. */
  server: string;
  logs(): string;
  stop(): Promise<void>;
}

export interface UnboundOptions {
  /** The zone to validate, served by `stubAddr` ("127.0.0.1@<port>"). */
  zone: string;
  stubAddr: string;
  /** DS (or DNSKEY) text for the zone's trust anchor. */
  trustAnchor: string;
  startTimeoutMs?: number;
}

function conf(dir: string, port: number, o: UnboundOptions): string {
  return [
    'server:',
    `  interface: 127.0.0.1@${port}`,
    `  port: ${port}`,
    '  do-ip6: no',
    '  do-daemonize: no',
    '  chroot: ""',
    '  username: ""',
    `  directory: "${dir}"`,
    `  pidfile: "${dir}/unbound.pid"`,
    '  logfile: ""',
    '  use-syslog: no',
    '  verbosity: 1',
    '  num-threads: 1',
    '  do-not-query-localhost: no',
    '  module-config: "validator iterator"',
    '  val-permissive-mode: no',
    // Unbound answers .test locally (RFC 6761) unless told not to.
    '  local-zone: "test." nodefault',
    `  trust-anchor-file: "${dir}/anchor"`,
    'remote-control:',
    '  control-enable: no',
    'stub-zone:',
    `  name: "${o.zone}"`,
    `  stub-addr: ${o.stubAddr}`,
    '',
  ].join('\n');
}

/** True when Unbound answers a question about the zone at all (NOERROR or not). */
async function answers(port: number, zone: string): Promise<boolean> {
  const query = packet.encode({
    type: 'query',
    id: 2,
    flags: packet.RECURSION_DESIRED,
    questions: [{ type: 'SOA', name: zone }],
  });
  const buf = await udpExchange(query, '127.0.0.1', port, 500);
  if (!buf) return false;
  try {
    packet.decode(buf);
    return true;
  } catch {
    return false;
  }
}

/** Start a validating Unbound; always pair with `after(() => ub.stop())`. */
export async function startUnbound(o: UnboundOptions): Promise<UnboundInstance> {
  const dir = mkdtempSync(join(tmpdir(), 'mailflow-unbound-'));
  writeFileSync(join(dir, 'anchor'), `${o.trustAnchor}\n`);
  const port = await freeDnsPort();
  const confPath = join(dir, 'unbound.conf');
  writeFileSync(confPath, conf(dir, port, o));
  const { logs, stop } = await startDaemon({
    label: 'Unbound',
    bin: UNBOUND_BIN,
    args: ['-d', '-c', confPath],
    checkConf: { bin: '/usr/sbin/unbound-checkconf', args: [confPath] },
    dir,
    port,
    ready: () => answers(port, o.zone),
    ...(o.startTimeoutMs ? { startTimeoutMs: o.startTimeoutMs } : {}),
  });
  return { host: '127.0.0.1', port, server: `127.0.0.1:${port}`, logs, stop };
}

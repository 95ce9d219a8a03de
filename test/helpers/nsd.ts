// A private NSD (authoritative DNS server) on loopback for tests and the mx benchmark.
// Config, zones, pid and logs live in one temp dir; NSD runs in the foreground (-d) so we own
// exactly its pid and stop only it. Nothing under /etc is read or written.
import { createSocket } from 'node:dgram';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as packet from 'dns-packet';
import { startDaemon } from './daemon.js';
import { skipUnlessPresent } from './require-servers.js';
import { udpExchange } from './udp.js';

export const NSD_BIN = '/usr/sbin/nsd';
export const FIXTURE_DIR = fileURLToPath(new URL('../../../test/fixtures/dns/', import.meta.url));

export interface Zone {
  name: string;
  /** Path of a zone file, or its text. */
  file?: string;
  text?: string;
}

export interface NsdInstance {
  host: string;
  port: number;
  /** "127.0.0.1:<port>", ready for --dns. */
  server: string;
  dir: string;
  logs(): string;
  stop(): Promise<void>;
}

/** Why NSD tests cannot run here, or null. */
export function nsdMissing(): string | null {
  if (!existsSync(NSD_BIN)) return `nsd not found at ${NSD_BIN} (apt-get install nsd)`;
  return null;
}

/** For `describe(name, { skip: skipNsd() })`; with MAILFLOW_REQUIRE_SERVERS=1 a missing NSD is an error. */
export function skipNsd(): string | false {
  return skipUnlessPresent(nsdMissing());
}

/** A port free for both UDP and TCP on 127.0.0.1 (DNS needs both). Bounded attempts. */
export async function freeDnsPort(): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const udp = createSocket('udp4');
    const port = await new Promise<number>((resolve, reject) => {
      udp.once('error', reject);
      udp.bind(0, '127.0.0.1', () => resolve(udp.address().port));
    });
    const tcpOk = await new Promise<boolean>((resolve) => {
      const srv = createServer();
      srv.once('error', () => resolve(false));
      srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
    });
    udp.close();
    if (tcpOk) return port;
  }
  throw new Error('no free UDP+TCP port found on 127.0.0.1');
}

/**
 * The text of a test zone: its SOA, NS and the name server's address on 127.0.0.1 (the part every
 * zone repeats), followed by `records` in master-file syntax relative to `origin`.
 */
export function zoneText(origin: string, records: string): string {
  return [
    `$ORIGIN ${origin}.`,
    '$TTL 300',
    '@            SOA   ns hostmaster 1 3600 600 86400 60',
    '@            NS    ns',
    'ns           A     127.0.0.1',
    records,
  ].join('\n');
}

/** Every zone file under test/fixtures/dns (zone name = file name without .zone). */
export function fixtureZones(): Zone[] {
  return readdirSync(FIXTURE_DIR)
    .filter((f) => f.endsWith('.zone'))
    .map((f) => ({ name: basename(f, '.zone'), file: join(FIXTURE_DIR, f) }));
}

function conf(dir: string, port: number, zones: Zone[], ipv6: boolean): string {
  return [
    'server:',
    `  ip-address: 127.0.0.1@${port}`,
    ...(ipv6 ? [`  ip-address: ::1@${port}`] : []),
    `  port: ${port}`,
    '  username: ""',
    '  chroot: ""',
    '  database: ""',
    `  zonesdir: "${dir}"`,
    `  pidfile: "${dir}/nsd.pid"`,
    `  logfile: "${dir}/nsd.log"`,
    `  xfrdfile: "${dir}/xfrd.state"`,
    `  zonelistfile: "${dir}/zone.list"`,
    `  xfrdir: "${dir}"`,
    '  server-count: 1',
    '  tcp-count: 256',
    '  verbosity: 1',
    '  hide-version: yes',
    '  refuse-any: yes',
    // Response rate limiting would drop the bursts of NODATA answers tests ask for on purpose.
    '  rrl-ratelimit: 0',
    '  rrl-whitelist-ratelimit: 0',
    'remote-control:',
    '  control-enable: no',
    ...zones.flatMap((z, i) => ['zone:', `  name: "${z.name}"`, `  zonefile: "zone${i}.zone"`]),
    '',
  ].join('\n');
}

/** One SOA question; true when NSD answered it (so the zones are loaded). */
async function answers(port: number, zone: string): Promise<boolean> {
  const query = packet.encode({ type: 'query', id: 1, questions: [{ type: 'SOA', name: zone }] });
  const buf = await udpExchange(query, '127.0.0.1', port, 200);
  try {
    return buf !== undefined && packet.decode(buf).answers?.length === 1;
  } catch {
    return false;
  }
}

export async function startNsd(
  zones: Zone[] = fixtureZones(),
  opts: { startTimeoutMs?: number /** Also listen on [::1] (same port). */; ipv6?: boolean } = {},
): Promise<NsdInstance> {
  const dir = mkdtempSync(join(tmpdir(), 'mailflow-nsd-'));
  zones.forEach((z, i) => {
    const target = join(dir, `zone${i}.zone`);
    if (z.file) copyFileSync(z.file, target);
    else writeFileSync(target, z.text ?? '');
  });
  const port = await freeDnsPort();
  const confPath = join(dir, 'nsd.conf');
  writeFileSync(confPath, conf(dir, port, zones, opts.ipv6 ?? false));
  const probeZone = zones[0]?.name ?? '.';
  const { logs, stop } = await startDaemon({
    label: 'NSD',
    bin: NSD_BIN,
    args: ['-d', '-c', confPath],
    checkConf: { bin: '/usr/sbin/nsd-checkconf', args: [confPath] },
    dir,
    port,
    ready: () => answers(port, probeZone),
    extraLogs: () => {
      const file = join(dir, 'nsd.log');
      return existsSync(file) ? readFileSync(file, 'utf8') : '';
    },
    ...(opts.startTimeoutMs ? { startTimeoutMs: opts.startTimeoutMs } : {}),
  });
  return { host: '127.0.0.1', port, server: `127.0.0.1:${port}`, dir, logs, stop };
}

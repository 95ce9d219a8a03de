// What one `mailflow check` run fixes for every domain it checks: resolver, groups, limits.

import type { ConnectionOptions } from 'node:tls';
import type { Resolver } from '../../dns/index.js';
import type { SocksProxy } from '../../smtp/proxy-url.js';
import type { ActiveZone } from '../blocklist/select.js';
import type { Group } from '../groups.js';
import type { Thresholds } from '../tls/report.js';

export interface Env {
  resolver: Resolver;
  dnsServer?: string;
  groups: Set<Group>;
  /** The groups were named with --only (not the default set). */
  onlyGroups: boolean;
  family?: 4 | 6;
  port: number;
  timeoutSeconds: number;
  /** --deadline: the whole check of one domain reports what it has after this many seconds. */
  deadlineSeconds: number;
  /** --helo-name; without it each session announces this machine's FQDN or an address literal. */
  heloName?: string;
  ca?: string;
  /** --tls-cert/--tls-key, --tls-min/--tls-max as node:tls options (src/smtp/tls-client.ts), for every STARTTLS. */
  tlsClient?: ConnectionOptions;
  control?: string;
  stsPort?: number;
  thresholds: Thresholds;
  thresholdsExplicit: boolean;
  relay: boolean;
  transcript: boolean;
  ptr: boolean;
  /** The blocklist group's lists (--zone/--add-zone/--tier) and Spamhaus DQS key (--dqs-key; never printed). */
  blocklist: { zones: ActiveZone[]; dqsKey?: string };
  /** --proxy: every SMTP session goes through this SOCKS5 proxy. */
  proxy?: SocksProxy;
  progress(text: string): void;
}

/** An exchanger with the addresses it resolved to (only those with at least one are checked). */
export interface Exchanger {
  host: string;
  addresses: string[];
}

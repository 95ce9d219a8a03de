// The dmarc group's I/O (RFC 9989): the DNS tree walk for the applicable record, and whether the
// author domain exists when a parent's record applies. discover.ts (pure) decides which record
// applies along the way; judge.ts judges it.
import { normName, type TxtLookup } from '../shared/txt-lookup.js';
import { type Discovery, discover } from './discover.js';
import type { DmarcRecord } from './parse.js';
import { domainExists, treeWalk, type WalkStep } from './walk.js';

export interface DmarcData {
  /** The author domain checked. */
  domain: string;
  /** Every query of the tree walk, in order. */
  walk: WalkStep[];
  discovery: Discovery;
  /** Whether the author domain exists (asked only when a parent's record applies: sp= or np=). */
  authorExists?: boolean;
  /** Where the applicable record is (`_dmarc.<domain>`), and the record. */
  name?: string;
  record?: string;
  parsed?: DmarcRecord;
  /** The record applies from a parent (organisational domain or PSD). */
  inherited: boolean;
  outcome: 'ok' | 'none' | 'dns-error';
  error?: string;
}

export async function gatherDmarc(dns: TxtLookup, domainIn: string): Promise<DmarcData> {
  const domain = normName(domainIn);
  const walk = await treeWalk(dns, domain);
  const discovery = discover(domain, walk);
  const a = discovery.applied;
  const data: DmarcData = {
    domain,
    walk,
    discovery,
    inherited: !!a && a.role !== 'author',
    outcome: a ? 'ok' : discovery.incomplete ? 'dns-error' : 'none',
  };
  if (discovery.incomplete)
    data.error = `_dmarc.${discovery.incomplete.domain}: ${discovery.incomplete.error}`;
  if (a) Object.assign(data, { name: `_dmarc.${a.domain}`, record: a.record, parsed: a.parsed });
  if (data.inherited) {
    const exists = await domainExists(dns, domain);
    if (exists !== undefined) data.authorExists = exists;
  }
  return data;
}

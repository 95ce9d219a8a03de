// The mta-sts group's I/O (RFC 8461): the _mta-sts TXT record and, when there is exactly one
// v=STSv1 record, the HTTPS policy. Returns what DNS and the web server said, unjudged.

import { normName, type TxtAnswer, type TxtLookup } from '../shared/txt-lookup.js';
import type { FetchOptions, FetchResult } from './fetch.js';
import { fetchPolicy } from './fetch.js';
import { isStsRecord } from './parse.js';

export interface MtaStsFacts {
  /** The domain, normalised. */
  domain: string;
  /** The name asked: _mta-sts.<domain>. */
  txtName: string;
  answer: TxtAnswer;
  /** The published MX host names, for the policy's mx: patterns. */
  mxHosts: string[];
  /** The policy fetch, made when the answer holds exactly one v=STSv1 record. */
  fetch?: FetchResult;
}

export async function gatherMtaSts(
  dns: TxtLookup,
  domainIn: string,
  mxHosts: string[],
  fetchOpts: FetchOptions,
): Promise<MtaStsFacts> {
  const domain = normName(domainIn);
  const txtName = `_mta-sts.${domain}`;
  const answer = await dns.txt(txtName);
  const facts: MtaStsFacts = { domain, txtName, answer, mxHosts };
  if (answer.outcome !== 'error' && answer.texts.filter(isStsRecord).length === 1)
    facts.fetch = await fetchPolicy(domain, fetchOpts);
  return facts;
}

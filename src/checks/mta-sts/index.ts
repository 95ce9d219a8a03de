// MTA-STS (RFC 8461) for `mailflow check`: gather.ts asks DNS and fetches the policy (I/O),
// judge.ts judges them (pure), parse.ts parses record and policy, fetch.ts is the HTTPS client.
export type { FetchOptions, FetchResult } from './fetch.js';
export { gatherMtaSts, type MtaStsFacts } from './gather.js';
export { judge, type MtaStsData } from './judge.js';

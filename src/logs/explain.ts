// A failure in a log (dsn=, reply code, the server's text) read by the NDR explainer: category,
// who must act, and the mailflow command that would confirm it. Cached, since a day's log repeats
// the same few failures thousands of times.
import { type Explanation, explain } from '../ndr/explain.js';

const MAX_CACHE = 5_000;
const cache = new Map<string, Explanation>();

/** Addresses, hosts in brackets and queue IDs vary between otherwise identical failures. */
function shape(text: string): string {
  return text
    .replace(/<[^>]*>/g, '<>')
    .replace(/\[[^\]]*\]/g, '[]')
    .replace(/\d+/g, '0')
    .slice(0, 300);
}

export interface FailureInput {
  dsn?: string;
  code?: number;
  text: string;
  recipient?: string;
  sender?: string;
  remoteMta?: string;
  /** Postfix's status: a bounced 4.x.x means the retries ran out. */
  action?: string;
}

export function explainFailure(f: FailureInput): Explanation {
  // Only the cache key is shaped; a command filled in with a domain is made per call below.
  const key = `${f.dsn ?? ''}|${f.code ?? ''}|${f.action ?? ''}|${shape(f.text)}`;
  const hit = cache.get(key);
  if (hit && !hit.command) return hit;
  const input: Parameters<typeof explain>[0] = { diagnostic: f.text };
  if (f.dsn) input.status = f.dsn;
  if (f.code !== undefined) input.replyCode = f.code;
  if (f.recipient) input.recipient = f.recipient;
  if (f.sender) input.sender = f.sender;
  if (f.remoteMta) input.remoteMta = f.remoteMta;
  if (f.action) input.action = f.action;
  const e = explain(input);
  if (cache.size >= MAX_CACHE) cache.delete(cache.keys().next().value as string);
  cache.set(key, e);
  return e;
}

/** Category only (the summary's grouping): cached by shape, whatever the addresses. */
export function categoryOf(f: FailureInput): string {
  const key = `c|${f.dsn ?? ''}|${f.code ?? ''}|${shape(f.text)}`;
  const hit = cache.get(key);
  if (hit) return hit.category;
  const input: Parameters<typeof explain>[0] = { diagnostic: f.text };
  if (f.dsn) input.status = f.dsn;
  if (f.code !== undefined) input.replyCode = f.code;
  const e = explain(input);
  if (cache.size >= MAX_CACHE) cache.delete(cache.keys().next().value as string);
  cache.set(key, e);
  return e.category;
}

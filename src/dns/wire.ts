// Pure DNS message handling: query IDs, checking that replies belong to their questions, and
// classifying them. Encoding and decoding: codec.ts (dns-packet). No sockets here.
import { randomFillSync } from 'node:crypto';
import { cnameLoop, cnameTooLong, MAX_CNAME_CHAIN } from './cname.js';
import { decodeMessage, type Message } from './codec.js';
import type { DnsAnswer, Outcome, RRType } from './types.js';
import { canonicalName } from './wire-name.js';

export { encodeQuery } from './codec.js';
export { canonicalName };

/** Query IDs drawn from the CSPRNG in batches: one call per 512 IDs instead of one per query. */
let ids: Uint16Array | undefined;
let idsLeft = 0;

export function randomId(): number {
  // Allocated on first use: a module with no top-level work is one the bundler can leave out
  // of commands that only borrow a helper from the DNS client.
  ids ??= new Uint16Array(512);
  if (idsLeft === 0) {
    randomFillSync(ids);
    idsLeft = ids.length;
  }
  return ids[--idsLeft]!;
}

export type Decoded =
  | { kind: 'reply'; msg: Message }
  /** Parsed, but for another question or ID: a stray or spoofed packet, to be ignored. */
  | { kind: 'mismatch'; reason: string }
  | { kind: 'malformed'; reason: string };

/** Decode a reply and check it answers our question (ID, QR bit, name, type, class). */
export function decodeReply(buf: Buffer, id: number | null, name: string, type: RRType): Decoded {
  let msg: Message;
  if (buf.length < 12)
    return { kind: 'malformed', reason: `reply of ${buf.length} bytes is shorter than a DNS header` };
  try {
    // Only MX answers' additional sections are read (resolver.ts, mx.ts: exchanger addresses).
    msg = decodeMessage(buf, type === 'MX');
  } catch (err) {
    // dns-packet throws on what it cannot read (and RangeError on reads past the end): all malformed.
    return {
      kind: 'malformed',
      reason: `unparseable reply (${err instanceof Error ? err.message : String(err)})`,
    };
  }
  if (id !== null && msg.id !== id)
    return { kind: 'mismatch', reason: `reply ID ${msg.id} is not query ID ${id}` };
  if (!msg.qr) return { kind: 'mismatch', reason: 'packet is a query, not a reply' };
  const q = msg.questions[0];
  if (msg.questions.length !== 1 || !q) {
    // FORMERR/NOTIMP replies may omit the question; accept them only by ID (already checked).
    if (msg.rcode !== 'NOERROR' && msg.rcode !== 'NXDOMAIN') return { kind: 'reply', msg };
    return { kind: 'mismatch', reason: 'reply does not repeat the question' };
  }
  if (q.type !== type || q.qclass !== 1 || canonicalName(q.name) !== canonicalName(name)) {
    return { kind: 'mismatch', reason: `reply is for ${q.name}/${q.type}, not ${name}/${type}` };
  }
  return { kind: 'reply', msg };
}

/** What one reply says, in DnsAnswer's terms; the resolver adds the query's own fields. */
export type Interpreted = Pick<
  DnsAnswer,
  'outcome' | 'rcode' | 'flags' | 'answers' | 'cnameChain' | 'records' | 'additional' | 'ttl' | 'error'
> & {
  /** The name the server stopped at while following CNAMEs (to ask again if it gave no answer). */
  finalName: string;
};

/** RFC 2308: a negative answer may be cached for min(SOA TTL, SOA MINIMUM). */
function negativeTtl(msg: Message): number | undefined {
  return msg.soa ? Math.min(msg.soa.ttl, msg.soa.minimum) : undefined;
}

const RCODE_OUTCOME: Record<string, Outcome> = {
  NXDOMAIN: 'nxdomain',
  SERVFAIL: 'servfail',
  REFUSED: 'refused',
};

/** Classify a matched reply: follow its CNAME chain, pick the records asked for, work out TTLs. */
export function interpret(msg: Message, name: string, type: RRType): Interpreted {
  const records = msg.answers;
  const additional = msg.additionals;
  const flags = { aa: msg.aa, ad: msg.ad, tc: msg.tc };
  const rcode = msg.rcode;
  const cnameChain: string[] = [];
  const start = canonicalName(name);
  let current = start;
  /** Why the chain in this answer cannot end (a loop, or too long), if it cannot. */
  let endless: string | undefined;
  // Bounded: each step adds a name not yet on the chain, and there are only so many records.
  while (type !== 'CNAME') {
    const alias = records.find((r) => r.type === 'CNAME' && r.name === current);
    if (!alias) break;
    if (alias.value === start || cnameChain.includes(alias.value)) {
      endless = cnameLoop(start, cnameChain, alias.value);
      break;
    }
    if (cnameChain.length === MAX_CNAME_CHAIN) {
      endless = cnameTooLong(start, cnameChain);
      break;
    }
    cnameChain.push(alias.value);
    current = alias.value;
  }
  const answers = records.filter((r) => r.type === type && r.name === current);
  let outcome: Outcome;
  let error: string | undefined;
  if (rcode === 'NOERROR') outcome = answers.length > 0 ? 'ok' : 'nodata';
  else if (RCODE_OUTCOME[rcode]) outcome = RCODE_OUTCOME[rcode]!;
  else {
    outcome = 'error';
    error = `server answered ${rcode}`;
  }
  if (outcome === 'servfail')
    error = 'server answered SERVFAIL (it could not get an answer; DNSSEC or delegation trouble?)';
  if (outcome === 'refused') error = 'server answered REFUSED (it does not serve this name or this client)';
  if (endless && outcome === 'nodata') {
    outcome = 'error';
    error = endless;
  }
  const ttl =
    outcome === 'ok'
      ? Math.min(...answers.map((r) => r.ttl))
      : outcome === 'nxdomain' || outcome === 'nodata'
        ? negativeTtl(msg)
        : undefined;
  return { outcome, rcode, flags, answers, cnameChain, records, additional, ttl, error, finalName: current };
}

// Pure DNS message handling: build queries, check replies belong to them (decoding: decode.ts),
// and classify them. No sockets here.
import { randomFillSync } from 'node:crypto';
import { decodeMessage, type Message } from './decode.js';
import type { DnsAnswer, DnsRecord, Outcome, RRType } from './types.js';

/** EDNS payload size that avoids IP fragmentation (DNS Flag Day 2020). */
const EDNS_PAYLOAD = 1232;

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

/** Lower-case, no trailing dot: how names are compared and cached. */
export function canonicalName(name: string): string {
  const n = name.trim().toLowerCase();
  return n.length > 1 && n.endsWith('.') ? n.slice(0, -1) : n;
}

/** Query type codes (RFC 1035 and successors) for the types mailflow asks. */
const QTYPE: Record<RRType, number> = {
  A: 1,
  NS: 2,
  CNAME: 5,
  SOA: 6,
  PTR: 12,
  MX: 15,
  TXT: 16,
  AAAA: 28,
  SRV: 33,
  TLSA: 52,
  CAA: 257,
};

/**
 * A recursive query with EDNS0. The AD bit asks a validating resolver to report whether it
 * checked DNSSEC (RFC 6840 §5.7) without needing the signatures themselves. Written by hand
 * (a query is 30-odd fixed bytes): it runs for every question and dns-packet's general
 * encoder costs more than the rest of sending.
 */
export function encodeQuery(name: string, type: RRType, id: number): Buffer {
  const labels = name === '.' || name === '' ? [] : name.replace(/\.$/, '').split('.');
  let qname = 1;
  for (const l of labels) qname += 1 + Buffer.byteLength(l);
  // From Node's shared pool (one small slab for many queries, not an ArrayBuffer each), zeroed.
  const buf = Buffer.allocUnsafe(12 + qname + 4 + 11).fill(0);
  buf.writeUInt16BE(id, 0);
  buf.writeUInt16BE(0x0100 | 0x0020, 2); // RD | AD
  buf.writeUInt16BE(1, 4); // one question
  buf.writeUInt16BE(1, 10); // one additional: OPT
  let at = 12;
  for (const label of labels) {
    const len = Buffer.byteLength(label);
    if (len === 0 || len > 63) throw new Error(`bad label in ${name}`);
    buf[at] = len;
    if (len === label.length) {
      // ASCII (the usual case, names are in A-label form): byte by byte beats buf.write.
      for (let i = 0; i < len; i++) buf[at + 1 + i] = label.charCodeAt(i);
    } else buf.write(label, at + 1);
    at += 1 + len;
  }
  buf[at++] = 0;
  buf.writeUInt16BE(QTYPE[type], at);
  buf.writeUInt16BE(1, at + 2); // class IN
  at += 4;
  buf[at] = 0; // OPT owner: root
  buf.writeUInt16BE(41, at + 1); // type OPT
  buf.writeUInt16BE(EDNS_PAYLOAD, at + 3); // "class": UDP payload size
  // TTL (extended rcode, version, flags) and RDLENGTH stay zero.
  return buf;
}

export type Decoded =
  | { kind: 'reply'; msg: Message }
  /** Parsed, but for another question or ID: a stray or spoofed packet, to be ignored. */
  | { kind: 'mismatch'; reason: string }
  | { kind: 'malformed'; reason: string };

/** Decode a reply and check it answers our question (ID, QR bit, name, type, class). */
export function decodeReply(buf: Buffer, id: number | null, name: string, type: RRType): Decoded {
  let msg: Message;
  try {
    if (buf.length < 12)
      return { kind: 'malformed', reason: `reply of ${buf.length} bytes is shorter than a DNS header` };
    msg = decodeMessage(buf);
  } catch (err) {
    return { kind: 'malformed', reason: `unparseable reply (${(err as Error).message})` };
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
  let current = canonicalName(name);
  // Bounded: a chain longer than the answer section is a loop.
  for (let i = 0; i <= records.length && type !== 'CNAME'; i++) {
    const alias = records.find((r) => r.type === 'CNAME' && r.name === current);
    if (!alias || cnameChain.includes(alias.value)) break;
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
  const ttl =
    outcome === 'ok'
      ? Math.min(...answers.map((r) => r.ttl))
      : outcome === 'nxdomain' || outcome === 'nodata'
        ? negativeTtl(msg)
        : undefined;
  return { outcome, rcode, flags, answers, cnameChain, records, additional, ttl, error, finalName: current };
}

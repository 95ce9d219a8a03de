// A DNS message decoder written for mailflow's replies: straight from the bytes to DnsRecord,
// without dns-packet's general objects. Decoding ran for every reply and, in a short-lived CLI
// whose code never gets hot, dns-packet cost more per reply than the network round trip.
// Every read is bounds-checked; anything cut off or inconsistent throws, and the caller
// (wire.ts) reports that as a malformed reply.
import type { DnsRecord } from './types.js';

export interface Question {
  name: string;
  type: string;
  /** 1 = IN. */
  qclass: number;
}

/**
 * A decoded message: header flags, answer and additional sections in mailflow's record shape
 * (the OPT pseudo-record left out), and of the authority section only its SOA numbers.
 */
export interface Message {
  id: number;
  qr: boolean;
  aa: boolean;
  tc: boolean;
  rd: boolean;
  ad: boolean;
  rcode: string;
  questions: Question[];
  answers: DnsRecord[];
  additionals: DnsRecord[];
  /** Negative-caching data of the first SOA in the authority section (RFC 2308). */
  soa?: { ttl: number; minimum: number };
}

const TYPE_NAMES: Record<number, string> = {
  1: 'A',
  2: 'NS',
  5: 'CNAME',
  6: 'SOA',
  12: 'PTR',
  13: 'HINFO',
  15: 'MX',
  16: 'TXT',
  28: 'AAAA',
  33: 'SRV',
  39: 'DNAME',
  41: 'OPT',
  43: 'DS',
  46: 'RRSIG',
  47: 'NSEC',
  48: 'DNSKEY',
  50: 'NSEC3',
  52: 'TLSA',
  257: 'CAA',
};

const RCODES = [
  'NOERROR',
  'FORMERR',
  'SERVFAIL',
  'NXDOMAIN',
  'NOTIMP',
  'REFUSED',
  'YXDOMAIN',
  'YXRRSET',
  'NXRRSET',
  'NOTAUTH',
  'NOTZONE',
];

export function typeName(code: number): string {
  return TYPE_NAMES[code] ?? `TYPE${code}`;
}

/** Lower-case, no trailing dot (as canonicalName in wire.ts; repeated to keep this file standalone). */
function canonical(name: string): string {
  const n = name.trim().toLowerCase();
  return n.length > 1 && n.endsWith('.') ? n.slice(0, -1) : n;
}

function cutOff(what: string): never {
  throw new Error(`reply is cut off in ${what}`);
}

/**
 * A possibly compressed name at `at`; returns it and where the bytes after it start.
 * Pointers may only go backwards (RFC 1035 §4.1.4), which also rules out loops.
 */
function readName(buf: Buffer, at: number, mail = false, memo?: Map<number, string>): [string, number] {
  const labels: string[] = [];
  let pos = at;
  let end = -1;
  let limit = at;
  let total = 0;
  for (;;) {
    if (pos >= buf.length) cutOff('a name');
    const len = buf[pos]!;
    if (len === 0) {
      pos++;
      break;
    }
    if ((len & 0xc0) === 0xc0) {
      if (pos + 1 >= buf.length) cutOff('a name');
      const target = ((len & 0x3f) << 8) | buf[pos + 1]!;
      if (target >= limit) throw new Error('bad compression pointer in a name');
      if (end < 0) end = pos + 2;
      // Pointers mostly lead to a name already read whole (the question's, an exchanger's).
      const known = memo?.get(target);
      if (known !== undefined) {
        if (known !== '.' && total + known.length + 1 > 254) throw new Error('name longer than 255 bytes');
        if (known !== '.') labels.push(known);
        break;
      }
      pos = target;
      limit = target;
      continue;
    }
    if ((len & 0xc0) !== 0) throw new Error('bad label type in a name');
    if (pos + 1 + len > buf.length) cutOff('a name');
    total += len + 1;
    if (total > 254) throw new Error('name longer than 255 bytes');
    const label = buf.toString('utf8', pos + 1, pos + 1 + len);
    labels.push(mail ? label.replace(/\./g, '\\.') : label);
    pos += 1 + len;
  }
  const name = labels.length === 0 ? '.' : labels.join('.');
  if (memo && !mail) memo.set(at, name);
  return [name, end < 0 ? pos : end];
}

/** Step over a name without reading it (records whose names nobody looks at). */
function skipName(buf: Buffer, at: number): number {
  for (let pos = at; ; ) {
    if (pos >= buf.length) cutOff('a name');
    const len = buf[pos]!;
    if (len === 0) return pos + 1;
    if ((len & 0xc0) === 0xc0) {
      if (pos + 1 >= buf.length) cutOff('a name');
      if ((((len & 0x3f) << 8) | buf[pos + 1]!) >= at) throw new Error('bad compression pointer in a name');
      return pos + 2;
    }
    if ((len & 0xc0) !== 0) throw new Error('bad label type in a name');
    pos += 1 + len;
    if (pos - at > 255) throw new Error('name longer than 255 bytes');
  }
}

/** IPv6 text as dns-packet (ip-codec) wrote it: hex groups, the first run of zero groups as '::'. */
function ipv6(buf: Buffer, at: number): string {
  let s = '';
  for (let i = 0; i < 16; i += 2) {
    if (i !== 0) s += ':';
    s += ((buf[at + i]! << 8) | buf[at + i + 1]!).toString(16);
  }
  return s.replace(/(^|:)0(:0)*:0(:|$)/, '$1::$3').replace(/:{3,4}/, '::');
}

function need(rdlen: number, min: number, type: string): void {
  if (rdlen < min) throw new Error(`${type} record data of ${rdlen} bytes is too short`);
}

/** Record data in mailflow's presentation form, with the typed extras DnsRecord carries. */
function readData(
  buf: Buffer,
  at: number,
  rdlen: number,
  type: string,
  rec: DnsRecord,
  memo: Map<number, string>,
): void {
  const end = at + rdlen;
  switch (type) {
    case 'A':
      need(rdlen, 4, type);
      rec.value = `${buf[at]}.${buf[at + 1]}.${buf[at + 2]}.${buf[at + 3]}`;
      return;
    case 'AAAA':
      need(rdlen, 16, type);
      rec.value = ipv6(buf, at);
      return;
    case 'CNAME':
    case 'PTR':
    case 'NS':
    case 'DNAME':
      rec.value = canonical(readName(buf, at, false, memo)[0]);
      return;
    case 'MX': {
      need(rdlen, 3, type);
      const preference = buf.readUInt16BE(at);
      const exchange = canonical(readName(buf, at + 2, false, memo)[0] || '.');
      rec.value = `${preference} ${exchange}`;
      rec.preference = preference;
      rec.exchange = exchange;
      return;
    }
    case 'TXT': {
      const txt: string[] = [];
      for (let p = at; p < end; ) {
        const len = buf[p]!;
        if (p + 1 + len > end) cutOff('a TXT string');
        txt.push(buf.toString('utf8', p + 1, p + 1 + len));
        p += 1 + len;
      }
      rec.value = txt.join('');
      rec.txt = txt;
      return;
    }
    case 'TLSA': {
      need(rdlen, 3, type);
      const tlsa = {
        usage: buf[at]!,
        selector: buf[at + 1]!,
        matchingType: buf[at + 2]!,
        data: buf.toString('hex', at + 3, end),
      };
      rec.value = `${tlsa.usage} ${tlsa.selector} ${tlsa.matchingType} ${tlsa.data}`;
      rec.tlsa = tlsa;
      return;
    }
    case 'SOA': {
      const [mname, p1] = readName(buf, at);
      const [rname, p2] = readName(buf, p1, true);
      if (p2 + 20 > end) cutOff('an SOA record');
      const n = [0, 4, 8, 12, 16].map((o) => buf.readUInt32BE(p2 + o));
      rec.value = `${mname} ${rname} ${n.join(' ')}`;
      return;
    }
    case 'SRV': {
      need(rdlen, 7, type);
      const target = canonical(readName(buf, at + 6)[0]);
      rec.value = `${buf.readUInt16BE(at)} ${buf.readUInt16BE(at + 2)} ${buf.readUInt16BE(at + 4)} ${target}`;
      return;
    }
    default:
      rec.value = buf.toString('hex', at, end);
  }
}

function readRecords(
  buf: Buffer,
  at: number,
  count: number,
  out: DnsRecord[],
  memo: Map<number, string>,
): number {
  let pos = at;
  for (let i = 0; i < count; i++) {
    const [owner, p] = readName(buf, pos, false, memo);
    if (p + 10 > buf.length) cutOff('a record header');
    const type = typeName(buf.readUInt16BE(p));
    const ttl = buf.readUInt32BE(p + 4);
    const rdlen = buf.readUInt16BE(p + 8);
    const data = p + 10;
    if (data + rdlen > buf.length) cutOff(`a ${type} record`);
    pos = data + rdlen;
    if (type === 'OPT') continue;
    const rec: DnsRecord = { name: canonical(owner), type, ttl, value: '' };
    readData(buf, data, rdlen, type, rec, memo);
    out.push(rec);
  }
  return pos;
}

/**
 * The authority section is only read for its SOA's negative-caching numbers (RFC 2308), so
 * its records are stepped over, bounds still checked, without building names.
 */
function readAuthority(buf: Buffer, at: number, count: number, msg: Message): number {
  let pos = at;
  for (let i = 0; i < count; i++) {
    const p = skipName(buf, pos);
    if (p + 10 > buf.length) cutOff('a record header');
    const rdlen = buf.readUInt16BE(p + 8);
    const data = p + 10;
    if (data + rdlen > buf.length) cutOff('an authority record');
    pos = data + rdlen;
    if (buf.readUInt16BE(p) === 6 && !msg.soa) {
      const numbers = skipName(buf, skipName(buf, data));
      if (numbers + 20 > pos) cutOff('an SOA record');
      msg.soa = { ttl: buf.readUInt32BE(p + 4), minimum: buf.readUInt32BE(numbers + 16) };
    }
  }
  return pos;
}

/** Decode a whole message; throws on anything cut off or inconsistent. */
export function decodeMessage(buf: Buffer): Message {
  if (buf.length < 12) cutOff('the header');
  const flags = buf.readUInt16BE(2);
  const msg: Message = {
    id: buf.readUInt16BE(0),
    qr: (flags & 0x8000) !== 0,
    aa: (flags & 0x0400) !== 0,
    tc: (flags & 0x0200) !== 0,
    rd: (flags & 0x0100) !== 0,
    ad: (flags & 0x0020) !== 0,
    rcode: RCODES[flags & 0xf] ?? `RCODE${flags & 0xf}`,
    questions: [],
    answers: [],
    additionals: [],
  };
  const memo = new Map<number, string>();
  let pos = 12;
  for (let i = buf.readUInt16BE(4); i > 0; i--) {
    const [name, p] = readName(buf, pos, false, memo);
    if (p + 4 > buf.length) cutOff('the question');
    msg.questions.push({ name, type: typeName(buf.readUInt16BE(p)), qclass: buf.readUInt16BE(p + 2) });
    pos = p + 4;
  }
  pos = readRecords(buf, pos, buf.readUInt16BE(6), msg.answers, memo);
  pos = readAuthority(buf, pos, buf.readUInt16BE(8), msg);
  readRecords(buf, pos, buf.readUInt16BE(10), msg.additionals, memo);
  return msg;
}

// mailflow's DNS codec is dns-packet: it encodes every query and decodes every name and record
// of every reply. This module is the boundary around it, for what dns-packet leaves to its caller:
// - it throws on much that is malformed: caught by the caller (wire.ts), reported as a malformed reply;
// - it reads a record's data as its type says, not as its RDLENGTH says (an A record of 2 bytes
//   takes 2 bytes of the next record and the rest is read out of step), and trusts the header's
//   counts. So the message is walked here, section by section: counts that cannot fit the packet,
//   data that does not fill its RDLENGTH exactly, or anything past the packet's end is an error;
// - it joins a name's labels with '.' whatever they contain, so a single label
//   'mail1.example.test' would read as the three-label name. Names are decoded with its `mail`
//   option (which escapes a dot inside a label as '\.') whenever the packet holds a '.' byte at
//   all, so such a label comes out as 'mail1\.example\.test' and can never be taken for the other name;
// - it follows compression pointers without counting them, however long the chain: every name is
//   checked first (wire-pointers.ts), and a chain no encoder writes makes the reply malformed.
// Names end up in mailflow's form (lower case, no trailing dot), records as DnsRecord.
import dnsPacket from 'dns-packet';
import rcodes from 'dns-packet/rcodes.js';
import types from 'dns-packet/types.js';
import type { DnsRecord, RRType } from './types.js';
import { canonicalName } from './wire-name.js';
import { checkPointers } from './wire-pointers.js';

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

/** dns-packet's decoders: the value read, and how many bytes it took in `.bytes`. */
interface Decoder<T> {
  (buf: Buffer, offset: number, opts?: { mail?: boolean }): T;
  bytes: number;
}

/** The parts of dns-packet's API that @types/dns-packet leaves out: names and record data. */
const parts = dnsPacket as unknown as {
  name: { decode: Decoder<string> };
  question: {
    encode: ((q: dnsPacket.Question, buf: Buffer, offset: number) => void) & { bytes: number };
  };
  record(type: string): { decode: Decoder<unknown> };
};
const decodeName = parts.name.decode;

/** EDNS payload size that avoids IP fragmentation (DNS Flag Day 2020). */
const EDNS_PAYLOAD = 1232;
const MAIL = { mail: true };
const OPT = 41;
const SOA = 6;

/** A query for the root, encoded once: every query's header (but its ID) and OPT record. */
let template: { header: Buffer; opt: Buffer } | undefined;

function queryTemplate(): { header: Buffer; opt: Buffer } {
  const root = dnsPacket.encode({
    type: 'query',
    id: 0,
    flags: dnsPacket.RECURSION_DESIRED | dnsPacket.AUTHENTIC_DATA,
    questions: [{ name: '.', type: 'A', class: 'IN' }],
    additionals: [{ type: 'OPT', name: '.', udpPayloadSize: EDNS_PAYLOAD } as dnsPacket.Answer],
  });
  // 12 bytes of header, then the root's question (one zero byte, type, class), then OPT.
  return { header: root.subarray(0, 12), opt: root.subarray(17) };
}

/**
 * A recursive query with EDNS0. The AD bit asks a validating resolver to report whether it
 * checked DNSSEC (RFC 6840 §5.7) without needing the signatures themselves. `name` must be a
 * wire name (wireName): dns-packet splits it at every dot. What every query shares (header,
 * OPT) is encoded once and copied in; dns-packet encodes the question in place. The buffer
 * comes from Node's shared pool (one slab for many queries, not an ArrayBuffer each).
 */
export function encodeQuery(fqdn: string, type: RRType, id: number): Buffer {
  const name = fqdn.length > 1 && fqdn.endsWith('.') ? fqdn.slice(0, -1) : fqdn;
  template ??= queryTemplate();
  const { header, opt } = template;
  // The question's size: a wire name's bytes, plus its first length byte and final zero (the
  // root is the zero alone), type and class. dns-packet writes exactly that; checked below.
  const qlen = (name === '.' ? 1 : Buffer.byteLength(name) + 2) + 4;
  const out = Buffer.allocUnsafe(12 + qlen + opt.length);
  out.set(header, 0);
  out.writeUInt16BE(id, 0);
  parts.question.encode({ name, type, class: 'IN' }, out, 12);
  if (parts.question.encode.bytes !== qlen) throw new Error(`'${name}' is not a wire name`);
  out.set(opt, 12 + qlen);
  return out;
}

function cutOff(what: string): never {
  throw new Error(`reply is cut off in ${what}`);
}

/** The two names that start SOA data (MNAME, RNAME), checked before dns-packet decodes them. */
function checkSoaNames(buf: Buffer, pos: number): void {
  checkPointers(buf, pos + checkPointers(buf, pos));
}

/** Walks one message; `mail` is set when labels may hold dots that need escaping. */
class Walk {
  pos = 12;

  constructor(
    private readonly buf: Buffer,
    private readonly mail: { mail: boolean } | undefined,
  ) {}

  /** Names decoded so far, canonical, by where they start: see `read`. */
  private readonly seen = new Map<number, string>();

  /**
   * The name at `pos` in canonical form, and its size on the wire. A name that is nothing but a
   * compression pointer to where a name was already decoded (every record that repeats the
   * question's name, every address record for an exchanger) is that name again: taken from
   * `seen` instead of being decoded once more. Anything else is dns-packet's to decode.
   */
  private read(pos: number): [string, number] {
    const { buf } = this;
    const pointer = (buf[pos]! & 0xc0) === 0xc0 && pos + 1 < buf.length;
    const target = pointer ? ((buf[pos]! & 0x3f) << 8) | buf[pos + 1]! : -1;
    const known = pointer ? this.seen.get(target) : undefined;
    if (known !== undefined) return [known, 2];
    checkPointers(buf, pos);
    const name = canonicalName(decodeName(buf, pos, this.mail));
    this.seen.set(pos, name);
    // Also where the pointer leads (dns-packet has checked it), so the next pointer there is a lookup.
    if (pointer) this.seen.set(target, name);
    return [name, decodeName.bytes];
  }

  name(): string {
    const [name, size] = this.read(this.pos);
    this.pos += size;
    return name;
  }

  /** The type, TTL and data length of the record being read (set by `header`). */
  code = 0;
  ttl = 0;
  rdlen = 0;

  /** Reads the next record's owner and fixed fields; `pos` is left at its data. */
  header(): string {
    const owner = this.name();
    const { buf } = this;
    const p = this.pos;
    if (p + 10 > buf.length) cutOff('a record header');
    this.code = buf.readUInt16BE(p);
    this.ttl = buf.readUInt32BE(p + 4);
    this.rdlen = buf.readUInt16BE(p + 8);
    if (p + 10 + this.rdlen > buf.length) cutOff('record data');
    this.pos = p + 10;
    return owner;
  }

  /** A name that must fill the rest of a record's data exactly (`left` bytes). */
  dataName(left: number, type: string): string {
    const [name, size] = this.read(this.pos);
    if (size !== left) throw new Error(`${type} record's name does not fill its data`);
    return name;
  }

  /** Record data in mailflow's presentation form, with the typed extras DnsRecord carries. */
  data(rec: DnsRecord, rdlen: number): void {
    const { buf, pos } = this;
    switch (rec.type) {
      case 'CNAME':
      case 'PTR':
      case 'NS':
      case 'DNAME':
        // dns-packet's own decoders for these do not take the `mail` option: its name decoder does.
        rec.value = this.dataName(rdlen, rec.type);
        return;
      case 'MX': {
        if (rdlen < 3) throw new Error(`MX record data of ${rdlen} bytes is too short`);
        const preference = buf.readUInt16BE(pos);
        this.pos += 2;
        const exchange = this.dataName(rdlen - 2, 'MX');
        rec.value = `${preference} ${exchange}`;
        rec.preference = preference;
        rec.exchange = exchange;
        return;
      }
      case 'A':
      case 'AAAA':
      case 'TXT':
      case 'TLSA':
      case 'SOA':
      case 'SRV':
      case 'CAA':
        break;
      default:
        // A type mailflow does not read: its bytes, uninterpreted.
        rec.value = buf.toString('hex', pos, pos + rdlen);
        return;
    }
    // Where dns-packet counts a record by its RDLENGTH but reads a part by that part's own length.
    if (rec.type === 'CAA' && (rdlen < 2 || 2 + buf[pos + 1]! > rdlen))
      throw new Error('CAA tag runs past its record');
    // The names inside SOA and SRV data are dns-packet's to follow too: checked first, as all are.
    if (rec.type === 'SOA') checkSoaNames(buf, pos);
    if (rec.type === 'SRV') checkPointers(buf, pos + 6);
    const codec = parts.record(rec.type);
    // dns-packet's record decoders start at the RDLENGTH field, two bytes before the data.
    const data = codec.decode(buf, pos - 2);
    if (codec.decode.bytes !== rdlen + 2 || (rec.type === 'SRV' && decodeName.bytes !== rdlen - 6))
      throw new Error(`${rec.type} record data does not match its length of ${rdlen} bytes`);
    switch (rec.type) {
      case 'A':
      case 'AAAA':
        rec.value = data as string;
        return;
      case 'TXT': {
        const txt = (data as Buffer[]).map((b) => b.toString('utf8'));
        rec.value = txt.join('');
        rec.txt = txt;
        return;
      }
      case 'TLSA': {
        const t = data as dnsPacket.TlsaData;
        const tlsa = {
          usage: t.usage,
          selector: t.selector,
          matchingType: t.matchingType,
          data: t.certificate.toString('hex'),
        };
        rec.value = `${tlsa.usage} ${tlsa.selector} ${tlsa.matchingType} ${tlsa.data}`;
        rec.tlsa = tlsa;
        return;
      }
      case 'SOA': {
        const s = data as dnsPacket.SoaData;
        rec.value = `${canonicalName(s.mname)} ${canonicalName(s.rname)} ${s.serial} ${s.refresh} ${s.retry} ${s.expire} ${s.minimum}`;
        return;
      }
      case 'SRV': {
        const s = data as dnsPacket.SrvData;
        rec.value = `${s.priority} ${s.weight} ${s.port} ${canonicalName(s.target)}`;
        return;
      }
      case 'CAA': {
        const c = data as dnsPacket.CaaData;
        rec.value = `${c.flags} ${c.tag} "${c.value}"`;
        return;
      }
    }
  }

  records(count: number, out: DnsRecord[]): void {
    for (let i = 0; i < count; i++) {
      const owner = this.header();
      const { code, rdlen } = this;
      const end = this.pos + rdlen;
      if (code !== OPT) {
        const rec: DnsRecord = {
          name: owner,
          type: types.toString(code),
          ttl: this.ttl,
          value: '',
        };
        this.data(rec, rdlen);
        out.push(rec);
      }
      this.pos = end;
    }
  }

  /** Only the first SOA's negative-caching numbers are read; the other records are stepped over. */
  authority(count: number, msg: Message): void {
    for (let i = 0; i < count; i++) {
      this.header();
      const { code, ttl, rdlen } = this;
      const end = this.pos + rdlen;
      if (code === SOA && !msg.soa) {
        checkSoaNames(this.buf, this.pos);
        const soa = parts.record('SOA');
        const data = soa.decode(this.buf, this.pos - 2) as dnsPacket.SoaData;
        if (soa.decode.bytes !== rdlen + 2) throw new Error('SOA record data does not match its length');
        msg.soa = { ttl, minimum: data.minimum ?? 0 };
      }
      this.pos = end;
    }
  }
}

/**
 * Decode a message; throws on anything cut off or inconsistent. The authority section is read
 * only when it may matter (a negative answer's SOA, or to reach the additional section), and the
 * additional section only when `additional` is set: mailflow reads it for MX answers alone
 * (exchanger addresses), and most replies (PTR, A, TXT) need neither, so they are not decoded.
 */
export function decodeMessage(buf: Buffer, additional = true): Message {
  if (buf.length < 12) cutOff('the header');
  const flags = buf.readUInt16BE(2);
  const qd = buf.readUInt16BE(4);
  const an = buf.readUInt16BE(6);
  const ns = buf.readUInt16BE(8);
  const ar = buf.readUInt16BE(10);
  // A question takes at least 5 bytes, a record at least 11: counts beyond that are false, and
  // refusing them up front bounds the walk by the packet's size, not by 4 × 65,535 entries.
  if (12 + qd * 5 + (an + ns + ar) * 11 > buf.length) cutOff('the sections its header counts');
  const msg: Message = {
    id: buf.readUInt16BE(0),
    qr: (flags & 0x8000) !== 0,
    aa: (flags & dnsPacket.AUTHORITATIVE_ANSWER) !== 0,
    tc: (flags & dnsPacket.TRUNCATED_RESPONSE) !== 0,
    rd: (flags & dnsPacket.RECURSION_DESIRED) !== 0,
    ad: (flags & dnsPacket.AUTHENTIC_DATA) !== 0,
    rcode: rcodes.toString(flags & 0xf),
    questions: [],
    answers: [],
    additionals: [],
  };
  const walk = new Walk(buf, buf.indexOf(0x2e, 12) === -1 ? undefined : MAIL);
  for (let i = 0; i < qd; i++) {
    const name = walk.name();
    if (walk.pos + 4 > buf.length) cutOff('the question');
    msg.questions.push({
      name,
      type: types.toString(buf.readUInt16BE(walk.pos)),
      qclass: buf.readUInt16BE(walk.pos + 2),
    });
    walk.pos += 4;
  }
  walk.records(an, msg.answers);
  if (additional || an === 0 || msg.rcode !== 'NOERROR') walk.authority(ns, msg);
  if (additional) walk.records(ar, msg.additionals);
  return msg;
}

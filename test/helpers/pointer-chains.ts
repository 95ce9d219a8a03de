// DNS replies written byte by byte around compression pointers (RFC 1035 §4.1.4), since
// dns-packet's encoder never compresses: the hostile ones (pointer chains no encoder writes,
// as long as a 64 KB reply allows) and the legal ones an encoder does write.

/** A pointer holds 14 bits of offset: nothing after this can be pointed at. */
const MAX_TARGET = 0x3fff;
/** The largest DNS message (over TCP). */
const MAX_MESSAGE = 0xffff;
const QR_RD_RA = 0x8180;
const A = 1;
const CNAME = 5;
const MX = 15;
const IN = 1;
/** A type from the private-use range: mailflow keeps its data as bytes and reads no name in it. */
const PRIVATE = 65280;

class Writer {
  readonly buf = Buffer.alloc(MAX_MESSAGE);
  pos = 12;

  constructor(id: number, counts: { qd?: number; an?: number; ar?: number }) {
    this.buf.writeUInt16BE(id, 0);
    this.buf.writeUInt16BE(QR_RD_RA, 2);
    this.counts(counts);
  }

  counts({ qd = 0, an = 0, ar = 0 }: { qd?: number; an?: number; ar?: number }): void {
    this.buf.writeUInt16BE(qd, 4);
    this.buf.writeUInt16BE(an, 6);
    this.buf.writeUInt16BE(ar, 10);
  }

  left(): number {
    return MAX_MESSAGE - this.pos;
  }

  u16(v: number): this {
    this.pos = this.buf.writeUInt16BE(v, this.pos);
    return this;
  }

  pointer(to: number): this {
    if (to > MAX_TARGET) throw new Error(`offset ${to} is out of a pointer's reach`);
    return this.u16(0xc000 | to);
  }

  /** Labels, then a pointer to `to` (or the root's zero octet when `to` is undefined). */
  labels(name: string, to?: number): this {
    for (const label of name.split('.').filter(Boolean)) {
      this.buf[this.pos++] = label.length;
      this.pos += this.buf.write(label, this.pos, 'latin1');
    }
    if (to === undefined) this.buf[this.pos++] = 0;
    else this.pointer(to);
    return this;
  }

  /** The fields after a record's owner; returns where its data starts. */
  fixed(type: number, rdlen: number): number {
    this.u16(type).u16(IN);
    this.pos = this.buf.writeUInt32BE(60, this.pos);
    this.u16(rdlen);
    return this.pos;
  }

  done(): Buffer {
    return Buffer.from(this.buf.subarray(0, this.pos));
  }
}

/**
 * A 64 KB message of questions only, every name a pointer, the worst found for dns-packet: in
 * its first 16 KB each question's name, type and class are pointers, each to the two octets
 * before, one chain of 8,000; every later question is one label and a pointer to that chain's end.
 */
export function chainedQuestions(): Buffer {
  const w = new Writer(0, {});
  w.buf[w.pos++] = 0; // the first question: the root, whose type and class start the chain
  w.pointer(12).pointer(13);
  let qd = 1;
  for (; w.pos + 4 <= MAX_TARGET; qd++) for (let i = 0; i < 3; i++) w.pointer(w.pos - 2);
  const end = w.pos - 2;
  for (; w.left() >= 8; qd++) w.labels('a', end).u16(A).u16(IN);
  w.counts({ qd });
  return w.done();
}

/**
 * A 64 KB reply to `name`/`type` (query `id`): a record of a private type whose data is a chain
 * of pointers as long as fits in 16 KB, ending at the question's name, then CNAME records whose
 * owner and target are each one label and a pointer to that chain's far end.
 */
export function chainedAnswers(id: number, name: string, type = MX): Buffer {
  const w = new Writer(id, { qd: 1 });
  w.labels(name).u16(type).u16(IN);
  w.pointer(12);
  const data = w.fixed(PRIVATE, 0);
  w.pointer(12);
  while (w.pos <= MAX_TARGET) w.pointer(w.pos - 2);
  const end = w.pos - 2;
  w.buf.writeUInt16BE(w.pos - data, data - 2);
  let an = 1;
  for (; w.left() >= 18; an++) {
    w.labels('a', end);
    w.fixed(CNAME, 4);
    w.labels('b', end);
  }
  w.counts({ qd: 1, an });
  return w.done();
}

/**
 * A name of `labels` one-letter labels, each but the last followed by a pointer to the next
 * (written backwards, the way an encoder compresses a name against its parent's), held in the
 * data of a record of a private type; `extra` pointers, each to the one before, after it; and an
 * A record whose owner is a pointer to the last: `labels` pointers to follow, plus `extra`.
 */
export function pointerPerLabel(labels: number, extra = 0): Buffer {
  const w = new Writer(0, { qd: 1, an: 2 });
  w.labels('.').u16(A).u16(IN);
  w.buf[w.pos++] = 0;
  const data = w.fixed(PRIVATE, 0);
  let last = w.pos;
  w.labels('a');
  for (let i = 1; i < labels; i++) {
    const at = w.pos;
    w.labels('a', last);
    last = at;
  }
  for (let i = 0; i < extra; i++) {
    const at = w.pos;
    w.pointer(last);
    last = at;
  }
  w.buf.writeUInt16BE(w.pos - data, data - 2);
  w.pointer(last);
  w.buf.writeUInt32BE(0xc0000201, w.fixed(A, 4));
  w.pos += 4;
  return w.done();
}

/**
 * A reply to `name`/MX as a name server compresses one: `count` MX records owned by a pointer
 * to the question's name, each exchanger `mx<i>` and a pointer to it; then one A record for each
 * exchanger, owned by a pointer to where that exchanger's name was written (or, past a pointer's
 * reach, its label and a pointer to the question's name).
 */
export function compressedMx(id: number, name: string, count: number): Buffer {
  const w = new Writer(id, { qd: 1, an: count, ar: count });
  w.labels(name).u16(MX).u16(IN);
  const exchangers: number[] = [];
  for (let i = 0; i < count; i++) {
    w.pointer(12);
    w.fixed(MX, 2 + 1 + `mx${i}`.length + 2);
    w.u16(10 + i);
    exchangers.push(w.pos);
    w.labels(`mx${i}`, 12);
  }
  for (let i = 0; i < count; i++) {
    const at = exchangers[i]!;
    if (at <= MAX_TARGET) w.pointer(at);
    else w.labels(`mx${i}`, 12);
    w.buf.writeUInt32BE(0xc0000000 + (i & 0xffff), w.fixed(A, 4));
    w.pos += 4;
  }
  return w.done();
}

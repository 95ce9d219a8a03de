// Compression pointers (RFC 1035 §4.1.4), checked before dns-packet follows them. dns-packet
// follows a name's pointers for as long as each points before the one it came from, with no
// limit on how many, and it does so again for every name. A pointer reaches 14 bits, so a
// reply's first 16 KB hold a chain of 8,000 pointers, each to the one before, and every other
// name of a 64 KB reply can end in it: 8,000 steps a name, about a second of CPU for one reply.
//
// No encoder writes that. A pointer stands for "a prior occurrence of the same name" (or of its
// last labels): encoders point at where they wrote those labels, so each pointer a name follows
// leads to at least one label, and a name has at most 127 labels (255 octets, RFC 1035 §3.1).
// A name that needs more pointers than that, or more label octets than dns-packet accepts, is
// refused here, before dns-packet reads it: the reply is malformed, like any it cannot read.
// What a name costs to check is bounded by those two numbers, whatever the packet holds.

/** The most pointers one name may follow: as many as the longest name has labels. */
export const MAX_POINTERS = 127;

/** dns-packet's own limit on a name's labels, each counted with its length octet. */
const MAX_LABEL_OCTETS = 254;

/**
 * Follows the name at `pos` the way dns-packet will, reading no label, and throws if it cannot
 * be read cheaply and legally: a pointer that does not point back before the labels that hold
 * it, more than MAX_POINTERS pointers, too many label octets, an undefined label type or the
 * packet's end. Returns the name's size at `pos` (up to its first pointer or its final zero).
 */
export function checkPointers(buf: Buffer, pos: number): number {
  let at = pos;
  /** Where the current run of labels starts: the next pointer must point before it. */
  let start = pos;
  let size = 0;
  let pointers = 0;
  let octets = 0;
  // Bounded: every turn ends the name, or adds to `octets` or to `pointers`, both capped.
  for (;;) {
    if (at >= buf.length) throw new Error('name runs past the end of the reply');
    const len = buf[at]!;
    if (len === 0) return size || at + 1 - pos;
    const kind = len & 0xc0;
    if (kind === 0) {
      octets += len + 1;
      if (octets > MAX_LABEL_OCTETS) throw new Error('name is longer than 255 octets');
      at += len + 1;
      continue;
    }
    if (kind !== 0xc0) throw new Error(`name has a label of undefined type 0x${len.toString(16)}`);
    if (at + 1 >= buf.length) throw new Error('name runs past the end of the reply');
    const target = ((len & 0x3f) << 8) | buf[at + 1]!;
    if (target >= start) throw new Error('name has a compression pointer that does not point back');
    if (++pointers > MAX_POINTERS)
      throw new Error(`name follows more than ${MAX_POINTERS} compression pointers`);
    size ||= at + 2 - pos;
    at = start = target;
  }
}

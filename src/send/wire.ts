// The message as it goes on the wire, built only for the command that carries it: after DATA it
// is dot-stuffed (RFC 5321 §4.5.2), after BDAT it goes as it is (RFC 3030 §2). Building both
// would hold a 50 MB message twice; the DATA size is counted without building it.
import { type BuiltMessage, dataPayload, dotLines, toCrlf } from './message.js';

export interface WireMessage {
  /** Bytes the DATA form will have (CRLF, dot-stuffed), counted without building it. */
  readonly dataBytes: number;
  /** The DATA form: CRLF, dot-stuffed, without the final "." line. Built on first use. */
  data(): Buffer;
  /** The BDAT form: CRLF, not dot-stuffed. Built on first use. */
  bdat(): Buffer;
}

export function wireMessage(m: BuiltMessage): WireMessage {
  const crlf = toCrlf(m.text);
  let data: Buffer | undefined;
  let bdat: Buffer | undefined;
  return {
    // Each dot-stuffed line gains one "." byte.
    dataBytes: Buffer.byteLength(crlf, m.encoding) + dotLines(crlf),
    data: () => {
      data ??= dataPayload(crlf, m.encoding);
      return data;
    },
    bdat: () => {
      bdat ??= Buffer.from(crlf, m.encoding);
      return bdat;
    },
  };
}

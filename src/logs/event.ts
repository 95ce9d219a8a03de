// The events every log format is turned into: what the correlator, the summary and the judge read.
// Formats (src/logs/formats/*) map their own lines onto these; nothing here knows a log syntax.

/** Where a line came from: the server that wrote it and the program (service) that logged it. */
export interface Origin {
  /** Milliseconds since the epoch (NaN when the line had no readable time). */
  t: number;
  host: string;
  /** The service: smtpd, cleanup, qmgr, smtp, lmtp, local, bounce, postscreen, exim, … */
  svc: string;
  pid: string;
}

export type DeliveryStatus = 'sent' | 'deferred' | 'bounced' | 'expired';

export type LogEvent = Origin &
  (
    | { kind: 'connect'; client: string }
    | { kind: 'disconnect'; client: string }
    | { kind: 'tls'; dir: 'in' | 'out'; level: string; peer: string; detail: string }
    /** A message entered the queue from an SMTP client (smtpd `client=`, Exim `<=` H=). */
    | { kind: 'client'; qid: string; client: string; sasl?: string; tls?: string }
    /** A message entered the queue locally (pickup `uid=`, Exim `<=` U= without H=). */
    | { kind: 'local'; qid: string; from?: string; uid?: string }
    | { kind: 'msgid'; qid: string; messageId: string }
    | { kind: 'from'; qid: string; from: string; size?: number; nrcpt?: number }
    | {
        kind: 'delivery';
        qid: string;
        to: string;
        origTo?: string;
        relay: string;
        /** Total seconds since the message arrived (Postfix delay=). */
        delay?: number;
        /** Postfix delays=a/b/c/d: before qmgr, in queue, connection set-up, transmission. */
        delays?: [number, number, number, number];
        dsn?: string;
        status: DeliveryStatus;
        text: string;
        /** The queue ID the next hop gave the message (`queued as X`), e.g. a content filter's re-injection. */
        queuedAs?: string;
      }
    /** The message left the queue: every recipient done (qmgr `removed`, Exim `Completed`). */
    | { kind: 'removed'; qid: string }
    /** The sender was told the message expired (qmgr `status=expired, returned to sender`). */
    | { kind: 'expired'; qid: string; from: string; text: string }
    /** Rejected during the SMTP dialogue (NOQUEUE reject, milter-reject, header_checks reject). */
    | {
        kind: 'reject';
        qid?: string;
        stage: string;
        client: string;
        code?: number;
        dsn?: string;
        text: string;
        from?: string;
        to?: string;
        helo?: string;
        restriction: string;
        /** 4xx: the client may try again (greylisting, a DNS failure); 5xx: final. */
        temporary: boolean;
      }
    /** postscreen's verdict on a connection (PASS NEW, PASS OLD, DNSBL, PREGREET, …). */
    | { kind: 'screen'; verdict: string; client: string; detail: string; rejected: boolean }
    /** The server wrote a bounce/delay/success notice about `qid` as the new message `child`. */
    | { kind: 'notice'; qid: string; child: string; notice: string }
  );

export type EventKind = LogEvent['kind'];

/** A parser for one log format: a line in, its event(s) out (undefined: not a line it reads). */
export interface LineParser {
  readonly name: string;
  parse(line: string): LogEvent | LogEvent[] | undefined;
}

// The queue id a server names in its final 250 after DATA, as data: one pattern per MTA family.
// Pure; used for the `send.ok` finding and the JSON `queueId`.

const PATTERNS: { mta: string; re: RegExp }[] = [
  // Postfix: "250 2.0.0 Ok: queued as 4Bz3kQ1xYz"
  { mta: 'postfix', re: /queued as ([A-Za-z0-9]+)/i },
  // Exchange 2000 (book ch. 7): "250 2.6.0 <INET-IMC-01UWr81nn9000fbad8@mail1.example.com> Queued mail for delivery"
  { mta: 'exchange', re: /(<[^<>\s]+>)\s+Queued mail for delivery/i },
  // Exim: "250 OK id=1rAbcD-000123-4x"
  { mta: 'exim', re: /\bid=([A-Za-z0-9-]+)/i },
  // Sendmail: "250 2.0.0 4ABC123x012345 Message accepted for delivery"
  { mta: 'sendmail', re: /(?<![A-Za-z0-9])([A-Za-z0-9]{8,}) Message accepted for delivery/i },
  // Gmail: "250 2.0.0 OK  1700000000 a1-20020a05.123 - gsmtp"
  { mta: 'gmail', re: /OK\s+\d+\s+(\S+)\s+-\s+gsmtp/i },
  // Microsoft 365: "250 2.6.0 <id@host> [InternalId=123, Hostname=...] Queued mail for delivery"
  { mta: 'microsoft', re: /(<[^<>\s]+>)\s+\[InternalId=/i },
  // Generic: "queued as X", "queued: X", "Queued (X)"
  { mta: 'generic', re: /queued(?: as|:)?\s*\(?((?=[A-Za-z._@<>-]*\d)[A-Za-z0-9._@<>-]{4,})\)?/i },
];

export function parseQueueId(text: string): string | undefined {
  for (const { re } of PATTERNS) {
    const m = re.exec(text);
    if (m?.[1]) return m[1];
  }
  return undefined;
}

// Which ports to probe: the book's Chapter 8 Table 7 ("Ports used by Exchange") plus the
// two mail ports that came later (submission 587, RFC 6409; implicit-TLS submission 465,
// RFC 8314), as data, and named presets for --ports.
import { UsageError } from '../../findings/errors.js';

/** How to talk to a port: an SMTP greeting, SMTP inside TLS, or just a TCP (or TLS) handshake. */
export type PortKind = 'smtp' | 'smtps' | 'tcp' | 'tls';

export interface PortSpec {
  port: number;
  name: string;
  kind: PortKind;
  description: string;
  /** Where the port is documented. */
  ref: string;
}

const T7 = 'Book ch. 8, Common Ports Used by Exchange (Table 7)';

export const PORTS: readonly PortSpec[] = [
  { port: 25, name: 'smtp', kind: 'smtp', description: 'SMTP between mail servers', ref: T7 },
  {
    port: 587,
    name: 'submission',
    kind: 'smtp',
    description: 'Mail submission by clients',
    ref: 'RFC 6409 §3.1',
  },
  {
    port: 465,
    name: 'smtps',
    kind: 'smtps',
    description: 'Mail submission over implicit TLS',
    ref: 'RFC 8314 §3.3',
  },
  {
    port: 691,
    name: 'smtp-lsa',
    kind: 'tcp',
    description: 'Exchange routing engine link state (RESvc)',
    ref: T7,
  },
  { port: 53, name: 'dns', kind: 'tcp', description: 'DNS over TCP', ref: T7 },
  { port: 389, name: 'ldap', kind: 'tcp', description: 'LDAP (Active Directory)', ref: T7 },
  { port: 636, name: 'ldaps', kind: 'tls', description: 'LDAP over SSL', ref: T7 },
  { port: 3268, name: 'gc', kind: 'tcp', description: 'Active Directory global catalog', ref: T7 },
  { port: 3269, name: 'gc-ssl', kind: 'tls', description: 'Global catalog over SSL', ref: T7 },
  { port: 143, name: 'imap', kind: 'tcp', description: 'IMAP4', ref: T7 },
  { port: 993, name: 'imaps', kind: 'tls', description: 'IMAP4 over SSL', ref: T7 },
  { port: 110, name: 'pop3', kind: 'tcp', description: 'POP3', ref: T7 },
  { port: 995, name: 'pop3s', kind: 'tls', description: 'POP3 over SSL', ref: T7 },
  { port: 119, name: 'nntp', kind: 'tcp', description: 'NNTP', ref: T7 },
  { port: 563, name: 'nntps', kind: 'tls', description: 'NNTP over SSL', ref: T7 },
  { port: 80, name: 'http', kind: 'tcp', description: 'HTTP (Outlook Web Access)', ref: T7 },
  { port: 443, name: 'https', kind: 'tls', description: 'HTTP over SSL', ref: T7 },
];

export interface PortPreset {
  describe: string;
  ports: number[];
  /** Ports that must answer; the others are reported for information only. */
  required: number[];
}

export const PRESETS: Record<string, PortPreset> = {
  smtp: { describe: 'SMTP between servers (25)', ports: [25], required: [25] },
  mail: { describe: 'SMTP 25, submission 587, SMTPS 465', ports: [25, 587, 465], required: [25] },
  submission: { describe: 'Client submission: 587 and 465', ports: [587, 465], required: [] },
  clients: {
    describe: 'What mail clients use: 587, 465, IMAP 143/993, POP3 110/995',
    ports: [587, 465, 143, 993, 110, 995],
    required: [],
  },
  exchange: {
    describe: "Every TCP port of the book's Table 7, plus 587 and 465",
    ports: [25, 587, 465, 691, 53, 389, 636, 3268, 3269, 143, 993, 110, 995, 119, 563, 80, 443],
    required: [25],
  },
};

export interface PortPlan {
  spec: PortSpec;
  /** A failure here is a failure (not just information). */
  required: boolean;
}

export function portSpec(port: number): PortSpec {
  return (
    PORTS.find((p) => p.port === port) ?? {
      port,
      name: 'smtp',
      kind: 'smtp',
      description: 'SMTP on a custom port',
      ref: 'RFC 5321 §4.5.3.2',
    }
  );
}

function parsePort(token: string): number {
  const named = PORTS.find((p) => p.name === token.toLowerCase());
  if (named) return named.port;
  const n = Number(token);
  if (!Number.isInteger(n) || n < 1 || n > 65535) {
    throw new UsageError(
      `--ports: "${token}" is not a port number, a port name (${PORTS.map((p) => p.name).join(', ')}) or a preset (${Object.keys(PRESETS).join(', ')})`,
    );
  }
  return n;
}

/** `--ports mail` or `--ports 25,587,imaps`; without --ports, the single `--port`. Explicit ports are all required. */
export function planPorts(ports: string | undefined, port = 25): PortPlan[] {
  if (!ports) return [{ spec: portSpec(port), required: true }];
  const preset = PRESETS[ports.toLowerCase()];
  if (preset) return preset.ports.map((p) => ({ spec: portSpec(p), required: preset.required.includes(p) }));
  const list = [
    ...new Set(
      ports
        .split(/[\s,]+/)
        .filter(Boolean)
        .map(parsePort),
    ),
  ];
  if (list.length === 0) throw new UsageError('--ports needs a preset name or a list of ports');
  return list.map((p) => ({ spec: portSpec(p), required: true }));
}

// One finding per certificate fault of a send (src/smtp/cert-faults.ts): the chain, the name, the
// dates, each with its own id, fix and reference. fail when the fault stopped the send (AUTH or
// --tls), warn when opportunistic STARTTLS carried on without AUTH, as a sending MTA does.
import { type Finding, finding } from '../findings/model.js';
import type { CertFault, CertFaultKind } from '../smtp/cert-faults.js';
import type { SendOutcome } from './flow.js';

const IDS = {
  chain: 'send.tls-cert-chain',
  name: 'send.tls-cert-name',
  expired: 'send.tls-cert-expired',
  'not-yet-valid': 'send.tls-cert-not-yet-valid',
} as const satisfies Record<CertFaultKind, string>;

const TITLES: Record<CertFaultKind, string> = {
  chain: "The server's certificate chain does not verify",
  name: "The server's certificate is not valid for the name connected to",
  expired: "The server's certificate has expired",
  'not-yet-valid': "The server's certificate is not valid yet",
};

function fixFor(f: CertFault): string {
  switch (f.kind) {
    case 'chain':
      return f.code === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE'
        ? 'Configure the server to send its intermediate certificate(s) after its own (Postfix: a chain file in smtpd_tls_chain_files; Exchange: import the intermediate into the computer store). For a private CA, pass it with --ca <file>.'
        : 'Use a certificate from a CA senders trust, sent with its full chain; for a private CA, pass it with --ca <file>. --insecure skips the check for a known test server only.';
    case 'name':
      return `Connect by the name the certificate carries (--tls-name <name> when connecting by address), or give the server a certificate whose subjectAltName includes ${f.checkedName ?? 'the host name'}.`;
    case 'expired':
      return 'Renew the certificate and reload the SMTP service (automate renewal, e.g. with ACME); a renewed file the service has not reloaded still serves the old one.';
    case 'not-yet-valid':
      return "Check this machine's clock first; otherwise the server uses a certificate issued for a later date: install one valid now.";
  }
}

const REFS: Record<CertFaultKind, string> = {
  chain: 'RFC 3207 §4.1; RFC 8314 §3; RFC 5280 §6',
  name: 'RFC 9525 (formerly RFC 6125) §6; RFC 3207 §4.1',
  expired: 'RFC 5280 §4.1.2.5; RFC 3207 §4.1',
  'not-yet-valid': 'RFC 5280 §4.1.2.5; RFC 3207 §4.1',
};

/** The certificate's faults as findings; empty when there are none (or --insecure). */
export function certFindings(o: SendOutcome): Finding[] {
  const faults = o.certFaults ?? [];
  const stopped = o.failure?.kind === 'tls-failed' && o.failure.stage === 'tls';
  if (!faults.length || !(stopped || o.tlsProblem)) return [];
  const consequence = stopped
    ? 'mailflow stopped at the TLS stage, before AUTH and before any mail (with AUTH or --tls a certificate that does not verify is fatal).'
    : 'Without AUTH mailflow carried on, as a sending MTA does with opportunistic TLS, but the connection could have been intercepted.';
  return faults.map((f) =>
    finding(IDS[f.kind], stopped ? 'fail' : 'warn', {
      title: TITLES[f.kind],
      detail: `At the TLS stage ${f.message}. ${consequence}`,
      fix: fixFor(f),
      ref: REFS[f.kind],
      data: {
        stage: 'tls',
        code: f.code,
        ...(f.date ? { date: f.date } : {}),
        ...(f.kind === 'name'
          ? { checkedName: f.checkedName, names: f.names, namesTotal: f.namesTotal }
          : {}),
      },
    }),
  );
}

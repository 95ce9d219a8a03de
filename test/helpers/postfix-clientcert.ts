// A private Postfix that asks for client certificates and lets one of them relay: a CA, a
// server certificate for mx.local.test (a chain file, leaf then CA), a client certificate whose
// SHA-256 fingerprint is listed in relay_clientcerts (permit_tls_clientcerts), and the main.cf
// lines that say so. Tests add their own relay restrictions and protocol limits.
import { X509Certificate } from 'node:crypto';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCa, type ServerCert, type TestCa } from './ca.js';

export interface ClientCertSetup {
  ca: TestCa;
  /** Listed in relay_clientcerts. */
  client: ServerCert;
  /** main.cf lines: the server certificate, ask for a client certificate, the CA, the list. */
  main: string[];
}

export function clientCertSetup(label: string): ClientCertSetup {
  const ca = createCa(label);
  chmodSync(ca.dir, 0o755); // Postfix's smtpd reads the files as its own user
  const server = ca.issue(['mx.local.test']);
  const client = ca.issue(['client.mailflow.test'], { usage: 'clientAuth' });
  for (const f of [server.chainFile, server.keyFile, ca.caFile]) chmodSync(f, 0o644);
  const relayCerts = join(ca.dir, 'relay_clientcerts');
  const fingerprint = new X509Certificate(readFileSync(client.certFile)).fingerprint256;
  writeFileSync(relayCerts, `${fingerprint} client.mailflow.test\n`, { mode: 0o644 });
  return {
    ca,
    client,
    main: [
      `smtpd_tls_cert_file = ${server.chainFile}`,
      `smtpd_tls_key_file = ${server.keyFile}`,
      'smtpd_tls_ask_ccert = yes',
      `smtpd_tls_CAfile = ${ca.caFile}`,
      `relay_clientcerts = texthash:${relayCerts}`,
    ],
  };
}

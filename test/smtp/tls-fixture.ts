// A throwaway CA and server certificate for STARTTLS tests against the scripted server,
// on top of the shared test CA helper.
import { readFileSync } from 'node:fs';
import { createCa } from '../helpers/ca.js';

export interface TlsFixture {
  ca: string;
  caFile: string;
  cert: string;
  key: string;
  cleanup(): void;
}

export function makeTlsFixture(names: string[] = [], days = 30): TlsFixture {
  const ca = createCa('mailflow smtp test CA');
  const leaf = ca.issue(names, { days });
  return {
    ca: readFileSync(ca.caFile, 'utf8'),
    caFile: ca.caFile,
    cert: readFileSync(leaf.certFile, 'utf8'),
    key: readFileSync(leaf.keyFile, 'utf8'),
    cleanup: () => ca.cleanup(),
  };
}

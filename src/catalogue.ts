// Every finding id mailflow emits, from each area's own declaration. Ids are never renamed:
// test/core/catalogue.test.ts holds this catalogue to what the commands emit, to README and to
// test/fixtures/finding-ids.txt (an id may be added there, never removed).
import { BLOCKLIST_IDS } from './checks/blocklist/ids.js';
import { DANE_IDS } from './checks/dane/ids.js';
import { DMARC_IDS } from './checks/dmarc/ids.js';
import { EHLO_IDS } from './checks/ehlo/ids.js';
import { CHECK_IDS } from './checks/inbound/ids.js';
import { MTA_STS_IDS } from './checks/mta-sts/ids.js';
import { MX_IDS } from './checks/mx/ids.js';
import { PROBE_IDS } from './checks/probe/ids.js';
import { RELAY_IDS } from './checks/relay/ids.js';
import { SHARED_IDS } from './checks/shared/ids.js';
import { SMTP_IDS } from './checks/smtp/ids.js';
import { SPF_IDS } from './checks/spf/ids.js';
import { TLS_IDS } from './checks/tls/ids.js';
import { TLS_RPT_IDS } from './checks/tls-rpt/ids.js';
import type { CatalogueEntry } from './findings/catalogue.js';
import { HEADERS_IDS } from './headers/ids.js';
import { LOGS_IDS } from './logs/ids.js';
import { NDR_IDS } from './ndr/ids.js';
import { SEND_IDS } from './send/ids.js';
import { SESSION_IDS } from './session/ids.js';

export const CATALOGUE = {
  ...MX_IDS,
  ...PROBE_IDS,
  ...EHLO_IDS,
  ...SMTP_IDS,
  ...TLS_IDS,
  ...RELAY_IDS,
  ...MTA_STS_IDS,
  ...TLS_RPT_IDS,
  ...DANE_IDS,
  ...SPF_IDS,
  ...DMARC_IDS,
  ...BLOCKLIST_IDS,
  ...SHARED_IDS,
  ...CHECK_IDS,
  ...HEADERS_IDS,
  ...NDR_IDS,
  ...SEND_IDS,
  ...LOGS_IDS,
  ...SESSION_IDS,
} as const;

export type FindingId = keyof typeof CATALOGUE;

/** The severity an id has unless its check says otherwise: the first one declared. */
export function defaultSeverity(id: FindingId): CatalogueEntry['severity'][0] {
  return CATALOGUE[id].severity[0];
}

export function catalogueEntry(id: string): CatalogueEntry | undefined {
  return (CATALOGUE as Record<string, CatalogueEntry>)[id];
}

// Every check group of `mailflow check`, in run order (src/checks/groups.ts). The record type
// makes the compiler refuse a group declared in groups.ts without an implementation here;
// test/check/registry.test.ts holds each entry to its key.
import { blocklistGroup } from './blocklist/group.js';
import { daneGroup } from './dane/group.js';
import { dmarcGroup } from './dmarc/group.js';
import type { AnyCheckGroup } from './group.js';
import { GROUPS, type Group } from './groups.js';
import { mtaStsGroup } from './mta-sts/group.js';
import { mxGroup } from './mx/group.js';
import { relayGroup } from './relay/group.js';
import { smtpGroup } from './smtp/group.js';
import { spfGroup } from './spf/group.js';
import { tlsGroup } from './tls/group.js';
import { tlsRptGroup } from './tls-rpt/group.js';

const BY_ID: Record<Group, AnyCheckGroup> = {
  mx: mxGroup,
  smtp: smtpGroup,
  tls: tlsGroup,
  relay: relayGroup,
  'mta-sts': mtaStsGroup,
  'tls-rpt': tlsRptGroup,
  dane: daneGroup,
  spf: spfGroup,
  dmarc: dmarcGroup,
  blocklist: blocklistGroup,
};

export const REGISTRY_BY_ID: Readonly<Record<Group, AnyCheckGroup>> = BY_ID;

export const REGISTRY: readonly AnyCheckGroup[] = GROUPS.map((id) => BY_ID[id]);

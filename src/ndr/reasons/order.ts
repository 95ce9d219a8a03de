// The order in which wording is tried: the first reason that matches decides. A reply often says
// several things ("Client host rejected: cannot find your hostname", "blocked: SPF failed, spam"),
// so the more telling reason comes first. Strong reasons decide before the status code; weak
// (generic) ones only after a vague or missing code, in their own order below.

import * as blocked from './blocked.js';
import * as expired from './expired.js';
import * as host from './host-not-found.js';
import * as full from './mailbox-full.js';
import * as large from './message-too-large.js';
import * as network from './network.js';
import * as policy from './policy.js';
import * as relay from './relay-denied.js';
import * as spam from './spam-virus.js';
import type { Reason } from './types.js';
import * as user from './unknown-user.js';

export const ORDER: readonly Reason[] = [
  policy.greylisted,
  // Sending limits before "quota" wording, which would read as a full mailbox.
  blocked.rateLimited,
  full.overQuota,
  large.sizeLimit,
  // Before blocklists: reverse-DNS refusals say "Client host rejected".
  policy.reverseDns,
  spam.virus,
  blocked.blocklisted,
  // A failed SPF/DKIM/DMARC check, before the spam verdict it often leads to.
  policy.authFailed,
  spam.spamVerdict,
  relay.relayDenied,
  // Mentions of authentication or TLS, and sender refusals: after relaying, before the
  // DNS/network wording a sender refusal may contain ("sender domain not found").
  policy.authRequired,
  policy.senderRejected,
  // Expiry before the network or DNS error it usually quotes.
  expired.queueExpired,
  host.noSuchDomain,
  network.connectionFailed,
  network.mailLoop,
  user.noSuchRecipient,
  spam.spamWords,

  // Weak: the non-English tables come first within each meaning; sending limits before size, size
  // before mailbox capacity; the most generic refusals last.
  blocked.sendingLimitWords,
  large.sizeWords,
  host.domainWords,
  full.fullWords,
  user.recipientWords,
  relay.notOurCustomer,
  expired.gaveUpWords,
  policy.notPermittedWords,
  blocked.refusedWords,
];

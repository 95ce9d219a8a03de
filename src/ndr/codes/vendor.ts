// Finds the provider behind a failure (from the remote MTA name, the reply text or the recipient
// domain) and the vendor rule that reads its code/text, so provider meanings beat the registry's.

import { SES_RULES } from './amazon-ses.js';
import { GMAIL_RULES } from './gmail.js';
import { MICROSOFT_RULES } from './microsoft.js';
import { MICROSOFT_DELIVERY_RULES } from './microsoft-delivery.js';
import { MICROSOFT_POLICY_RULES } from './microsoft-policy.js';
import { PROVIDER_DOMAINS, PROVIDER_HINTS, PROVIDER_RULES } from './providers.js';
import { registryDetail } from './registry.js';
import type { Provider, VendorRule } from './types.js';

const RULES: readonly VendorRule[] = [
  ...MICROSOFT_RULES,
  ...MICROSOFT_POLICY_RULES,
  ...MICROSOFT_DELIVERY_RULES,
  ...GMAIL_RULES,
  ...PROVIDER_RULES,
  ...SES_RULES,
];

/** Providers whose rules may apply on code alone; Microsoft and Outlook.com share their code space. */
const FAMILY: Readonly<Record<Provider, readonly Provider[]>> = {
  microsoft: ['microsoft', 'outlook.com'],
  'outlook.com': ['outlook.com', 'microsoft'],
  gmail: ['gmail'],
  yahoo: ['yahoo'],
  icloud: ['icloud'],
  'amazon-ses': ['amazon-ses'],
};

export function detectProvider(
  remoteMta?: string,
  text?: string,
  recipientDomain?: string,
): Provider | undefined {
  const host = remoteMta ? `.${remoteMta.toLowerCase()}` : '';
  if (host) for (const h of PROVIDER_HINTS) if (h.host.test(host)) return h.provider;
  if (text) for (const h of PROVIDER_HINTS) if (h.text.test(text)) return h.provider;
  return recipientDomain ? PROVIDER_DOMAINS.get(recipientDomain.toLowerCase()) : undefined;
}

/** Does "5.7.612" fall under "5.7.606-649" (or equal "5.7.606")? */
function codeMatches(spec: string, status: string): boolean {
  const dash = spec.indexOf('-');
  if (dash < 0) return spec === status;
  const prefix = spec.slice(0, spec.lastIndexOf('.', dash) + 1);
  if (!status.startsWith(prefix)) return false;
  const detail = Number(status.slice(prefix.length));
  const lo = Number(spec.slice(prefix.length, dash));
  const hi = Number(spec.slice(dash + 1));
  return detail >= lo && detail <= hi;
}

/**
 * The first vendor rule that reads this failure. Text rules need their text (and codes, if any);
 * code-only rules need the provider detected, unless the code is not in the IANA registry at all.
 */
export function findVendorRule(
  status: string | undefined,
  text: string,
  provider: Provider | undefined,
): VendorRule | undefined {
  const inRegistry = status ? registryDetail(status) !== undefined : false;
  for (const rule of RULES) {
    if (rule.codes && !(status && rule.codes.some((c) => codeMatches(c, status)))) continue;
    const fromProvider = provider !== undefined && FAMILY[provider].includes(rule.provider);
    if (rule.text) {
      if (rule.text.test(text) && (!rule.generic || fromProvider || (!inRegistry && rule.codes))) return rule;
      continue;
    }
    if (!rule.codes) continue;
    if (!inRegistry || fromProvider) return rule;
  }
  return undefined;
}

// Amazon SES's own refusals (facts from the SES Developer Guide: the global suppression list and
// the account-level suppression list, bounce subtypes Suppressed / OnAccountSuppressionList).
import type { VendorRule } from './types.js';

const SES = 'Amazon SES Developer Guide, suppression lists and bounce notifications';

export const SES_RULES: readonly VendorRule[] = [
  {
    provider: 'amazon-ses',
    text: /account'?s suppression list|account-level suppression list|OnAccountSuppressionList/i,
    title: "On the account's suppression list (Amazon SES)",
    meaning:
      'SES did not try to deliver: the address is on your own account-level suppression list, where SES puts addresses that bounced or complained before.',
    fix: 'Leave the address out unless you know it works again; if it does, remove it from the account suppression list (SES console, or the DeleteSuppressedDestination API) and resend.',
    category: 'unknown-user',
    whoActs: 'sender',
    ref: SES,
  },
  {
    provider: 'amazon-ses',
    text: /Amazon SES has suppressed sending|SES global suppression list|\(SES Permanent\/Suppressed bounce\)/i,
    title: 'On the global suppression list (Amazon SES)',
    meaning:
      'SES did not try to deliver: the address hard-bounced recently for some SES sender, so SES keeps it on its global suppression list for a while.',
    fix: 'Treat it as a bad address and remove it from your list; if you are sure it now works, wait for SES to drop it from the global list, then resend.',
    category: 'unknown-user',
    whoActs: 'sender',
    ref: SES,
  },
];

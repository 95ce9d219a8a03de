// The blocklist choice both `mailflow blocklist` and `check`'s blocklist group take (which lists,
// a Spamhaus DQS key), declared once so the same flag means the same thing in both.

/** Options taking one value that may be repeated (the values collected in a list). */
export const BLOCKLIST_REPEATABLE = ['zone', 'add-zone'] as const;

export const blocklistZoneOptions = {
  zone: {
    type: 'string',
    describe:
      'Ask only this blocklist (repeatable): a name from mailflow blocklist --list-zones, or any zone (add :domain for a domain list)',
  },
  'add-zone': { type: 'string', describe: 'Ask this blocklist as well as the default set (repeatable)' },
  tier: {
    type: 'number',
    describe:
      'Widen the default set of blocklists: 1 the lists large receivers use, 2 (default) adds smaller ones, 3 adds minor lists',
  },
  'dqs-key': {
    type: 'string',
    describe:
      'Spamhaus Data Query Service key: ask <key>.zen.dq.spamhaus.net (works from any resolver; never printed; or set MAILFLOW_DQS_KEY)',
  },
} as const;

/** The zones these options name, checked now (UsageError for dead or malformed ones). */
export async function validateZones(args: object): Promise<void> {
  const { zonesFromArgs } = await import('../src/run/blocklist.js');
  zonesFromArgs(args);
}

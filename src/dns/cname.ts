// CNAME chains that cannot end: a loop, or more aliases than any resolver follows. Either way
// the name has no usable answer, and saying "no records" would claim something about the
// domain (for MX: that mail falls back to its address, or bounces) that was never learned.

/**
 * Aliases followed from one name before giving up. Resolvers stop sooner or near here
 * (Unbound and BIND restart a query about a dozen times); a longer chain fails for senders too.
 */
export const MAX_CNAME_CHAIN = 16;

/** "a → b → c", shortened in the middle for long chains. */
function path(names: string[]): string {
  const shown = names.length <= 8 ? names : [...names.slice(0, 4), '…', ...names.slice(-3)];
  return shown.join(' → ');
}

/** `start`'s chain `chain` led back to `back`, a name already on it. */
export function cnameLoop(start: string, chain: string[], back: string): string {
  return `CNAME loop: ${path([start, ...chain, back])}; the alias never reaches a name with records, so nobody can resolve ${start}`;
}

/** `start`'s chain reached MAX_CNAME_CHAIN aliases without an end. */
export function cnameTooLong(start: string, chain: string[]): string {
  return `CNAME chain of more than ${MAX_CNAME_CHAIN} aliases (${path([start, ...chain])}); mailflow stops there, as resolvers stop at long chains, so ${start} has no usable answer`;
}

/**
 * True when a lookup's error is one of the "the answer cannot be used" kinds built here or by
 * notWireName: the server answered, so blaming the server or the network would be wrong.
 */
export function isUnusableAnswer(error: string | undefined): boolean {
  return (
    !!error &&
    (error.startsWith('CNAME loop: ') ||
      error.startsWith('CNAME chain of more than ') ||
      / cannot be a host name: /.test(error))
  );
}

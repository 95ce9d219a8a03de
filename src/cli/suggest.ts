// "Did you mean …?" for a mistyped option or command: the closest known word by edit distance.

/** Optimal string alignment distance (Levenshtein plus swapping two neighbours, as in "verison"). */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [
    i,
    ...Array<number>(b.length).fill(0),
  ]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  return d[a.length]![b.length]!;
}

/** The known word closest to `word`, if it is close enough to be a typo of it (at most 2 edits, fewer for short words). */
export function closest(word: string, known: Iterable<string>): string | undefined {
  const limit = word.length <= 3 ? 1 : 2;
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const k of known) {
    // Long enough words typed short ("--pass" for "--password") count as typos too.
    // So do known words with a suffix added ("--ca-file", as other tools spell it, for "--ca").
    const d =
      (k.length > word.length && word.length >= 4 && k.startsWith(word)) ||
      (k.length >= 2 && word.startsWith(`${k}-`))
        ? 1
        : editDistance(word, k);
    if (d < bestDistance) {
      best = k;
      bestDistance = d;
    }
  }
  return best;
}

/**
 * "Did you mean" for keys, flags and names. Case, camelCase, dashes and
 * spaces are folded first, so `averageCheck`, `Average-Check` and
 * `average check` all find `average_check`.
 */

export function foldName(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[\s\-_.]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

export function editDistance(a: string, b: string): number {
  if (a === b) {
    return 0;
  }
  const previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  const current = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i += 1) {
    current[0] = i;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + cost,
      );
    }
    previous.splice(0, previous.length, ...current);
  }
  return previous[b.length] as number;
}

/** The candidate closest to `word`, or null when none is close enough to be a likely typo. */
export function nearest(word: string, candidates: readonly string[]): string | null {
  const folded = foldName(word);
  if (folded === '') {
    return null;
  }

  let best: string | null = null;
  let bestScore = Infinity;
  for (const candidate of candidates) {
    const target = foldName(candidate);
    let score = editDistance(folded, target);
    const prefix = target.startsWith(folded);
    if (prefix && folded.length >= 3) {
      score = Math.min(score, 1);
    }
    if (score < bestScore) {
      best = candidate;
      bestScore = score;
    }
  }

  const allowed = Math.max(2, Math.round(folded.length * 0.4));
  return bestScore <= allowed ? best : null;
}

/**
 * The name a mistyped one most likely means, for names made of words joined by
 * underscores: one holding every word of it (`ltv_cac` → ltv_to_cac), else one whose
 * words are each a typo away (`paybak` → payback_months), else the nearest by spelling.
 */
export function nearestByWords(asked: string, known: readonly string[]): string | null {
  const words = foldName(asked)
    .split('_')
    .filter((word) => word !== '');
  const shortest = (a: string, b: string) => a.length - b.length;
  const holding = known
    .filter((name) => {
      const theirs = foldName(name).split('_');
      return words.length > 1 && words.every((word) => theirs.includes(word));
    })
    .sort(shortest);
  if (holding[0]) {
    return holding[0];
  }
  const close = (word: string, theirs: string) =>
    editDistance(word, theirs) <= Math.max(1, Math.floor(word.length / 4));
  const misspelt = known
    .filter((name) => {
      const theirs = foldName(name).split('_');
      return words.length > 0 && words.every((word) => theirs.some((their) => close(word, their)));
    })
    .sort(shortest);
  return misspelt[0] ?? nearest(asked, known);
}

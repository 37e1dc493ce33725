/** "Did you mean …?": the closest known names to an unknown one. */

/** Damerau–Levenshtein (optimal string alignment) distance. */
export function editDistance(a: string, b: string): number {
  const n = a.length;
  const m = b.length;
  if (n === 0) return m;
  if (m === 0) return n;
  let prev2: number[] = new Array(m + 1).fill(0);
  let prev: number[] = Array.from({ length: m + 1 }, (_, j) => j);
  let cur: number[] = new Array(m + 1).fill(0);
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    for (let j = 1; j <= m; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
    }
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[m]!;
}

function tokens(s: string): string[] {
  return s.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
}

/**
 * Known names close to `unknown`, best first. Close means a small edit distance
 * relative to the length, or sharing the meaningful words of a namespace
 * (`qos/ratelimit/token-bucket` → `qos/ratelimit/router`, `qos/ratelimit/proxy`).
 */
export function suggestions(unknown: string, known: Iterable<string>, max = 3): string[] {
  const u = unknown.toLowerCase();
  const uTokens = tokens(unknown);
  const scored: { name: string; score: number }[] = [];
  for (const name of known) {
    const n = name.toLowerCase();
    if (n === u) {
      scored.push({ name, score: 0 });
      continue;
    }
    const d = editDistance(u, n);
    const limit = Math.max(2, Math.floor(Math.max(u.length, n.length) / 3));
    if (d <= limit) {
      scored.push({ name, score: d });
      continue;
    }
    // Namespace-like names: share a prefix path of words.
    if (u.includes('/') && n.includes('/')) {
      const nTokens = tokens(name);
      let shared = 0;
      while (shared < uTokens.length && shared < nTokens.length && uTokens[shared] === nTokens[shared]) shared++;
      if (shared >= 2) scored.push({ name, score: 100 - shared * 10 + d / 100 });
    }
  }
  scored.sort((a, b) => a.score - b.score || a.name.localeCompare(b.name));
  return scored.slice(0, max).map((s) => s.name);
}

/** One "did you mean" string for a hint, or undefined when nothing is close. */
export function didYouMean(unknown: string, known: Iterable<string>): string | undefined {
  const s = suggestions(unknown, known);
  if (s.length === 0) return undefined;
  if (s.length === 1) return `did you mean ${JSON.stringify(s[0])}?`;
  return `did you mean ${s.slice(0, -1).map((x) => JSON.stringify(x)).join(', ')} or ${JSON.stringify(s[s.length - 1])}?`;
}

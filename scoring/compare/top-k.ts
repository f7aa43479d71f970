/**
 * Top-k overlap: how many of one method's k most influential accounts are also among another's.
 *
 * A top-k list must be a set of exactly k accounts, so when several accounts tie at the k-th place the list
 * takes them in ascending order of account id (code-unit order, the order `scoreMethod` lists tied rows in)
 * until it has k. That choice is arbitrary but reproducible; `tiedAtCutoff` says when it was needed, in which
 * case the overlap depends on account ids as well as on scores.
 */

const MODULE = "scoring/compare/top-k";

export interface TopK {
  /** Indices of the k largest values, largest first; ties in ascending order of id. */
  indices: Int32Array;
  /** Whether accounts tied with the k-th were left out of the list (so ids decided membership). */
  tiedAtCutoff: boolean;
}

/**
 * The `k` accounts with the largest `values` (`ids[i]` names the account of `values[i]`). A `k` larger than
 * the number of accounts takes them all.
 *
 * @throws Error prefixed `scoring/compare/top-k: ` if the lengths differ, k is not a positive integer or a
 *   value is NaN.
 * @example
 * topK([3, 5, 5, 1], ["a", "b", "c", "d"], 2); // => {indices: Int32Array [1, 2], tiedAtCutoff: false}
 */
export function topK(values: ArrayLike<number>, ids: readonly string[], k: number): TopK {
  if (values.length !== ids.length) {
    throw new Error(`${MODULE}: ${values.length} values but ${ids.length} ids`);
  }
  if (!Number.isInteger(k) || k < 1) throw new Error(`${MODULE}: k must be a positive integer, got ${k}`);
  const n = values.length;
  const size = Math.min(k, n);
  if (size === 0) return {indices: new Int32Array(0), tiedAtCutoff: false};
  const sorted = Float64Array.from(values).sort(); // numeric order; NaN sorts last
  if (Number.isNaN(sorted[n - 1])) {
    throw new Error(`${MODULE}: value ${Array.prototype.findIndex.call(values, Number.isNaN)} is NaN`);
  }
  const cutoff = sorted[n - size]; // the k-th largest value
  const above: number[] = [];
  const tied: number[] = [];
  for (let i = 0; i < n; i++) {
    if (values[i] > cutoff) above.push(i);
    else if (values[i] === cutoff) tied.push(i);
  }
  above.sort((a, b) => values[b] - values[a] || compareIds(ids[a], ids[b]));
  tied.sort((a, b) => compareIds(ids[a], ids[b]));
  const room = size - above.length;
  return {indices: Int32Array.from([...above, ...tied.slice(0, room)]), tiedAtCutoff: tied.length > room};
}

/** Overlap of two top-k lists of the same length k: the shared accounts, their share of k, and the Jaccard index. */
export function topKOverlap(
  a: ArrayLike<number>,
  b: ArrayLike<number>
): {shared: number; overlap: number; jaccard: number} {
  if (a.length !== b.length) throw new Error(`${MODULE}: lists of different lengths (${a.length} and ${b.length})`);
  const k = a.length;
  const inA = new Set<number>();
  for (let i = 0; i < k; i++) inA.add(a[i]);
  let shared = 0;
  for (let i = 0; i < k; i++) if (inA.has(b[i])) shared++;
  // |A ∪ B| = 2k − |A ∩ B|. Empty lists (no accounts) give 0 / 0: NaN, like a correlation without variance.
  return {shared, overlap: shared / k, jaccard: shared / (2 * k - shared)};
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

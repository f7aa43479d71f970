/**
 * Kendall's tau-b with ties in O(n log n).
 *
 * Reference: Knight, W. R. (1966). "A computer method for calculating Kendall's tau with ungrouped data."
 * Journal of the American Statistical Association 61(314), 436–439. Sort the pairs by x, then y; the
 * discordant pairs are the inversions of the resulting y sequence, counted by a merge sort. The tie
 * corrections of tau-b (Kendall, M. G. (1945). "The treatment of ties in ranking problems." Biometrika 33(3),
 * 239–251) come from the sizes of the groups of equal x, equal y and equal (x, y).
 */
import {assertPaired, ranking, type Ranking} from "./spearman.js";

const MODULE = "scoring/compare/kendall";

/**
 * Pairs are sorted by one float64 key per pair, `xGroup · yGroups + yGroup`, with the native numeric sort.
 * The key is exact only below 2^53, which bounds the input length to √2^53.
 */
const MAX_LENGTH = Math.floor(Math.sqrt(Number.MAX_SAFE_INTEGER));

/**
 * Kendall's tau-b of the paired samples `x` and `y`:
 *
 *     τ_b = (C − D) / √((n₀ − n₁)(n₀ − n₂))
 *
 * with C and D the concordant and discordant pairs, n₀ = n(n − 1)/2, n₁ = Σ t(t − 1)/2 over the groups of
 * tied x values and n₂ the same over y. A pair tied in x or in y is neither concordant nor discordant.
 *
 * Returns NaN when x or y is constant (or there are fewer than two pairs): every pair is then tied in that
 * variable, the denominator is 0 and the coefficient is undefined rather than 0.
 *
 * @throws Error prefixed `scoring/compare/kendall: ` if the lengths differ, a value is NaN or the input is
 *   longer than 94,906,265 pairs.
 * @example
 * kendallTauB([1, 2, 3, 4], [10, 20, 40, 30]); // => 0.6666666666666666 (5 concordant, 1 discordant)
 */
export function kendallTauB(x: ArrayLike<number>, y: ArrayLike<number>): number {
  assertPaired(x, y, MODULE);
  return kendallTauBOfRankings(ranking(x, MODULE), ranking(y, MODULE));
}

/** `kendallTauB` of two variables already ranked by `ranking`. */
export function kendallTauBOfRankings(x: Ranking, y: Ranking): number {
  assertPaired(x.group, y.group, MODULE);
  const n = x.group.length;
  if (n > MAX_LENGTH) throw new Error(`${MODULE}: at most ${MAX_LENGTH} pairs are supported, got ${n}`);
  const yGroupCount = y.size.length;
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = x.group[i] * yGroupCount + y.group[i];
  keys.sort();

  // Joint ties are runs of equal keys; the y sequence, ordered by x then y, is what the merge sort inverts.
  const ySequence = new Int32Array(n);
  let jointTies = 0;
  let run = 0;
  for (let i = 0; i < n; i++) {
    ySequence[i] = keys[i] % yGroupCount;
    run = i > 0 && keys[i] === keys[i - 1] ? run + 1 : 0;
    jointTies += run; // the i-th member of a run is tied with the `run` before it
  }

  const allPairs = (n * (n - 1)) / 2;
  const xTies = tiedPairs(x.size);
  const yTies = tiedPairs(y.size);
  if (allPairs === xTies || allPairs === yTies) return NaN;
  const discordant = countInversions(ySequence);
  const concordantMinusDiscordant = allPairs - xTies - yTies + jointTies - 2 * discordant;
  const tau = concordantMinusDiscordant / Math.sqrt((allPairs - xTies) * (allPairs - yTies));
  return Math.max(-1, Math.min(1, tau));
}

/** Σ t(t − 1)/2 over the group sizes t: the pairs tied within a group. */
function tiedPairs(sizes: Int32Array): number {
  let pairs = 0;
  for (const t of sizes) pairs += (t * (t - 1)) / 2;
  return pairs;
}

/**
 * The number of pairs i < j with values[i] > values[j] (equal values are not inversions), by a bottom-up
 * merge sort; `values` is sorted in the process.
 */
function countInversions(values: Int32Array): number {
  const n = values.length;
  let source: Int32Array = values;
  let target: Int32Array = new Int32Array(n);
  let inversions = 0;
  for (let width = 1; width < n; width *= 2) {
    for (let start = 0; start < n; start += 2 * width) {
      const middle = Math.min(start + width, n);
      const end = Math.min(start + 2 * width, n);
      let left = start;
      let right = middle;
      let out = start;
      while (left < middle && right < end) {
        if (source[left] <= source[right]) target[out++] = source[left++];
        else {
          inversions += middle - left; // source[right] is smaller than every remaining left value
          target[out++] = source[right++];
        }
      }
      while (left < middle) target[out++] = source[left++];
      while (right < end) target[out++] = source[right++];
    }
    [source, target] = [target, source];
  }
  return inversions;
}

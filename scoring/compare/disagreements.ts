/**
 * The accounts on which two methods disagree most: the largest absolute differences in rank percentile.
 *
 * Percentiles rather than ranks, so that the difference reads the same on any number of accounts; average
 * ranks rather than competition ranks, so that a large group of tied accounts (typically the many with a
 * value of 0) sits in the middle of the places it spans instead of at the best of them, where it would look
 * like a disagreement with any method that separates those accounts.
 */
import {assertPaired, groupMidranks, ranking, type Ranking} from "./spearman.js";

const MODULE = "scoring/compare/disagreements";

/**
 * The rank percentile of each value: the share of the other values ranked above it (larger), ties counting
 * half. 0 is the top, 1 the bottom; a single value is at 0.
 *
 * @throws Error prefixed `scoring/compare/disagreements: ` if a value is NaN.
 * @example
 * rankPercentiles([30, 10, 20, 20]); // => Float64Array [0, 1, 0.5, 0.5]
 */
export function rankPercentiles(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  return places(ranking(values, MODULE)).above.map((above) => (n === 1 ? 0 : above / (n - 1)));
}

/**
 * Per entry, the number of others ranked above it (larger) plus half the number tied with it, that is n minus
 * its ascending average rank: a multiple of 1/2, so exact, and so are differences between two of them. Also
 * the competition rank (1 + the number strictly above; ties share the best rank) of each group.
 */
function places(x: Ranking): {above: Float64Array; groupRanks: Int32Array} {
  const n = x.group.length;
  const midranks = groupMidranks(x);
  const groupRanks = new Int32Array(x.size.length);
  let larger = 0;
  for (let g = groupRanks.length - 1; g >= 0; g--) {
    groupRanks[g] = larger + 1;
    larger += x.size[g];
  }
  const above = new Float64Array(n);
  for (let i = 0; i < n; i++) above[i] = n - midranks[x.group[i]];
  return {above, groupRanks};
}

export interface Disagreement {
  /** Index of the account in the inputs. */
  index: number;
  /** Its competition rank under each method (1 = largest value; tied values share the best rank). */
  ranks: [number, number];
  /** Its rank percentile under each method (0 = top). */
  percentiles: [number, number];
  /** |percentiles[0] − percentiles[1]|, in (0, 1]. */
  difference: number;
}

/**
 * The `top` accounts with the largest difference in rank percentile between the values `x` and `y` of two
 * methods, largest first; equal differences in ascending order of id (`ids[i]` names the account of `x[i]`
 * and `y[i]`). Differences are compared exactly (as differences of average ranks), so equal ones are never
 * separated by rounding. Accounts on which the methods agree (difference 0) are not listed, so identical
 * rankings give an empty list.
 *
 * @throws Error prefixed `scoring/compare/disagreements: ` if the lengths differ, a value is NaN or top is
 *   not a non-negative integer.
 * @example
 * largestDisagreements([3, 2, 1], [1, 2, 3], ["a", "b", "c"], 1);
 * // => [{index: 0, ranks: [1, 3], percentiles: [0, 1], difference: 1}] ("a" and "c" tie; "a" comes first)
 */
export function largestDisagreements(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  ids: readonly string[],
  top = 10
): Disagreement[] {
  assertPaired(x, y, MODULE);
  return largestDisagreementsOfRankings(ranking(x, MODULE), ranking(y, MODULE), ids, top);
}

/** `largestDisagreements` of two variables already ranked by `ranking`. */
export function largestDisagreementsOfRankings(
  x: Ranking,
  y: Ranking,
  ids: readonly string[],
  top = 10
): Disagreement[] {
  const n = ids.length;
  if (x.group.length !== n || y.group.length !== n) {
    throw new Error(`${MODULE}: ${x.group.length} and ${y.group.length} values for ${n} ids`);
  }
  if (!Number.isInteger(top) || top < 0) throw new Error(`${MODULE}: top must be a non-negative integer, got ${top}`);
  const placesX = places(x);
  const placesY = places(y);
  // A list kept sorted, best first, and at most `top` long: one comparison per account once it is full.
  const kept: {index: number; gap: number}[] = [];
  const ranksBefore = (gap: number, index: number, other: {index: number; gap: number}) =>
    gap > other.gap || (gap === other.gap && ids[index] < ids[other.index]);
  for (let i = 0; i < n && top > 0; i++) {
    const gap = Math.abs(placesX.above[i] - placesY.above[i]);
    if (gap === 0 || (kept.length === top && !ranksBefore(gap, i, kept[top - 1]))) continue;
    let position = kept.length;
    while (position > 0 && ranksBefore(gap, i, kept[position - 1])) position--;
    kept.splice(position, 0, {index: i, gap});
    if (kept.length > top) kept.pop();
  }
  return kept.map(({index, gap}) => ({
    index,
    ranks: [placesX.groupRanks[x.group[index]], placesY.groupRanks[y.group[index]]],
    percentiles: [placesX.above[index] / (n - 1), placesY.above[index] / (n - 1)],
    difference: gap / (n - 1)
  }));
}

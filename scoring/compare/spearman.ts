/**
 * Spearman's rank correlation with ties: the Pearson correlation of the two variables' average ranks
 * ("midranks"), the usual treatment of ties (Kendall, M. G. (1948), "Rank correlation methods", Griffin,
 * on tied ranks). O(n log n).
 *
 * Also home of `ranking`, the sorting step shared by the other comparisons in this folder: computed once per
 * method, it serves every pair the method is in (`compareMethods`).
 */

import {ascendingOrder} from "../order.js";

const MODULE = "scoring/compare/spearman";

/** The order of a vector with its ties: which group of equal values each entry belongs to, and the group sizes. */
export interface Ranking {
  /** `group[i]`: the group of `values[i]`, groups numbered from 0 in ascending order of value (a dense rank). */
  group: Int32Array;
  /** `size[g]`: the number of entries in group `g`. */
  size: Int32Array;
}

/**
 * Groups equal values (`===`, so −0 and 0 tie) and numbers the groups in ascending order, along the values'
 * radix order (`ascendingOrder`, no comparison callback). `module` prefixes the error message.
 *
 * @throws Error if a value is NaN (it has no place in an order).
 */
export function ranking(values: ArrayLike<number>, module = MODULE): Ranking {
  const n = values.length;
  const order = ascendingOrder(values);
  if (!order) throw new Error(`${module}: value ${Array.prototype.findIndex.call(values, Number.isNaN)} is NaN`);
  const group = new Int32Array(n);
  const counts = new Int32Array(n);
  let groups = 0;
  for (let k = 0; k < n; k++) {
    const i = order[k];
    if (k === 0 || values[i] !== values[order[k - 1]]) groups++;
    group[i] = groups - 1;
    counts[groups - 1]++;
  }
  return {group, size: counts.slice(0, groups)};
}

/** The average rank (1 = smallest) of each group: a group of t values starting after s smaller ones gets s + (t + 1) / 2. */
export function groupMidranks({size}: Ranking): Float64Array {
  const midranks = new Float64Array(size.length);
  let before = 0;
  for (let g = 0; g < size.length; g++) {
    midranks[g] = before + (size[g] + 1) / 2;
    before += size[g];
  }
  return midranks;
}

/** Throws unless `x` and `y` have the same length. */
export function assertPaired(x: ArrayLike<unknown>, y: ArrayLike<unknown>, module: string): void {
  if (x.length !== y.length) throw new Error(`${module}: x has length ${x.length} but y has length ${y.length}`);
}

/**
 * Spearman's ρ of the paired samples `x` and `y`: Pearson's r of their average ranks, so tied values share
 * the mean of the ranks they span and the result depends only on the pairs, not on their order.
 *
 * Returns NaN when either variable has no rank variance, that is when all its values are equal (or there are
 * fewer than two pairs): the correlation is 0 / 0 there, undefined rather than 0.
 *
 * @throws Error prefixed `scoring/compare/spearman: ` if the lengths differ or a value is NaN.
 * @example
 * spearman([1, 2, 3, 4], [10, 20, 40, 30]); // => 0.8
 */
export function spearman(x: ArrayLike<number>, y: ArrayLike<number>): number {
  assertPaired(x, y, MODULE);
  return spearmanOfRankings(ranking(x), ranking(y));
}

/** `spearman` of two variables already ranked by `ranking`. */
export function spearmanOfRankings(x: Ranking, y: Ranking): number {
  assertPaired(x.group, y.group, MODULE);
  const n = x.group.length;
  const midranksX = groupMidranks(x);
  const midranksY = groupMidranks(y);
  const mean = (n + 1) / 2; // the mean of any midranks of n values
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = midranksX[x.group[i]] - mean;
    const dy = midranksY[y.group[i]] - mean;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx === 0 || syy === 0) return NaN;
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
}

/**
 * Area under the ROC curve by the Mann–Whitney U statistic, in O(n log n).
 *
 * Reference: Hanley, J. A. and McNeil, B. J. (1982). "The meaning and use of the area under a receiver operating
 * characteristic (ROC) curve." Radiology 143(1):29–36: the AUC equals P(score of a random positive > score of a
 * random negative) + ½ P(equal), which is U / (n₊ · n₋) with U from the rank sum of the positives (midranks for ties).
 */

const MODULE = "scoring/evaluate/auc";

/**
 * The 1-based rank of each value in ascending order, tied values sharing the mean of their ranks (midranks).
 *
 * @example midranks([10, 30, 20, 20]) // Float64Array [1, 4, 2.5, 2.5]
 * @throws Error prefixed `scoring/evaluate/auc: ` when a value is NaN.
 */
export function midranks(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  const order = Array.from({length: n}, (_, i) => i);
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(values[i])) throw new Error(`${MODULE}: value ${i} is NaN`);
  }
  order.sort((i, j) => (values[i] < values[j] ? -1 : values[i] > values[j] ? 1 : i - j));
  const ranks = new Float64Array(n);
  for (let start = 0; start < n;) {
    let end = start + 1;
    while (end < n && values[order[end]] === values[order[start]]) end++;
    // Positions start..end-1 hold equal values: ranks start+1..end, whose mean is (start + 1 + end) / 2.
    const rank = (start + 1 + end) / 2;
    for (let k = start; k < end; k++) ranks[order[k]] = rank;
    start = end;
  }
  return ranks;
}

/**
 * The AUC of `scores` for the labels `positive`: the probability that a random positive item scores above a
 * random negative one, ties counting ½. NaN when there is no positive or no negative item (the AUC is undefined).
 *
 * @example auc([0.9, 0.2, 0.5, 0.5], [true, false, true, false]) // 0.875
 * @throws Error prefixed `scoring/evaluate/auc: ` for arrays of different lengths or a score that is not finite.
 */
export function auc(scores: ArrayLike<number>, positive: ArrayLike<boolean>): number {
  if (scores.length !== positive.length) {
    throw new Error(`${MODULE}: ${scores.length} scores but ${positive.length} labels`);
  }
  for (let i = 0; i < scores.length; i++) {
    if (!Number.isFinite(scores[i])) throw new Error(`${MODULE}: score ${i} is ${scores[i]}, not a finite number`);
  }
  const ranks = midranks(scores);
  let positives = 0;
  let rankSum = 0;
  for (let i = 0; i < ranks.length; i++) {
    if (positive[i]) {
      positives++;
      rankSum += ranks[i];
    }
  }
  const negatives = ranks.length - positives;
  if (positives === 0 || negatives === 0) return NaN;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

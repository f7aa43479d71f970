/**
 * Display scales that depend on the population, such as the Klout-style 1–100: a value's mid-rank
 * percentile among all values (ties share one), mapped through a piecewise-linear curve of anchors.
 */

/** `[percentile, score]` points, percentiles increasing from 0 to 1. */
export type Anchors = readonly (readonly [number, number])[];

/**
 * The mid-rank percentile of each value in (0, 1): the share of values below it plus half the share equal
 * to it. Monotone: a larger value never gets a smaller percentile. Values must not be NaN (a NaN gets 0).
 *
 * @example midRankPercentiles([10, 20, 20, 30]) // => [0.125, 0.5, 0.5, 0.875]
 */
export function midRankPercentiles(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  // The engine's numeric sort, then two binary searches per value: no comparison callback for n log n steps.
  const sorted = Float64Array.from(values).sort();
  const percentiles = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const value = values[i]!;
    const below = countBelow(sorted, value);
    percentiles[i] = (below + (countAtMost(sorted, value) - below) / 2) / n;
  }
  return percentiles;
}

/** The number of entries of `sorted` (ascending) before `end` that are below `value`. */
export function countBelow(sorted: Float64Array, value: number, end = sorted.length): number {
  let low = 0;
  let high = end;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]! < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The number of entries of `sorted` (ascending) that are at most `value`. */
function countAtMost(sorted: Float64Array, value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]! <= value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Maps each value through `anchors` by its mid-rank percentile. */
export function percentileScale(values: ArrayLike<number>, anchors: Anchors): Float64Array {
  return midRankPercentiles(values).map((percentile) => interpolate(anchors, percentile));
}

function interpolate(anchors: Anchors, x: number): number {
  for (let i = 1; i < anchors.length; i++) {
    const [x1, y1] = anchors[i]!;
    if (x <= x1) {
      const [x0, y0] = anchors[i - 1]!;
      return x1 === x0 ? y1 : y0 + ((x - x0) / (x1 - x0)) * (y1 - y0);
    }
  }
  return anchors[anchors.length - 1]![1];
}

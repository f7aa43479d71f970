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
  return percentilesWithin(values, new Int32Array(values.length));
}

/**
 * The mid-rank percentile (0–1) of each value among the values of the same group, as `midRankPercentiles` gives
 * it within the group: groups are numbered 0…k−1. Each group's values are sorted once; a value's percentile
 * comes from the number of its group's values below it and equal to it: the engine's numeric sort, then two
 * binary searches per value, with no comparison callback for n log n steps.
 *
 * @example percentilesWithin([1, 5, 3, 3], Int32Array.of(0, 0, 1, 1)) // => [0.25, 0.75, 0.5, 0.5]
 */
export function percentilesWithin(values: ArrayLike<number>, groups: Int32Array): Float64Array {
  const n = values.length;
  const starts = new Int32Array(groups.reduce((last, group) => Math.max(last, group), 0) + 2);
  for (let i = 0; i < n; i++) starts[groups[i]! + 1]++;
  for (let g = 1; g < starts.length; g++) starts[g] += starts[g - 1]!;
  const sorted = new Float64Array(n);
  const next = starts.slice();
  for (let i = 0; i < n; i++) sorted[next[groups[i]!]++] = values[i]!;
  for (let g = 0; g + 1 < starts.length; g++) sorted.subarray(starts[g], starts[g + 1]).sort();
  const percentiles = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const start = starts[groups[i]!]!;
    const end = starts[groups[i]! + 1]!;
    const below = firstAtLeast(sorted, values[i]!, start, end);
    percentiles[i] = (below - start + (firstAbove(sorted, values[i]!, start, end) - below) / 2) / (end - start);
  }
  return percentiles;
}

/** The first index of `sorted[start, end)` (ascending) whose entry is at least `value`, else `end`. */
export function firstAtLeast(sorted: Float64Array, value: number, start = 0, end = sorted.length): number {
  let low = start;
  let high = end;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]! < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The first index of `sorted[start, end)` (ascending) whose entry is above `value`, else `end`. */
function firstAbove(sorted: Float64Array, value: number, start = 0, end = sorted.length): number {
  let low = start;
  let high = end;
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

/**
 * Display scales that depend on the population, such as the Klout-style 1–100: a value's mid-rank
 * percentile among all values (ties share one), mapped through a piecewise-linear curve of anchors.
 */

/** `[percentile, score]` points, percentiles increasing from 0 to 1. */
export type Anchors = readonly (readonly [number, number])[];

/**
 * The mid-rank percentile of each value in (0, 1): the share of values below it plus half the share equal
 * to it. Monotone: a larger value never gets a smaller percentile.
 *
 * @example midRankPercentiles([10, 20, 20, 30]) // => [0.125, 0.5, 0.5, 0.875]
 */
export function midRankPercentiles(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  const order = Array.from({length: n}, (_, i) => i).sort((a, b) => values[a]! - values[b]!);
  const percentiles = new Float64Array(n);
  for (let start = 0; start < n;) {
    let end = start + 1;
    while (end < n && values[order[end]!] === values[order[start]!]) end++;
    const percentile = (start + (end - start) / 2) / n;
    for (let k = start; k < end; k++) percentiles[order[k]!] = percentile;
    start = end;
  }
  return percentiles;
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

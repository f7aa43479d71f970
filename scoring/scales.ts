/**
 * Display scales that depend on the population, such as the Klout-style 1–100: a value's mid-rank
 * percentile among all values (ties share one), mapped through a piecewise-linear curve of anchors.
 */
import {ascendingOrder} from "./order.js";

/** `[percentile, score]` points, percentiles increasing from 0 to 1. */
export type Anchors = readonly (readonly [number, number])[];

/**
 * The mid-rank percentile of each value in (0, 1): the share of values below it plus half the share equal
 * to it. Monotone: a larger value never gets a smaller percentile. Values must not be NaN (a NaN gets 0).
 * `ascending`, when given, is `ascendingOrder(values)`, saving the sort.
 *
 * @example midRankPercentiles([10, 20, 20, 30]) // => [0.125, 0.5, 0.5, 0.875]
 */
export function midRankPercentiles(values: ArrayLike<number>, ascending?: Uint32Array): Float64Array {
  return mappedPercentiles(values, ascending, (percentile) => percentile);
}

/**
 * `map` of each value's `midRankPercentiles`, called once per run of equal values (`ascending` as there): what
 * percentilesWithin gives for a single group, without its split by group.
 */
function mappedPercentiles(
  values: ArrayLike<number>,
  given: Uint32Array | undefined,
  map: (percentile: number) => number
): Float64Array {
  const n = values.length;
  const mapped = new Float64Array(n);
  const ascending = given ?? ascendingOrder(values) ?? nanLast(values);
  for (let first = 0; first < n;) {
    const value = values[ascending[first]!]!;
    let last = first + 1;
    while (last < n && values[ascending[last]!] === value) last++;
    // A NaN equals nothing, so it is a run of its own; it counts among the values and gets 0.
    const score = map(Number.isNaN(value) ? 0 : (first + (last - first) / 2) / n);
    for (let k = first; k < last; k++) mapped[ascending[k]!] = score;
    first = last;
  }
  return mapped;
}

/**
 * The mid-rank percentile (0–1) of each value among the values of the same group, as `midRankPercentiles` gives
 * it within the group: groups are numbered 0…k−1. The values are put in order once (`ascendingOrder`, no
 * comparison callback), then split by group keeping that order; a value's percentile comes from the number of its
 * group's values below it and equal to it, counted along each run of equal values. A NaN gets 0. `ascending`, when
 * given, is `ascendingOrder(values)`, which the caller has already.
 *
 * @example percentilesWithin([1, 5, 3, 3], Int32Array.of(0, 0, 1, 1)) // => [0.25, 0.75, 0.5, 0.5]
 */
export function percentilesWithin(values: ArrayLike<number>, groups: Int32Array, given?: Uint32Array): Float64Array {
  const n = values.length;
  const percentiles = new Float64Array(n);
  const ascending = given ?? ascendingOrder(values) ?? nanLast(values);
  const starts = new Int32Array(groups.reduce((last, group) => Math.max(last, group), 0) + 2);
  for (let i = 0; i < n; i++) starts[groups[i]! + 1]++;
  for (let g = 1; g < starts.length; g++) starts[g] += starts[g - 1]!;
  const byGroup = new Uint32Array(n);
  const next = starts.slice();
  for (let k = 0; k < n; k++) byGroup[next[groups[ascending[k]!]!]++] = ascending[k]!;
  for (let g = 0; g + 1 < starts.length; g++) {
    const start = starts[g]!;
    const end = starts[g + 1]!;
    for (let first = start; first < end;) {
      const value = values[byGroup[first]!]!;
      let last = first + 1;
      while (last < end && values[byGroup[last]!] === value) last++;
      // A NaN equals nothing, so it is a run of its own; it counts among the group's values and gets 0.
      const percentile = Number.isNaN(value) ? 0 : (first - start + (last - first) / 2) / (end - start);
      for (let k = first; k < last; k++) percentiles[byGroup[k]!] = percentile;
      first = last;
    }
  }
  return percentiles;
}

/** The indices of `values` in ascending order with the NaNs last (`ascendingOrder` of the others). */
function nanLast(values: ArrayLike<number>): Uint32Array {
  const numbers: number[] = [];
  const nans: number[] = [];
  for (let i = 0; i < values.length; i++) (Number.isNaN(values[i]!) ? nans : numbers).push(i);
  const order = ascendingOrder(numbers.map((i) => values[i]!))!;
  return Uint32Array.from([...Array.from(order, (k) => numbers[k]!), ...nans]);
}

/** Maps each value through `anchors` by its mid-rank percentile (`ascending` as for `midRankPercentiles`). */
export function percentileScale(values: ArrayLike<number>, anchors: Anchors, ascending?: Uint32Array): Float64Array {
  return mappedPercentiles(values, ascending, (percentile) => interpolate(anchors, percentile));
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

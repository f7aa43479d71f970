/**
 * The order of a column of numbers without a comparison callback: a stable least-significant-digit radix sort of
 * the indices on the values' IEEE-754 bits, 16 bits per pass, skipping a pass where every value has the same
 * digit (columns of counts leave most of them out). Ranks (`scoring/score.ts`) and percentiles
 * (`scoring/scales.ts`) of 300,000 accounts take a few passes over arrays instead of n log n comparisons or a
 * binary search per value, which on arrays that outgrow the cache cost several times more.
 */

const DIGIT_BITS = 16;
const BUCKETS = 1 << DIGIT_BITS;
const DIGIT_MASK = BUCKETS - 1;

/**
 * The indices of `values` in ascending order of value, equal values in ascending order of index; −0 and +0 are
 * equal. Undefined when a value is NaN, which has no place in that order.
 *
 * @example ascendingOrder([3, 1, 3, -0, 0]) // => Uint32Array [3, 4, 1, 0, 2]
 */
export function ascendingOrder(values: ArrayLike<number>): Uint32Array | undefined {
  const n = values.length;
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const value = values[i]!;
    if (Number.isNaN(value)) return undefined;
    keys[i] = value + 0; // −0 + 0 is +0: one key for both zeros
  }
  // Each value's bits as an unsigned 64-bit key that sorts like the number: flip every bit of a negative value,
  // only the sign bit of a positive one. Little-endian words: the low word of value i at 2i, the high at 2i + 1.
  const words = new Uint32Array(keys.buffer);
  let low = new Uint32Array(n);
  let high = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const top = words[2 * i + 1]!;
    const negative = top >>> 31 === 1;
    low[i] = negative ? ~words[2 * i]! : words[2 * i]!;
    high[i] = negative ? ~top : (top | 0x80000000) >>> 0;
  }
  let order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  let nextOrder = new Uint32Array(n);
  let nextLow = new Uint32Array(n);
  let nextHigh = new Uint32Array(n);
  const counts = new Uint32Array(BUCKETS);
  for (let pass = 0; pass < 4; pass++) {
    const word = pass < 2 ? low : high;
    const shift = (pass % 2) * DIGIT_BITS;
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[(word[i]! >>> shift) & DIGIT_MASK]!++;
    if (n === 0 || counts[(word[0]! >>> shift) & DIGIT_MASK] === n) continue; // one digit: the order stands
    let start = 0;
    for (let digit = 0; digit < BUCKETS; digit++) {
      const count = counts[digit]!;
      counts[digit] = start;
      start += count;
    }
    for (let i = 0; i < n; i++) {
      const to = counts[(word[i]! >>> shift) & DIGIT_MASK]!++;
      nextOrder[to] = order[i]!;
      nextLow[to] = low[i]!;
      nextHigh[to] = high[i]!;
    }
    [order, nextOrder] = [nextOrder, order];
    [low, nextLow] = [nextLow, low];
    [high, nextHigh] = [nextHigh, high];
  }
  return order;
}

/**
 * `ascendingOrder` turned around group by group of equal values: the indices from the largest value down, equal
 * values still in ascending order of index. Undefined when a value is NaN.
 *
 * @example descendingOrderByIndex([3, 1, 3]) // => Uint32Array [0, 2, 1]
 */
export function descendingOrderByIndex(values: ArrayLike<number>): Uint32Array | undefined {
  const ascending = ascendingOrder(values);
  return ascending && turnedAround(values, ascending);
}

/**
 * `ascending`, an `ascendingOrder` of `values`, turned around group by group of equal values: what
 * `descendingOrderByIndex` gives, for a caller that has the ascending order already.
 *
 * @example turnedAround([3, 1, 3], Uint32Array.of(1, 0, 2)) // => Uint32Array [0, 2, 1]
 */
export function turnedAround(values: ArrayLike<number>, ascending: Uint32Array): Uint32Array {
  const n = ascending.length;
  const order = new Uint32Array(n);
  let position = 0;
  for (let end = n; end > 0;) {
    let start = end - 1;
    const value = values[ascending[start]!]!;
    while (start > 0 && values[ascending[start - 1]!] === value) start--;
    for (let k = start; k < end; k++) order[position++] = ascending[k]!;
    end = start;
  }
  return order;
}

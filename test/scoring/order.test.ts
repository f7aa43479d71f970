import fc from "fast-check";
import {describe, expect, it} from "vitest";
import {ascendingOrder, descendingOrderByIndex, turnedAround} from "../../scoring/order.js";

/** The reference: indices sorted with a comparison callback, ties by index (−0 and +0 compare equal). */
const byComparison = (values: readonly number[], sign: 1 | -1) =>
  values.map((_, i) => i).sort((a, b) => sign * (values[a]! - values[b]!) || a - b);

// Every class of IEEE-754 value a score can take: zeros of both signs, subnormals, both infinities, huge and tiny
// magnitudes of both signs, integers that tie, and any double.
const value = fc.oneof(
  fc.constantFrom(0, -0, 5e-324, -5e-324, Infinity, -Infinity, Number.MAX_VALUE, -Number.MAX_VALUE, 1, -1, 2),
  fc.integer({min: -70000, max: 70000}),
  fc.double({noNaN: true})
);

describe("ascendingOrder(values)", () => {
  it("orders the indices by value, ties by index, −0 with 0", () => {
    expect(Array.from(ascendingOrder([3, 1, 3, -0, 0])!)).toEqual([3, 4, 1, 0, 2]);
    expect(Array.from(ascendingOrder([])!)).toEqual([]);
    expect(Array.from(ascendingOrder([-Infinity, Infinity, -1e300, 1e-300, -1e-300])!)).toEqual([0, 2, 4, 3, 1]);
  });

  it("gives undefined when a value is NaN", () => {
    expect(ascendingOrder([1, NaN, 2])).toBeUndefined();
  });

  it("equals a comparison sort on any doubles", () => {
    fc.assert(
      fc.property(fc.array(value, {maxLength: 200}), (values) => {
        expect(Array.from(ascendingOrder(values)!)).toEqual(byComparison(values, 1));
      }),
      {numRuns: 300}
    );
  });

  it("equals a comparison sort on 100,000 values spread over every 16-bit digit", () => {
    let state = 11;
    const next = () => (state = (state * 48271) % 2147483647) / 2147483647;
    const values = Array.from({length: 100_000}, (_, i) =>
      i % 3 === 0 ? Math.floor(next() * 50) : (next() - 0.5) * 10 ** Math.floor(next() * 40 - 20)
    );
    expect(Array.from(ascendingOrder(values)!)).toEqual(byComparison(values, 1));
  });
});

describe("descendingOrderByIndex(values)", () => {
  it("orders the indices from the largest value down, ties still by index", () => {
    expect(Array.from(descendingOrderByIndex([3, 1, 3, -0, 0])!)).toEqual([0, 2, 1, 3, 4]);
    expect(descendingOrderByIndex([NaN])).toBeUndefined();
  });

  it("equals a comparison sort, largest first, on any doubles", () => {
    fc.assert(
      fc.property(fc.array(value, {maxLength: 200}), (values) => {
        expect(Array.from(descendingOrderByIndex(values)!)).toEqual(byComparison(values, -1));
      }),
      {numRuns: 300}
    );
  });
});

describe("turnedAround(values, ascending)", () => {
  it("turns a given ascending order around group by group of equal values", () => {
    expect(Array.from(turnedAround([3, 1, 3, -0, 0], Uint32Array.of(3, 4, 1, 0, 2)))).toEqual([0, 2, 1, 3, 4]);
  });

  it("equals a comparison sort, largest first, from ascendingOrder's order", () => {
    fc.assert(
      fc.property(fc.array(value, {maxLength: 200}), (values) => {
        expect(Array.from(turnedAround(values, ascendingOrder(values)!))).toEqual(byComparison(values, -1));
      }),
      {numRuns: 300}
    );
  });
});

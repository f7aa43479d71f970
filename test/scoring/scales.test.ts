/** Mid-rank percentiles against their definition, counted value by value. */
import fc from "fast-check";
import {describe, expect, it} from "vitest";
import {midRankPercentiles} from "../../scoring/scales.js";

describe("midRankPercentiles(values)", () => {
  it("is the share of values below plus half the share equal", () => {
    const value = fc.oneof(fc.integer({min: -3, max: 3}), fc.constantFrom(-0, 0.25, Infinity, -Infinity));
    fc.assert(
      fc.property(fc.array(value, {maxLength: 60}), (values) => {
        const n = values.length;
        const expected = values.map(
          (v) => (values.filter((w) => w < v).length + values.filter((w) => w === v).length / 2) / n
        );
        expect(Array.from(midRankPercentiles(values))).toEqual(expected);
      })
    );
  });
});

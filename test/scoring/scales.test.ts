/** Mid-rank percentiles against their definition, counted value by value, and within groups. */
import fc from "fast-check";
import {describe, expect, it} from "vitest";
import {midRankPercentiles, percentilesWithin} from "../../scoring/scales.js";

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

  it("gives the same percentiles from the ascending order a caller passes, without sorting", () => {
    // The order [1, 2, 0, 3] of [5, 1, 1, 9] written by hand; a wrong order would give other percentiles.
    expect(Array.from(midRankPercentiles([5, 1, 1, 9], Uint32Array.of(1, 2, 0, 3)))).toEqual([
      0.625, 0.25, 0.25, 0.875
    ]);
  });
});

describe("percentilesWithin(values, groups)", () => {
  it("ranks each value among its own group only", () => {
    expect(Array.from(percentilesWithin([1, 5, 3, 3], Int32Array.of(0, 0, 1, 1)))).toEqual([0.25, 0.75, 0.5, 0.5]);
  });

  it("gives each member of a group its midRankPercentiles among that group's values, to the bit", () => {
    const item = fc.record({value: fc.constantFrom(-1, -0, 0, 0.5, 2, 2, 7, 1e9), group: fc.nat(3)});
    fc.assert(
      fc.property(fc.array(item, {maxLength: 40}), (items) => {
        const percentiles = percentilesWithin(
          items.map((member) => member.value),
          Int32Array.from(items, (member) => member.group)
        );
        for (let group = 0; group <= 3; group++) {
          const members = items.flatMap((member, i) => (member.group === group ? [i] : []));
          const expected = midRankPercentiles(members.map((i) => items[i]!.value));
          members.forEach((i, k) => expect(percentiles[i]).toBe(expected[k]));
        }
      }),
      {seed: 20261126, numRuns: 200}
    );
  });
});

import {describe, expect, it} from "vitest";
import {largestDisagreements, rankPercentiles} from "../../../scoring/compare/disagreements.js";

describe("rankPercentiles", () => {
  it("rankPercentiles(values) is the share of the other values above, ties counting half", () => {
    // 30: none above → 0; 20, 20: one above and one tie → 1.5 / 3 = 0.5; 10: three above → 1.
    expect(Array.from(rankPercentiles([30, 10, 20, 20]))).toEqual([0, 1, 0.5, 0.5]);
    expect(Array.from(rankPercentiles([4]))).toEqual([0]);
  });

  it("puts a group of tied values in the middle of the places it spans", () => {
    // Five accounts of which four have 0: each has one above and three ties → (1 + 1.5) / 4.
    expect(Array.from(rankPercentiles([0, 0, 7, 0, 0]))).toEqual([0.625, 0.625, 0, 0.625, 0.625]);
  });
});

describe("largestDisagreements", () => {
  const ids = ["a", "b", "c", "d", "e"];

  it("lists the largest percentile differences first, with both ranks and percentiles", () => {
    // x: a 5, b 4, c 3, d 2, e 1 → ranks 1 2 3 4 5, percentiles 0, 0.25, 0.5, 0.75, 1.
    // y: a 1, b 4, c 3, d 5, e 2 → ranks 5 2 3 1 4, percentiles 1, 0.25, 0.5, 0, 0.75.
    // Differences: a 1, b 0, c 0, d 0.75, e 0.25.
    const result = largestDisagreements([5, 4, 3, 2, 1], [1, 4, 3, 5, 2], ids, 10);
    expect(result).toEqual([
      {index: 0, ranks: [1, 5], percentiles: [0, 1], difference: 1},
      {index: 3, ranks: [4, 1], percentiles: [0.75, 0], difference: 0.75},
      {index: 4, ranks: [5, 4], percentiles: [1, 0.75], difference: 0.25}
    ]);
  });

  it("gives tied accounts the best rank of their group", () => {
    // x: a and b tie at the top (rank 1), c 3rd; y: c first, then a, b tied (rank 2). c differs most.
    const [first] = largestDisagreements([9, 9, 1], [5, 5, 8], ["a", "b", "c"], 1);
    expect(first).toEqual({index: 2, ranks: [3, 1], percentiles: [1, 0], difference: 1});
  });

  it("keeps only the top N and orders equal differences by account id", () => {
    // Reversal: differences a 1, b 0.5, c 0, d 0.5, e 1. Top 3: a, e (tie at 1, by id), then b before d.
    const result = largestDisagreements([5, 4, 3, 2, 1], [1, 2, 3, 4, 5], ["e", "d", "c", "b", "a"], 3);
    expect(result.map(({index}) => index)).toEqual([4, 0, 3]);
  });

  it("compares differences exactly, so equal ones are not split by rounding", () => {
    // n = 6, x: b 10 (0.2 as a percentile), y: b 1 tied with c (0.5): difference 0.3.
    // y: y 0 tied with d at the bottom (0.9), x: y 1 (0.6): difference 0.3. As floats, 0.9 − 0.6 is
    // 0.30000000000000004 and 0.5 − 0.2 is 0.3, which would put y first; the differences are equal, so id order
    // decides: b before y. (x: 0 tied at the bottom (0.9) against 2 (0.2) leads with 0.7.)
    const accounts = ["a", "b", "c", "d", "x", "y"];
    const followers = [100, 10, 3, 0, 0, 1];
    const reactions = [3, 1, 1, 0, 2, 0];
    const result = largestDisagreements(followers, reactions, accounts, 3);
    expect(result.map(({index}) => accounts[index])).toEqual(["x", "b", "y"]);
    expect(result[1].difference).toBe(result[2].difference);
  });

  it("lists nothing when the rankings agree, or when top is 0", () => {
    expect(largestDisagreements([3, 1, 2], [30, 10, 20], ["a", "b", "c"])).toEqual([]);
    expect(largestDisagreements([3, 1, 2], [1, 3, 2], ["a", "b", "c"], 0)).toEqual([]);
  });

  it("throws on a length mismatch, a bad top or a NaN value, naming the module", () => {
    expect(() => largestDisagreements([1, 2], [1], ["a", "b"])).toThrow(
      "scoring/compare/disagreements: x has length 2 but y has length 1"
    );
    expect(() => largestDisagreements([1, 2], [2, 1], ["a"])).toThrow(
      "scoring/compare/disagreements: 2 and 2 values for 1 ids"
    );
    expect(() => largestDisagreements([1], [1], ["a"], -1)).toThrow(
      "scoring/compare/disagreements: top must be a non-negative integer, got -1"
    );
    expect(() => largestDisagreements([NaN], [1], ["a"])).toThrow("scoring/compare/disagreements: value 0 is NaN");
  });
});

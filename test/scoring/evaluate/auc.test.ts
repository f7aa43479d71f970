import fc from "fast-check";
import {describe, expect, it} from "vitest";
import {auc, midranks} from "../../../scoring/evaluate/auc.js";

/** The definition, pair by pair in O(n₊·n₋): P(positive > negative) + ½ P(equal). */
function aucByPairs(scores: readonly number[], positive: readonly boolean[]): number {
  let wins = 0;
  let comparisons = 0;
  scores.forEach((p, i) => {
    if (!positive[i]) return;
    scores.forEach((q, j) => {
      if (positive[j]) return;
      comparisons++;
      wins += p > q ? 1 : p === q ? 0.5 : 0;
    });
  });
  return comparisons === 0 ? NaN : wins / comparisons;
}

describe("midranks(values)", () => {
  it("ranks ascending from 1 and gives tied values the mean of their ranks", () => {
    expect([...midranks([10, 30, 20, 20])]).toEqual([1, 4, 2.5, 2.5]);
    expect([...midranks([5, 5, 5])]).toEqual([2, 2, 2]);
    expect([...midranks([-Infinity, Infinity, 0])]).toEqual([1, 3, 2]);
    expect([...midranks([])]).toEqual([]);
  });

  it("throws on NaN", () => {
    expect(() => midranks([1, NaN])).toThrow("scoring/evaluate/auc: value 1 is NaN");
  });
});

describe("auc(scores, positive)", () => {
  it("is 1 for a perfect ranking, 0 for a reversed one and ½ when all scores tie", () => {
    expect(auc([3, 2, 1], [true, false, false])).toBe(1);
    expect(auc([1, 2, 3], [true, false, false])).toBe(0);
    expect(auc([7, 7, 7, 7], [true, false, true, false])).toBe(0.5);
  });

  it("counts a tie between a positive and a negative as ½ (hand-computed)", () => {
    // Positives 0.9, 0.5; negatives 0.2, 0.5: (0.9 > 0.2) + (0.9 > 0.5) + (0.5 > 0.2) + ½ (0.5 = 0.5) = 3.5 of 4.
    expect(auc([0.9, 0.2, 0.5, 0.5], [true, false, true, false])).toBe(0.875);
    // Positives 1, 2; negatives 2, 2, 0: 1 vs (2, 2, 0) = 1; 2 vs (2, 2, 0) = ½ + ½ + 1 = 2: 3 of 6.
    expect(auc([1, 2, 2, 2, 0], [true, true, false, false, false])).toBe(0.5);
  });

  it("is NaN without positives or without negatives", () => {
    expect(auc([1, 2], [true, true])).toBeNaN();
    expect(auc([1, 2], [false, false])).toBeNaN();
    expect(auc([], [])).toBeNaN();
  });

  it("equals the pair-by-pair definition on random scores with many ties", () => {
    const items = fc.array(fc.tuple(fc.integer({min: -5, max: 5}), fc.boolean()), {maxLength: 60});
    fc.assert(
      fc.property(items, (pairs) => {
        const scores = pairs.map(([score]) => score / 2);
        const positive = pairs.map(([, label]) => label);
        const expected = aucByPairs(scores, positive);
        const actual = auc(scores, positive);
        if (Number.isNaN(expected)) expect(actual).toBeNaN();
        else expect(actual).toBeCloseTo(expected, 12);
      })
    );
  });

  it("rejects mismatched lengths and non-finite scores", () => {
    expect(() => auc([1, 2], [true])).toThrow("scoring/evaluate/auc: 2 scores but 1 labels");
    expect(() => auc([1, Infinity], [true, false])).toThrow("score 1 is Infinity, not a finite number");
    expect(() => auc([NaN, 1], [true, false])).toThrow("score 0 is NaN");
  });
});

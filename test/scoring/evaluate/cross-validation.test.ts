import {describe, expect, it} from "vitest";
import {crossValidate, kFolds} from "../../../scoring/evaluate/cross-validation.js";

describe("kFolds(n, {folds, seed})", () => {
  it("partitions the items: every index is in exactly one test set, and train is the rest", () => {
    for (const [n, folds] of [
      [10, 10],
      [23, 4],
      [100, 7],
      [2, 2]
    ] as const) {
      const result = kFolds(n, {folds, seed: 3});
      expect(result).toHaveLength(folds);
      const tested = result.flatMap((fold) => fold.test).sort((x, y) => x - y);
      expect(tested).toEqual(Array.from({length: n}, (_, i) => i));
      for (const {test, train} of result) {
        expect([...test, ...train].sort((x, y) => x - y)).toEqual(tested);
        expect(test).toEqual([...test].sort((x, y) => x - y));
        // Sizes differ by at most one: ⌊n/k⌋ or ⌈n/k⌉.
        expect(test.length).toBeGreaterThanOrEqual(Math.floor(n / folds));
        expect(test.length).toBeLessThanOrEqual(Math.ceil(n / folds));
      }
    }
  });

  it("is reproducible for a seed and differs between seeds", () => {
    expect(kFolds(50, {folds: 5, seed: 1})).toEqual(kFolds(50, {folds: 5, seed: 1}));
    expect(kFolds(50, {folds: 5, seed: 1})).not.toEqual(kFolds(50, {folds: 5, seed: 2}));
  });

  it("shuffles: the folds are not runs of consecutive indices", () => {
    const [first] = kFolds(100, {folds: 10, seed: 1});
    expect(first!.test).not.toEqual(Array.from({length: 10}, (_, i) => i));
  });

  it("defaults to 10 folds and seed 1", () => {
    expect(kFolds(30)).toEqual(kFolds(30, {folds: 10, seed: 1}));
  });

  it("rejects fold counts outside [2, n] and non-integer seeds", () => {
    expect(() => kFolds(5, {folds: 1})).toThrow("scoring/evaluate/cross-validation: folds must be an integer from 2");
    expect(() => kFolds(5, {folds: 6})).toThrow("(5), got 6");
    expect(() => kFolds(5, {folds: 2.5})).toThrow("got 2.5");
    expect(() => kFolds(5, {folds: 2, seed: 0.5})).toThrow("seed must be an integer, got 0.5");
  });
});

describe("crossValidate(n, options, evaluate)", () => {
  it("averages each metric over the folds, leaving out folds where it is NaN", () => {
    const result = crossValidate(4, {folds: 2, seed: 1}, ({test}) => ({
      size: test.length,
      first: test[0] === 0 ? NaN : 1
    }));
    expect(result).toEqual({size: 2, first: 1});
    expect(crossValidate(4, {folds: 2}, () => ({auc: NaN})).auc).toBeNaN();
  });
});

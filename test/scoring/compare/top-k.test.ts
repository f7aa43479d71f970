import {describe, expect, it} from "vitest";
import {topK, topKOverlap} from "../../../scoring/compare/top-k.js";

const ids = ["a", "b", "c", "d", "e", "f"];

describe("topK", () => {
  it("topK(values, ids, k) takes the k largest values, largest first", () => {
    const {indices, tiedAtCutoff} = topK([5, 9, 1, 7, 3, 8], ids, 3);
    expect(Array.from(indices)).toEqual([1, 5, 3]); // 9, 8, 7
    expect(tiedAtCutoff).toBe(false);
  });

  it("breaks a tie at the k-th place by account id, whatever the input order, and says so", () => {
    // 7 is the 2nd largest, shared by c, e and f: the list takes c, the smallest id.
    const values = [1, 9, 7, 2, 7, 7];
    expect(Array.from(topK(values, ids, 2).indices)).toEqual([1, 2]);
    expect(topK(values, ids, 2).tiedAtCutoff).toBe(true);
    const reversed = topK(values.slice().reverse(), ids.slice().reverse(), 2);
    expect(Array.from(reversed.indices)).toEqual([4, 3]); // b and c again
  });

  it("does not flag a tie group that fits entirely inside the list", () => {
    expect(topK([1, 9, 7, 2, 7, 7], ids, 4).tiedAtCutoff).toBe(false);
  });

  it("takes every account when k exceeds their number", () => {
    expect(Array.from(topK([2, 1], ["x", "y"], 100).indices)).toEqual([0, 1]);
  });

  it("throws on a bad k, a length mismatch or a NaN value, naming the module", () => {
    expect(() => topK([1, 2], ["a", "b"], 0)).toThrow("scoring/compare/top-k: k must be a positive integer, got 0");
    expect(() => topK([1, 2], ["a", "b"], 1.5)).toThrow("k must be a positive integer, got 1.5");
    expect(() => topK([1, 2], ["a"], 1)).toThrow("scoring/compare/top-k: 2 values but 1 ids");
    expect(() => topK([1, NaN], ["a", "b"], 1)).toThrow("scoring/compare/top-k: value 1 is NaN");
  });
});

describe("topKOverlap", () => {
  it("topKOverlap(a, b) is |A ∩ B| / k, with Jaccard |A ∩ B| / |A ∪ B|", () => {
    // A = {0, 1, 2, 3}, B = {2, 3, 4, 5}: 2 shared of k = 4, union of 6.
    expect(topKOverlap([0, 1, 2, 3], [5, 4, 3, 2])).toEqual({shared: 2, overlap: 0.5, jaccard: 2 / 6});
    expect(topKOverlap([0, 1], [1, 0])).toEqual({shared: 2, overlap: 1, jaccard: 1});
    expect(topKOverlap([0, 1], [2, 3])).toEqual({shared: 0, overlap: 0, jaccard: 0});
  });

  it("is NaN for empty lists and throws for lists of different lengths", () => {
    expect(topKOverlap([], []).overlap).toBeNaN();
    expect(() => topKOverlap([1], [1, 2])).toThrow("scoring/compare/top-k: lists of different lengths (1 and 2)");
  });
});

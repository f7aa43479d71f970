import {describe, expect, it} from "vitest";
import {compareMethods, compareScores} from "../../../scoring/compare/index.js";
import type {MethodScores, ScoreRow} from "../../../scoring/score.js";

/** Score rows of one method; compareMethods reads only account_id, method and value. */
function rowsOf(method: string, values: Record<string, number>): ScoreRow[] {
  return Object.entries(values).map(([account_id, value]) => ({account_id, method, value, score: value, rank: 0}));
}

/** One method's scores over `ids` in that order; compareScores reads the values (and rows when ids differ). */
function scoresOf(method: string, ids: readonly string[], values: Record<string, number>): MethodScores {
  const column = Float64Array.from(ids, (id) => values[id]!);
  const order = Uint32Array.from(ids.keys()).sort((a, b) => column[b]! - column[a]! || (ids[a]! < ids[b]! ? -1 : 1));
  return {method, accountIds: ids, values: column, scores: column, ranks: new Int32Array(ids.length), order};
}

// The fixture world's followers and reactions values (test/scoring/methods.test.ts).
const followers = rowsOf("followers", {a: 100, b: 10, c: 3, d: 0, x: 0, y: 1});
const reactions = rowsOf("reactions", {a: 3, b: 1, c: 1, d: 0, x: 2, y: 0});

describe("compareMethods", () => {
  it("compareMethods(rows) gives symmetric Spearman and Kendall matrices with 1 on the diagonal", () => {
    const {methods, accounts, excluded, spearman, kendall} = compareMethods([...followers, ...reactions]);
    expect(methods).toEqual(["followers", "reactions"]);
    expect([accounts, excluded]).toEqual([6, 0]);
    // Average ranks, accounts a b c d x y: followers 6 5 4 1.5 1.5 3, reactions 6 3.5 3.5 1.5 5 1.5; mean 3.5.
    // Σdxdy = 6.25 + 0 + 0 + 4 − 3 + 1 = 8.25, Σdx² = 17, Σdy² = 16.5.
    const rho = 8.25 / Math.sqrt(17 * 16.5);
    // Of 15 pairs, discordant: b–x, c–x, x–y; tied in followers: d–x; tied in reactions: b–c, d–y; the 9 others
    // concordant. τ_b = (9 − 3) / √((15 − 1)(15 − 2)).
    const tau = 6 / Math.sqrt(14 * 13);
    expect(spearman[0][0]).toBe(1);
    expect(spearman[1][1]).toBe(1);
    expect(spearman[0][1]).toBeCloseTo(rho, 14);
    expect(spearman[1][0]).toBe(spearman[0][1]);
    expect(kendall[0][0]).toBe(1);
    expect(kendall[0][1]).toBeCloseTo(tau, 14);
    expect(kendall[1][0]).toBe(kendall[0][1]);
  });

  it("measures top-k overlap with ties at the k-th place broken by account id", () => {
    // Top 3: followers a, b, c; reactions a, x, then b (b and c tie at 1; b < c). Shared a, b: 2 of 3; union 4.
    const {topK} = compareMethods([...followers, ...reactions], {k: 3});
    expect(topK.k).toBe(3);
    expect(topK.overlap).toEqual([
      [1, 2 / 3],
      [2 / 3, 1]
    ]);
    expect(topK.jaccard[0][1]).toBe(0.5);
    expect(topK.tiedAtCutoff).toEqual([false, true]);
    expect(compareMethods([...followers, ...reactions], {k: 50}).topK.k).toBe(6);
  });

  it("lists the accounts with the largest percentile differences, with both ranks", () => {
    // Percentiles (others above, ties half, over 5): followers a 0, b 0.2, c 0.4, y 0.6, d and x 0.9;
    // reactions a 0, x 0.2, b and c 0.5, d and y 0.9. Differences: x 0.7, b 0.3, y 0.3, c 0.1, a and d 0.
    const [pair] = compareMethods([...followers, ...reactions], {top: 3}).disagreements;
    expect(pair.methods).toEqual(["followers", "reactions"]);
    expect(pair.accounts.map(({account_id, ranks}) => [account_id, ...ranks])).toEqual([
      ["x", 5, 2],
      ["b", 2, 3],
      ["y", 4, 5]
    ]);
    expect(pair.accounts[0].percentiles).toEqual([0.9, 0.2]);
    expect(pair.accounts[0].difference).toBeCloseTo(0.7, 15);
  });

  it("compares only the accounts every method scored, and counts the others", () => {
    const partial = rowsOf("reach", {a: 1, b: 2, c: 3, z: 4});
    const comparison = compareMethods([...followers, ...partial]);
    expect([comparison.accounts, comparison.excluded]).toEqual([3, 4]); // a b c compared; d x y z excluded
    expect(comparison.spearman[0][1]).toBeCloseTo(-1, 15); // followers a > b > c, reach a < b < c
  });

  it("gives NaN correlations for a method that scores every account alike", () => {
    const flat = rowsOf("flat", {a: 1, b: 1, c: 1, d: 1, x: 1, y: 1});
    const {spearman, kendall} = compareMethods([...followers, ...flat]);
    expect([spearman[0][1], spearman[1][1], kendall[0][1], kendall[1][1]]).toEqual([NaN, NaN, NaN, NaN]);
  });

  it("throws on bad options, duplicate rows and NaN values, naming the module", () => {
    expect(() => compareMethods(followers, {k: 0})).toThrow("scoring/compare: k must be a positive integer, got 0");
    expect(() => compareMethods(followers, {top: 2.5})).toThrow(
      "scoring/compare: top must be a non-negative integer, got 2.5"
    );
    expect(() => compareMethods([...followers, ...rowsOf("followers", {a: 1})])).toThrow(
      "scoring/compare: account a appears twice for method followers"
    );
    expect(() => compareMethods(rowsOf("broken", {a: NaN}))).toThrow(
      "scoring/compare: method broken gives account a the value NaN"
    );
  });
});

describe("compareScores", () => {
  const values = {
    followers: {a: 100, b: 10, c: 3, d: 0, x: 0, y: 1},
    reactions: {a: 3, b: 1, c: 1, d: 0, x: 2, y: 0}
  };
  const ids = ["a", "b", "c", "d", "x", "y"];

  it("compareScores(scores) over the same accounts gives what compareMethods gives for the same values", () => {
    const scores = [scoresOf("followers", ids, values.followers), scoresOf("reactions", ids, values.reactions)];
    expect(compareScores(scores, {k: 3, top: 3})).toEqual(compareMethods([...followers, ...reactions], {k: 3, top: 3}));
  });

  it("aligns methods whose accounts differ in order or in number, as compareMethods does", () => {
    const reordered = scoresOf("reactions", [...ids].reverse(), values.reactions);
    const partial = scoresOf("reach", ["c", "a", "z", "b"], {a: 1, b: 2, c: 3, z: 4});
    const followersScores = scoresOf("followers", ids, values.followers);
    expect(compareScores([followersScores, reordered]).spearman).toEqual(
      compareMethods([...followers, ...reactions]).spearman
    );
    const comparison = compareScores([followersScores, partial]);
    expect([comparison.accounts, comparison.excluded]).toEqual([3, 4]);
    expect(comparison.spearman[0][1]).toBeCloseTo(-1, 15);
  });

  it("throws on a NaN value and on a method listed twice, naming the module", () => {
    expect(() => compareScores([scoresOf("broken", ["a", "b"], {a: 1, b: NaN})])).toThrow(
      "scoring/compare: method broken gives account b the value NaN"
    );
    const once = scoresOf("followers", ids, values.followers);
    expect(() => compareScores([once, once])).toThrow("scoring/compare: method followers is listed twice");
  });
});

import fc from "fast-check";
import {sampleRankCorrelation} from "simple-statistics";
import {describe, expect, it} from "vitest";
import {ranking, spearman} from "../../../scoring/compare/spearman.js";

/**
 * Independent reference, O(n²): each value's average rank counted directly (1 + the values below it + half
 * the other values equal to it), then Pearson's r from its textbook definition.
 */
function referenceSpearman(x: number[], y: number[]): number {
  const midranks = (v: number[]) =>
    v.map((a) => 1 + v.filter((b) => b < a).length + (v.filter((b) => b === a).length - 1) / 2);
  const rx = midranks(x);
  const ry = midranks(y);
  const mean = (v: number[]) => v.reduce((s, a) => s + a, 0) / v.length;
  const [mx, my] = [mean(rx), mean(ry)];
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < x.length; i++) {
    sxy += (rx[i] - mx) * (ry[i] - my);
    sxx += (rx[i] - mx) ** 2;
    syy += (ry[i] - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

/** Paired samples of 2–60 small integers, so that ties are frequent. */
const pairedSamples = fc
  .integer({min: 2, max: 60})
  .chain((n) =>
    fc.tuple(
      fc.array(fc.integer({min: 0, max: 6}), {minLength: n, maxLength: n}),
      fc.array(fc.integer({min: 0, max: 6}), {minLength: n, maxLength: n})
    )
  );
const seeded = {seed: 20260301, numRuns: 300};
const isConstant = (v: number[]) => v.every((a) => a === v[0]);

describe("spearman: hand-computed values", () => {
  it("spearman(x, y) without ties is 1 − 6 Σd² / (n(n² − 1))", () => {
    // Ranks x 1 2 3 4 5, y 2 1 4 3 5: d = −1 1 −1 1 0, Σd² = 4, ρ = 1 − 24 / 120 = 0.8.
    expect(spearman([1, 2, 3, 4, 5], [2, 1, 4, 3, 5])).toBeCloseTo(0.8, 15);
  });

  it("spearman(x, y) gives tied values their average rank", () => {
    // x = 1 2 2 3 4 → ranks 1 2.5 2.5 4 5; y = 2 1 2 3 3 → ranks 2.5 1 2.5 4.5 4.5; mean rank 3.
    // Deviations x: −2 −0.5 −0.5 1 2, y: −0.5 −2 −0.5 1.5 1.5.
    // Σdxdy = 1 + 1 + 0.25 + 1.5 + 3 = 6.75, Σdx² = 9.5, Σdy² = 9, ρ = 6.75 / √85.5 ≈ 0.72999639508843.
    // scipy.stats.spearmanr (1.17.1) gives 0.7299963950884315.
    expect(spearman([1, 2, 2, 3, 4], [2, 1, 2, 3, 3])).toBeCloseTo(6.75 / Math.sqrt(85.5), 14);
  });

  it("spearman(x, y) reproduces Wikipedia's IQ and television example", () => {
    // "Spearman's rank correlation coefficient", Wikipedia, worked example: Σd² = 194, ρ = −29/165 ≈ −0.1758.
    const iq = [106, 100, 86, 101, 99, 103, 97, 113, 112, 110];
    const hoursOfTv = [7, 27, 2, 50, 28, 29, 20, 12, 6, 17];
    expect(spearman(iq, hoursOfTv)).toBeCloseTo(-29 / 165, 14);
  });

  it("spearman(x, x) is 1 and spearman(x, −x) is −1, with ties", () => {
    const x = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5];
    expect(spearman(x, x)).toBe(1);
    expect(
      spearman(
        x,
        x.map((v) => -v)
      )
    ).toBe(-1);
  });
});

describe("spearman: edge cases", () => {
  it("is NaN when a variable is constant or there are fewer than two pairs", () => {
    expect(spearman([1, 2, 3], [7, 7, 7])).toBeNaN();
    expect(spearman([4, 4], [1, 2])).toBeNaN();
    expect(spearman([1], [2])).toBeNaN();
    expect(spearman([], [])).toBeNaN();
  });

  it("throws on a length mismatch or a NaN value, naming the module", () => {
    expect(() => spearman([1, 2, 3], [1, 2])).toThrow("scoring/compare/spearman: x has length 3 but y has length 2");
    expect(() => spearman([1, NaN, 3], [1, 2, 3])).toThrow("scoring/compare/spearman: value 1 is NaN");
  });

  it("accepts typed arrays and infinities, and ties −0 with 0", () => {
    expect(spearman(Float64Array.of(-Infinity, 0, Infinity), Int32Array.of(1, 2, 3))).toBe(1);
    expect(Array.from(ranking([0, -0, 1]).group)).toEqual([0, 0, 1]);
  });
});

describe("spearman: properties (fast-check, seeded)", () => {
  it("agrees with the O(n²) reference on random data with ties", () => {
    fc.assert(
      fc.property(pairedSamples, ([x, y]) => {
        if (isConstant(x) || isConstant(y)) expect(spearman(x, y)).toBeNaN();
        else expect(spearman(x, y)).toBeCloseTo(referenceSpearman(x, y), 12);
      }),
      seeded
    );
  });

  it("agrees with simple-statistics' sampleRankCorrelation, which also uses average ranks for ties", () => {
    // simple-statistics 7.12.1, src/sample_rank_correlation.js: midranks, then sampleCorrelation.
    fc.assert(
      fc.property(pairedSamples, ([x, y]) => {
        if (!isConstant(x) && !isConstant(y)) expect(spearman(x, y)).toBeCloseTo(sampleRankCorrelation(x, y), 12);
      }),
      seeded
    );
  });

  it("is symmetric and unchanged by strictly increasing transforms of either variable", () => {
    fc.assert(
      fc.property(pairedSamples, ([x, y]) => {
        const rho = spearman(x, y);
        expect(spearman(y, x)).toBe(rho);
        expect(
          spearman(
            x.map((v) => Math.exp(v) - 3),
            y.map((v) => v ** 3 + 0.5)
          )
        ).toBe(rho);
      }),
      seeded
    );
  });
});

import fc from "fast-check";
import {describe, expect, it} from "vitest";
import {kendallTauB} from "../../../scoring/compare/kendall.js";

/**
 * Independent reference, O(n²): every pair classified from its definition (Kendall 1945). A pair tied in x
 * or in y counts in neither C nor D; τ_b = (C − D) / √((n₀ − n₁)(n₀ − n₂)).
 */
function referenceTauB(x: ArrayLike<number>, y: ArrayLike<number>): number {
  let concordant = 0;
  let discordant = 0;
  let tiedX = 0;
  let tiedY = 0;
  const n = x.length;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const sign = Math.sign(x[i] - x[j]) * Math.sign(y[i] - y[j]);
      if (x[i] === x[j]) tiedX++;
      if (y[i] === y[j]) tiedY++;
      if (sign > 0) concordant++;
      else if (sign < 0) discordant++;
    }
  }
  const pairs = (n * (n - 1)) / 2;
  return (concordant - discordant) / Math.sqrt((pairs - tiedX) * (pairs - tiedY));
}

/** Paired samples of 2–60 small integers, so that ties (in x, in y and in both) are frequent. */
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

describe("kendallTauB: hand-computed values", () => {
  it("kendallTauB(x, y) without ties is (C − D) / n₀", () => {
    // x 1 2 3 4 5, y 2 1 4 3 5: of the 10 pairs only (1st, 2nd) and (3rd, 4th) are discordant. τ = (8 − 2) / 10.
    expect(kendallTauB([1, 2, 3, 4, 5], [2, 1, 4, 3, 5])).toBeCloseTo(0.6, 15);
  });

  it("kendallTauB(x, y) leaves pairs tied in x or y out of C and D and corrects the denominator", () => {
    // x = 1 2 2 3 4, y = 2 1 2 3 3; pairs (i, j), 1-based:
    //   (1,2) D; (1,3) tied y; (1,4) C; (1,5) C; (2,3) tied x; (2,4) C; (2,5) C; (3,4) C; (3,5) C; (4,5) tied y.
    // C = 6, D = 1; n₀ = 10, n₁ = 1 (x: one pair of 2s), n₂ = 2 (y: two 2s, two 3s). τ_b = 5 / √(9 · 8).
    // scipy.stats.kendalltau(variant="b") (1.17.1) gives 0.5892556509887896.
    expect(kendallTauB([1, 2, 2, 3, 4], [2, 1, 2, 3, 3])).toBeCloseTo(5 / Math.sqrt(72), 15);
  });

  it("kendallTauB(x, y) counts a pair tied in both variables in n₁ and n₂", () => {
    // x = 1 1 2 3, y = 1 1 2 2: (1,2) tied in both; (3,4) tied y; the other 4 pairs concordant.
    // n₀ = 6, n₁ = 1, n₂ = 2 (two 1s, two 2s). τ_b = 4 / √(5 · 4) ≈ 0.894427190999916.
    expect(kendallTauB([1, 1, 2, 3], [1, 1, 2, 2])).toBeCloseTo(4 / Math.sqrt(20), 15);
  });

  it("kendallTauB(x, y) reproduces the IQ and television example", () => {
    // Wikipedia's Spearman example data; counting the 45 pairs gives C = 20, D = 25, no ties: τ = −5/45.
    // scipy.stats.kendalltau (1.17.1) gives −0.1111111111111111.
    const iq = [106, 100, 86, 101, 99, 103, 97, 113, 112, 110];
    const hoursOfTv = [7, 27, 2, 50, 28, 29, 20, 12, 6, 17];
    expect(kendallTauB(iq, hoursOfTv)).toBeCloseTo(-1 / 9, 15);
  });

  it("kendallTauB(x, x) is 1 and kendallTauB(x, −x) is −1, with ties", () => {
    const x = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5];
    expect(kendallTauB(x, x)).toBe(1);
    expect(
      kendallTauB(
        x,
        x.map((v) => -v)
      )
    ).toBe(-1);
  });
});

describe("kendallTauB: edge cases", () => {
  it("is NaN when a variable is constant or there are fewer than two pairs", () => {
    expect(kendallTauB([1, 2, 3], [7, 7, 7])).toBeNaN();
    expect(kendallTauB([4, 4], [1, 2])).toBeNaN();
    expect(kendallTauB([1], [2])).toBeNaN();
    expect(kendallTauB([], [])).toBeNaN();
  });

  it("throws on a length mismatch or a NaN value, naming the module", () => {
    expect(() => kendallTauB([1, 2, 3], [1, 2])).toThrow("scoring/compare/kendall: x has length 3 but y has length 2");
    expect(() => kendallTauB([1, 2, 3], [1, 2, NaN])).toThrow("scoring/compare/kendall: value 2 is NaN");
  });

  it("accepts typed arrays and infinities", () => {
    expect(kendallTauB(Float64Array.of(-Infinity, 0, Infinity), Int32Array.of(3, 2, 1))).toBe(-1);
  });
});

describe("kendallTauB: properties (fast-check, seeded)", () => {
  it("agrees with the O(n²) reference on random data with ties", () => {
    fc.assert(
      fc.property(pairedSamples, ([x, y]) => {
        if (isConstant(x) || isConstant(y)) expect(kendallTauB(x, y)).toBeNaN();
        else expect(kendallTauB(x, y)).toBeCloseTo(referenceTauB(x, y), 12);
      }),
      seeded
    );
  });

  it("agrees with the reference on seeded samples of 3,001–5,000 pairs with few and with many distinct values", () => {
    // Lengths that are not powers of two exercise the ragged last runs of the bottom-up merge sort.
    for (const [n, distinct] of [
      [5_000, 3],
      [4_999, 50],
      [3_001, 1_000_000]
    ]) {
      const [x, y] = fc.sample(
        fc.tuple(
          fc.array(fc.integer({min: 0, max: distinct - 1}), {minLength: n, maxLength: n}),
          fc.array(fc.integer({min: 0, max: distinct - 1}), {minLength: n, maxLength: n})
        ),
        {seed: n, numRuns: 1}
      )[0];
      expect(kendallTauB(x, y)).toBeCloseTo(referenceTauB(x, y), 12);
    }
  });

  it("is symmetric and unchanged by strictly increasing transforms of either variable", () => {
    fc.assert(
      fc.property(pairedSamples, ([x, y]) => {
        const tau = kendallTauB(x, y);
        expect(kendallTauB(y, x)).toBe(tau);
        expect(
          kendallTauB(
            x.map((v) => Math.exp(v) - 3),
            y.map((v) => v ** 3 + 0.5)
          )
        ).toBe(tau);
      }),
      seeded
    );
  });
});

/** The generator's draws against the moments of their distributions (values from the textbook formulas). */
import {describe, expect, it} from "vitest";
import {aliasTable, exponential, logNormal, pickWeighted, poisson, shuffle, stream} from "../../simulation/sampling.js";

const N = 200_000;
const mean = (draw: () => number) => {
  let sum = 0;
  for (let i = 0; i < N; i++) sum += draw();
  return sum / N;
};

describe("sampling", () => {
  it("draws the same sequence from the same seed and stream, another from another", () => {
    const a = stream(7, 1);
    const b = stream(7, 1);
    const c = stream(7, 2);
    const first = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(first);
    expect([c(), c(), c()]).not.toEqual(first);
  });

  it("Poisson draws have mean λ, for small and large λ", () => {
    const random = stream(1, 1);
    expect(mean(() => poisson(random, 3))).toBeCloseTo(3, 1);
    expect(mean(() => poisson(random, 80))).toBeCloseTo(80, 0);
    expect(poisson(random, 0)).toBe(0);
  });

  it("log-normal draws have mean median·e^(σ²/2) and exponential draws their mean", () => {
    const random = stream(2, 1);
    // median 1, σ 0.5: mean e^0.125 = 1.1331
    expect(mean(() => logNormal(random, 1, 0.5))).toBeCloseTo(1.1331, 1);
    expect(mean(() => exponential(random, 90))).toBeCloseTo(90, -0.5);
  });

  it("weighted picks follow the weights", () => {
    const random = stream(3, 1);
    const table = aliasTable([1, 0, 3]);
    const counts = [0, 0, 0];
    for (let i = 0; i < N; i++) counts[pickWeighted(random, table)]!++;
    expect(counts[1]).toBe(0);
    expect(counts[2]! / N).toBeCloseTo(0.75, 2);
  });

  it("weighted picks over many uneven weights stay within sampling error of each weight's share", () => {
    // Weights 0, 1, …, 99 and zeros every tenth index: index i has probability w_i / Σw, Σw = 4500.
    const weights = Array.from({length: 100}, (_, i) => (i % 10 === 0 ? 0 : i));
    const total = weights.reduce((sum, w) => sum + w, 0);
    expect(total).toBe(4500);
    const random = stream(5, 1);
    const table = aliasTable(weights);
    const counts = new Array<number>(100).fill(0);
    for (let i = 0; i < N; i++) counts[pickWeighted(random, table)]!++;
    for (let i = 0; i < 100; i++) {
      const p = weights[i]! / total;
      if (p === 0) expect(counts[i]).toBe(0);
      // Five standard errors of a binomial count.
      else expect(Math.abs(counts[i]! - N * p)).toBeLessThan(5 * Math.sqrt(N * p * (1 - p)));
    }
  });

  it("shuffles into a permutation", () => {
    const items = shuffle(
      stream(4, 1),
      Int32Array.from({length: 100}, (_, i) => i)
    );
    expect([...items].sort((a, b) => a - b)).toEqual(Array.from({length: 100}, (_, i) => i));
    expect([...items]).not.toEqual(Array.from({length: 100}, (_, i) => i));
  });
});

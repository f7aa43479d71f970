import fc from "fast-check";
import {describe, expect, it} from "vitest";
import {buildCsr} from "../../../scoring/graph/csr.js";
import {
  expectedSpread,
  independentCascade,
  linearThreshold,
  ltWeights,
  sampleLiveEdges,
  singleSeedSpread,
  singleSeedSpreadSteps,
  type CascadeModel
} from "../../../simulation/cascade/index.js";
import {runInSlices} from "../../../scoring/slices.js";
import {LiveEdgeWalker} from "../../../simulation/cascade/live-edge.js";
import {exactIcSpread, type Edge} from "./exact.js";

function icModel(nodeCount: number, edges: readonly Edge[]): CascadeModel {
  return independentCascade(
    buildCsr(
      nodeCount,
      edges.map((e) => e[0]),
      edges.map((e) => e[1]),
      edges.map((e) => e[2])
    )
  );
}

// Monte Carlo means land within 4.5 standard errors of the truth except with probability below 1e-5; the
// seeds are fixed, so a pass is reproducible, and a kernel off by more than that fails.
const tolerance = (variance: number, runs: number) => 4.5 * Math.sqrt(variance / runs) + 1e-12;

const GRAPHS: {name: string; nodeCount: number; edges: Edge[]; seeds: number[][]}[] = [
  {
    name: "a chain of three",
    nodeCount: 3,
    edges: [
      [0, 1, 0.5],
      [1, 2, 0.5]
    ],
    seeds: [[0], [1], [2]]
  },
  {
    name: "a five-node graph with a cycle and two paths into node 3",
    nodeCount: 5,
    edges: [
      [0, 1, 0.6],
      [0, 2, 0.3],
      [1, 3, 0.5],
      [2, 3, 0.9],
      [2, 1, 0.2],
      [3, 0, 0.4],
      [3, 4, 0.7]
    ],
    seeds: [[0], [2], [4], [1, 2], [0, 4]]
  },
  {
    name: "six nodes, two components, certain and impossible edges",
    nodeCount: 6,
    edges: [
      [0, 1, 1],
      [1, 2, 0.25],
      [0, 2, 0.75],
      [3, 4, 0],
      [4, 5, 0.5],
      [5, 3, 0.5]
    ],
    seeds: [[0], [3], [4], [0, 5]]
  }
];

describe("expectedSpread (independent cascade)", () => {
  for (const {name, nodeCount, edges, seeds} of GRAPHS) {
    it(`matches the exact expectation over all 2^m live-edge graphs on ${name}`, () => {
      const model = icModel(nodeCount, edges);
      const runs = 40_000;
      for (const set of seeds) {
        const exact = exactIcSpread(nodeCount, edges, set);
        const estimate = expectedSpread(model, set, {runs, seed: 7});
        expect(Math.abs(estimate.mean - exact.mean)).toBeLessThanOrEqual(tolerance(exact.variance, runs));
        // The reported standard error estimates √(Var / runs).
        expect(estimate.standardError).toBeCloseTo(Math.sqrt(exact.variance / runs), 3);
        expect(estimate.low).toBeLessThanOrEqual(estimate.mean);
        expect(estimate.high).toBeGreaterThanOrEqual(estimate.mean);
      }
    });
  }

  it("counts a seed listed twice once", () => {
    const model = icModel(2, [[0, 1, 1]]);
    expect(expectedSpread(model, [0, 0], {runs: 3}).mean).toBe(2);
  });
});

describe("singleSeedSpread (live-edge samples)", () => {
  for (const {name, nodeCount, edges} of GRAPHS) {
    it(`gives every node its exact single-seed expectation on ${name}`, () => {
      const runs = 40_000;
      const spread = singleSeedSpread(icModel(nodeCount, edges), {runs, seed: 3});
      for (let node = 0; node < nodeCount; node++) {
        const exact = exactIcSpread(nodeCount, edges, [node]);
        expect(Math.abs(spread[node] - exact.mean)).toBeLessThanOrEqual(tolerance(exact.variance, runs));
      }
    });
  }
});

describe("singleSeedSpreadSteps (the same, in steps)", () => {
  it("steps once per sample, and in slices gives what singleSeedSpread gives", async () => {
    const {nodeCount, edges} = GRAPHS[0]!;
    const model = icModel(nodeCount, edges);
    const steps = singleSeedSpreadSteps(model, {runs: 7, seed: 4});
    let yielded = 0;
    for (let step = steps.next(); !step.done; step = steps.next()) yielded++;
    expect(yielded).toBe(7);
    const sliced = await runInSlices(singleSeedSpreadSteps(model, {runs: 300, seed: 4}), 0);
    expect(Array.from(sliced)).toEqual(Array.from(singleSeedSpread(model, {runs: 300, seed: 4})));
  });
});

/**
 * LT on four nodes: 0 → 2 (b 0.4), 1 → 2 (0.5), 2 → 3 (0.7), 1 → 3 (0.2); θ uniform, a node activates when the
 * weights of its active in-neighbours reach θ, so P(activation) = that sum. Node 0 and 1 have no in-edges.
 *   seeds {0}: P(2) = 0.4; P(3) = P(2) · 0.7 = 0.28; σ = 1 + 0.4 + 0.28 = 1.68.
 *   seeds {1}: P(2) = 0.5; 3 sees 0.7 + 0.2 = 0.9 if 2 is active, 0.2 if not: 0.5 · 0.9 + 0.5 · 0.2 = 0.55;
 *     σ = 1 + 0.5 + 0.55 = 2.05.
 *   seeds {0, 1}: P(2) = 0.9; P(3) = 0.9 · 0.9 + 0.1 · 0.2 = 0.83; σ = 2 + 0.9 + 0.83 = 3.73.
 *   seeds {2}: P(3) = 0.7; σ = 1.7.   seeds {3}: σ = 1.
 * The spread lies in [1, 4], so its variance is at most (4 − 1)² / 4 = 2.25.
 */
describe("linear threshold", () => {
  const model = linearThreshold(buildCsr(4, [0, 1, 2, 1], [2, 2, 3, 3], [0.4, 0.5, 0.7, 0.2]));
  const runs = 40_000;

  it("expectedSpread matches the activation probabilities computed by hand", () => {
    const cases: [number[], number][] = [
      [[0], 1.68],
      [[1], 2.05],
      [[0, 1], 3.73],
      [[2], 1.7],
      [[3], 1]
    ];
    for (const [seeds, exact] of cases) {
      expect(Math.abs(expectedSpread(model, seeds, {runs, seed: 11}).mean - exact)).toBeLessThan(tolerance(2.25, runs));
    }
  });

  it("singleSeedSpread over live-edge samples matches them too", () => {
    const spread = singleSeedSpread(model, {runs, seed: 5});
    [1.68, 2.05, 1.7, 1].forEach((exact, node) => {
      expect(Math.abs(spread[node] - exact)).toBeLessThan(tolerance(2.25, runs));
    });
  });
});

/**
 * LT with a cycle: 0 → 1 (b 1), 1 → 0 (b 0.5), 2 → 0 (b 0.5).
 *   seeds {0}: 1 has weight 1 from 0, so it activates for certain; 2 has no in-edges: σ = 2.
 *   seeds {1}: 0 sees 0.5, activates half of the time: σ = 1.5.
 *   seeds {2}: 0 activates half of the time, and 1 with it: σ = 1 + 0.5 · 2 = 2.
 */
describe("linear threshold with a cycle", () => {
  const model = linearThreshold(buildCsr(3, [0, 1, 2], [1, 0, 0], [1, 0.5, 0.5]));
  const runs = 40_000;

  it("gives the hand-computed spreads by simulation and from live-edge samples", () => {
    const spread = singleSeedSpread(model, {runs, seed: 2});
    [2, 1.5, 2].forEach((exact, node) => {
      // The spread lies in [1, 3]: variance at most 1.
      expect(Math.abs(expectedSpread(model, [node], {runs, seed: 4}).mean - exact)).toBeLessThan(tolerance(1, runs));
      expect(Math.abs(spread[node] - exact)).toBeLessThan(tolerance(1, runs));
    });
  });
});

describe("singleSeedSpread under LT", () => {
  it("equals the mean reach of walks from every node over the same live-edge samples", () => {
    fc.assert(
      fc.property(
        fc.integer({min: 1, max: 10}).chain((nodeCount) =>
          fc.record({
            nodeCount: fc.constant(nodeCount),
            edges: fc.uniqueArray(
              fc.tuple(
                fc.integer({min: 0, max: nodeCount - 1}),
                fc.integer({min: 0, max: nodeCount - 1}),
                fc.integer({min: 1, max: 3})
              ),
              {maxLength: 25, selector: ([from, to]) => `${from} ${to}`}
            ),
            seed: fc.integer()
          })
        ),
        ({nodeCount, edges, seed}) => {
          const counts = buildCsr(
            nodeCount,
            edges.map((e) => e[0]),
            edges.map((e) => e[1]),
            edges.map((e) => e[2])
          );
          const model = linearThreshold(ltWeights(counts));
          const runs = 7;
          const samples = sampleLiveEdges(model, {runs, seed});
          const walker = new LiveEdgeWalker(model.graph);
          const expected = Array.from({length: nodeCount}, (_, node) => {
            let sum = 0;
            for (let r = 0; r < runs; r++)
              sum += walker.reach(samples.edges, samples.start[r], samples.start[r + 1], node);
            return sum / runs;
          });
          expect(Array.from(singleSeedSpread(model, {runs, seed}))).toEqual(expected);
        }
      ),
      {numRuns: 300, seed: 20261125}
    );
  });
});

describe("determinism", () => {
  const model = icModel(5, GRAPHS[1].edges);
  const lt = linearThreshold(buildCsr(4, [0, 1, 2, 1], [2, 2, 3, 3], [0.4, 0.5, 0.7, 0.2]));

  it("gives the same spread for the same seed", () => {
    expect(expectedSpread(model, [0], {runs: 500, seed: 42})).toEqual(
      expectedSpread(model, [0], {runs: 500, seed: 42})
    );
    expect(expectedSpread(lt, [1], {runs: 500, seed: 42})).toEqual(expectedSpread(lt, [1], {runs: 500, seed: 42}));
    expect(singleSeedSpread(model, {runs: 500, seed: 42})).toEqual(singleSeedSpread(model, {runs: 500, seed: 42}));
  });

  it("gives different spreads for different seeds", () => {
    expect(expectedSpread(model, [0], {runs: 500, seed: 1}).mean).not.toBe(
      expectedSpread(model, [0], {runs: 500, seed: 2}).mean
    );
    expect(expectedSpread(lt, [1], {runs: 500, seed: 1}).mean).not.toBe(
      expectedSpread(lt, [1], {runs: 500, seed: 2}).mean
    );
    expect(singleSeedSpread(model, {runs: 500, seed: 1})).not.toEqual(singleSeedSpread(model, {runs: 500, seed: 2}));
  });
});

describe("bad input", () => {
  it("refuses probabilities outside [0, 1] and LT weights entering a node that sum above 1", () => {
    expect(() => independentCascade(buildCsr(2, [0], [1], [1.5]))).toThrow(
      "simulation/cascade/model: edge 0 → 1 has probability 1.5, outside [0, 1]"
    );
    expect(() => linearThreshold(buildCsr(3, [0, 1], [2, 2], [0.6, 0.5]))).toThrow(
      "simulation/cascade/model: the weights entering node 2 sum to 1.1, more than 1"
    );
  });

  it("refuses a seed that is not a node and a run count that is not a positive integer", () => {
    const model = icModel(2, [[0, 1, 0.5]]);
    expect(() => expectedSpread(model, [2])).toThrow(
      "simulation/cascade/spread: seed 2 is not a node (the graph has 2)"
    );
    expect(() => expectedSpread(model, [0], {runs: 0})).toThrow(
      "simulation/cascade/spread: runs must be a positive integer, got 0"
    );
    expect(() => singleSeedSpread(model, {runs: 2.5})).toThrow(
      "simulation/cascade/live-edge: runs must be a positive integer, got 2.5"
    );
  });
});

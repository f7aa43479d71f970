import fc from "fast-check";
import {describe, expect, it} from "vitest";
import {buildCsr} from "../../../scoring/graph/csr.js";
import {
  celfSeeds,
  greedySeeds,
  independentCascade,
  linearThreshold,
  ltWeights,
  sampleLiveEdges,
  singleSeedSpread
} from "../../../simulation/cascade/index.js";

describe("greedySeeds and celfSeeds", () => {
  /**
   * With every probability 1 the live-edge graph is the graph itself, so gains are reach sizes: 0 reaches
   * {0, 1, 2, 3} (4), 5 reaches {5, 6, 3} (3), 4 reaches {4} (1). Greedy takes 0 (gain 4), then 5, whose 3 is
   * already covered (gain 2), then 4 (gain 1): spreads 4, 6, 7.
   */
  const certain = independentCascade(buildCsr(7, [0, 0, 1, 5, 5], [1, 2, 3, 6, 3], [1, 1, 1, 1, 1]));

  it("choose by marginal gain, not by spread alone, on a graph with certain edges", () => {
    const samples = sampleLiveEdges(certain, {runs: 3, seed: 1});
    const expected = [
      {node: 0, gain: 4, spread: 4},
      {node: 5, gain: 2, spread: 6},
      {node: 4, gain: 1, spread: 7}
    ];
    expect(greedySeeds(samples, 3)).toEqual(expected);
    expect(celfSeeds(samples, 3)).toEqual(expected);
  });

  it("stop at the number of nodes", () => {
    const samples = sampleLiveEdges(certain, {runs: 1, seed: 1});
    expect(celfSeeds(samples, 50).map((choice) => choice.node)).toEqual([0, 5, 4, 1, 2, 3, 6]);
    expect(celfSeeds(samples, 50).at(-1)!.spread).toBe(7);
  });

  it("refuse a k that is not a positive integer", () => {
    const samples = sampleLiveEdges(certain, {runs: 1});
    expect(() => celfSeeds(samples, 0)).toThrow("simulation/cascade/greedy: k must be a positive integer, got 0");
  });

  it("CELF's first gain is the single-seed spread of the same samples", () => {
    const model = independentCascade(buildCsr(4, [0, 0, 1, 2], [1, 2, 3, 3], [0.5, 0.4, 0.3, 0.9]));
    const spread = singleSeedSpread(model, {runs: 300, seed: 9});
    const [first] = celfSeeds(sampleLiveEdges(model, {runs: 300, seed: 9}), 1);
    expect(first.gain).toBe(Math.max(...spread));
    expect(first.node).toBe(spread.indexOf(Math.max(...spread)));
  });

  /** Random graphs of up to 12 nodes and 30 edges, IC probabilities from a small set so gains often tie. */
  const graphs = fc.integer({min: 1, max: 12}).chain((nodeCount) =>
    fc.record({
      nodeCount: fc.constant(nodeCount),
      edges: fc.uniqueArray(
        fc.tuple(
          fc.integer({min: 0, max: nodeCount - 1}),
          fc.integer({min: 0, max: nodeCount - 1}),
          fc.constantFrom(0, 0.1, 0.5, 0.9, 1)
        ),
        {maxLength: 30, selector: ([from, to]) => `${from} ${to}`}
      ),
      k: fc.integer({min: 1, max: 6}),
      runs: fc.integer({min: 1, max: 20}),
      seed: fc.integer(),
      lt: fc.boolean()
    })
  );

  it("CELF picks the same seeds with the same gains as plain greedy on the same live-edge samples", () => {
    fc.assert(
      fc.property(graphs, ({nodeCount, edges, k, runs, seed, lt}) => {
        const graph = buildCsr(
          nodeCount,
          edges.map((e) => e[0]),
          edges.map((e) => e[1]),
          edges.map((e) => e[2])
        );
        const model = lt ? linearThreshold(ltWeights(graph)) : independentCascade(graph);
        const samples = sampleLiveEdges(model, {runs, seed});
        expect(celfSeeds(samples, k)).toEqual(greedySeeds(samples, k));
      }),
      {numRuns: 300, seed: 20261125}
    );
  });
});

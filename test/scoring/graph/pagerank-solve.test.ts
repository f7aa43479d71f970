import {describe, it, expect} from "vitest";
import fc from "fast-check";
import {buildCsr, type Csr} from "../../../scoring/graph/csr.js";
import {pagerank, type PagerankOptions} from "../../../scoring/graph/pagerank.js";
import {mulberry32} from "../../../scoring/random.js";

/** The power method, iterated far past the default tolerance: the reference the solver is held to. */
function reference(graph: Csr, options: PagerankOptions = {}): Float64Array {
  const result = pagerank(graph, {...options, method: "power", tolerance: 1e-15, maxIterations: 100_000});
  return result.scores;
}

function l1(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < a.length; i++) total += Math.abs(a[i] - b[i]);
  return total;
}

function solved(graph: Csr, options: PagerankOptions = {}) {
  const result = pagerank(graph, {...options, method: "solve"});
  expect(result.converged).toBe(true);
  return result;
}

/**
 * Graphs with what the solver treats apart: acyclic parts, cycles small (solved exactly) and large (swept),
 * self-loops, dangling nodes, zero-weight edges (also closing cycles that carry nothing), parallel edges.
 */
const graphs = fc
  .record({
    n: fc.integer({min: 1, max: 150}),
    density: fc.double({min: 0, max: 4, noNaN: true}),
    acyclicShare: fc.double({min: 0, max: 1, noNaN: true}),
    zeroShare: fc.double({min: 0, max: 0.3, noNaN: true}),
    seed: fc.nat()
  })
  .map(({n, density, acyclicShare, zeroShare, seed}) => {
    const random = mulberry32(seed);
    const sources: number[] = [];
    const targets: number[] = [];
    const weights: number[] = [];
    const m = Math.round(density * n);
    for (let e = 0; e < m; e++) {
      let s = Math.floor(random() * n);
      let t = Math.floor(random() * n);
      // Part of the edges point only from lower to higher nodes, which leaves acyclic stretches.
      if (random() < acyclicShare && s > t) [s, t] = [t, s];
      sources.push(s);
      targets.push(t);
      weights.push(random() < zeroShare ? 0 : random() < 0.5 ? 1 : 0.01 + random() * 10);
    }
    return buildCsr(n, sources, targets, weights);
  });

const personalizations = (n: number) =>
  fc.array(fc.oneof(fc.constant(0), fc.double({min: 0.01, max: 5, noNaN: true})), {minLength: n, maxLength: n});

describe("pagerank by components (method: solve)", () => {
  it("solves the hand-computed 2-cycle with a self-loop exactly, in one step", () => {
    // 0 → 1 (weight 1), 1 → 0 and 1 → 1 (weight 1 each), d = 1/2, uniform p = (1/2, 1/2):
    // y0 = 1/2 + 1/2 · 1/2 · y1 and (1 − 1/2 · 1/2) · y1 = 1/2 + 1/2 · y0, so 5/8 · y1 = 3/4: y1 = 6/5,
    // y0 = 4/5, and the scores are y / 2 = (2/5, 3/5).
    const graph = buildCsr(2, [0, 1, 1], [1, 0, 1]);
    const result = solved(graph, {damping: 0.5});
    expect(result.iterations).toBe(1);
    expect(result.scores[0]).toBeCloseTo(2 / 5, 15);
    expect(result.scores[1]).toBeCloseTo(3 / 5, 15);
  });

  it("solves an acyclic graph in one pass: a path of 100,000 nodes to 1e-12 of the closed form", () => {
    // On the path 0 → 1 → … → n−1 with uniform p, y[k] = Σ_{i ≤ k} d^(k − i) / n = (1 − d^(k+1)) / ((1 − d)·n).
    const n = 100_000;
    const from = Array.from({length: n - 1}, (_, i) => i);
    const graph = buildCsr(
      n,
      from,
      from.map((i) => i + 1)
    );
    const result = solved(graph);
    expect(result.iterations).toBe(1);
    const d = 0.85;
    const y = Array.from({length: n}, (_, k) => (1 - d ** (k + 1)) / ((1 - d) * n));
    const total = y.reduce((a, b) => a + b, 0);
    expect(
      l1(
        result.scores,
        y.map((v) => v / total)
      )
    ).toBeLessThan(1e-12);
  });

  it("sweeps a cycle longer than the exact-solve limit to the uniform vector", () => {
    const n = 100;
    const from = Array.from({length: n}, (_, i) => i);
    const result = solved(
      buildCsr(
        n,
        from,
        from.map((i) => (i + 1) % n)
      )
    );
    expect(result.iterations).toBeGreaterThan(1);
    expect(l1(result.scores, new Float64Array(n).fill(1 / n))).toBeLessThan(1e-12);
  });

  it("agrees with the power method to 1e-9 (L1) on graphs with cycles of every size, dangling nodes and zero weights", () => {
    fc.assert(
      fc.property(graphs, fc.double({min: 0, max: 0.95, noNaN: true}), (graph, damping) => {
        expect(l1(solved(graph, {damping}).scores, reference(graph, {damping}))).toBeLessThan(1e-9);
      }),
      {seed: 2026, numRuns: 300}
    );
  });

  it("treats a node whose only edge is a self-loop of weight 0 as dangling, as the power method does", () => {
    // 0 → 1, 1 → 1 (weight 0), 2 → 0: node 1 has no out-weight, so its rank is spread like any dangling node's.
    const graph = buildCsr(3, [0, 1, 2], [1, 1, 0], [1, 0, 1]);
    const scores = solved(graph).scores;
    for (const score of scores) expect(Number.isFinite(score)).toBe(true);
    expect(l1(scores, reference(graph))).toBeLessThan(1e-9);
  });

  it("agrees with the power method with a personalization vector, zeros included", () => {
    const withSeeds = graphs.chain((graph) =>
      fc.record({
        graph: fc.constant(graph),
        personalization: personalizations(graph.nodeCount).filter((p) => p.some((v) => v > 0))
      })
    );
    fc.assert(
      fc.property(withSeeds, ({graph, personalization}) => {
        const {scores} = solved(graph, {personalization});
        for (const score of scores) expect(score).toBeGreaterThanOrEqual(0);
        expect(l1(scores, reference(graph, {personalization}))).toBeLessThan(1e-9);
      }),
      {seed: 11, numRuns: 200}
    );
  });

  it("keeps its promise: within `tolerance` (L1) of the exact PageRank at loose tolerances", () => {
    fc.assert(
      fc.property(
        graphs,
        fc.constantFrom(1e-3, 1e-5, 1e-7),
        fc.double({min: 0.5, max: 0.95}),
        (graph, tolerance, damping) => {
          const {scores} = solved(graph, {tolerance, damping});
          expect(l1(scores, reference(graph, {damping}))).toBeLessThanOrEqual(tolerance);
        }
      ),
      {seed: 3, numRuns: 300}
    );
  });

  it("solves a dense hub core (the Higgs pattern) and a 2,000-node random graph like the power method", () => {
    const random = mulberry32(17);
    const n = 2_000;
    const sources: number[] = [];
    const targets: number[] = [];
    const weights: number[] = [];
    for (let e = 0; e < 8_000; e++) {
      sources.push(Math.floor(random() * n));
      targets.push(Math.floor(random() ** 3 * n));
      weights.push(1);
    }
    // Ten hubs retweeting each other heavily: a slowly mixing core inside the large component.
    for (let a = 0; a < 10; a++) {
      for (let b = 0; b < 10; b++) {
        if (a === b) continue;
        sources.push(a);
        targets.push(b);
        weights.push(20);
      }
    }
    const graph = buildCsr(n, sources, targets, weights);
    const result = solved(graph);
    expect(l1(result.scores, reference(graph))).toBeLessThan(1e-10);
    expect(result.iterations).toBeLessThan(pagerank(graph, {method: "power"}).iterations);
  });

  it("reports a component that ran out of sweeps as not converged, with the cap as its iterations", () => {
    const n = 100;
    const from = Array.from({length: n}, (_, i) => i);
    const result = pagerank(buildCsr(n, [...from, 0], [...from.map((i) => (i + 1) % n), 50]), {maxIterations: 3});
    expect(result).toMatchObject({iterations: 3, converged: false});
    expect(result.scores.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 14);
  });

  it("rejects an unknown method", () => {
    expect(() => pagerank(buildCsr(1, [], []), {method: "jacobi" as "solve"})).toThrow(
      'scoring/graph/pagerank: method must be "solve" or "power", got jacobi'
    );
  });
});

import {describe, it, expect} from "vitest";
import fc from "fast-check";
import {DirectedGraph} from "graphology";
import graphologyPagerankModule from "graphology-metrics/centrality/pagerank.js";
import {buildCsr} from "../../../scoring/graph/csr.js";
import {pagerank, PAGERANK_DEFAULTS} from "../../../scoring/graph/pagerank.js";
import {mulberry32} from "../../../scoring/random.js";

// graphology-metrics is CommonJS (`module.exports = pagerank`) while its .d.ts declares `export default`. Under
// NodeNext the default import is `module.exports`, the function itself, which TypeScript types as the module object.
const graphologyPagerank = graphologyPagerankModule as unknown as typeof graphologyPagerankModule.default;

interface EdgeList {
  n: number;
  sources: number[];
  targets: number[];
  weights: number[];
}

/**
 * A seeded random directed multigraph: the first `danglingCount` nodes get no out-edges, every other node gets
 * at least one; `selfLoops` extra self-loops are added; weights are uniform in [0.1, 5), or 1 when unweighted.
 */
function randomGraph(
  seed: number,
  n: number,
  m: number,
  {danglingCount = 0, selfLoops = 0, weighted = true} = {}
): EdgeList {
  const random = mulberry32(seed);
  const sources: number[] = [];
  const targets: number[] = [];
  const weights: number[] = [];
  const weight = () => (weighted ? 0.1 + random() * 4.9 : 1);
  const pickSource = () => danglingCount + Math.floor(random() * (n - danglingCount));
  for (let s = danglingCount; s < n; s++) {
    sources.push(s);
    targets.push(Math.floor(random() * n));
    weights.push(weight());
  }
  while (sources.length < m) {
    sources.push(pickSource());
    targets.push(Math.floor(random() * n));
    weights.push(weight());
  }
  for (let k = 0; k < selfLoops; k++) {
    const s = pickSource();
    sources.push(s);
    targets.push(s);
    weights.push(weight());
  }
  return {n, sources, targets, weights};
}

/**
 * Independent reference: the Google matrix G built explicitly as number[][], G[i][j] = probability of moving from
 * j to i = damping · w(j→i) / outWeight(j) + (1 − damping) · p[i] for non-dangling j, and p[i] for dangling j.
 * Power iteration x ← G x from the uniform vector until the L1 change is below 1e-15 (or 20000 steps).
 */
function denseReference(graph: EdgeList, damping: number, personalization?: number[]): number[] {
  const {n} = graph;
  const rawP = personalization ?? new Array<number>(n).fill(1);
  const pSum = rawP.reduce((a, b) => a + b, 0);
  const p = rawP.map((v) => v / pSum);
  const w: number[][] = Array.from({length: n}, () => new Array<number>(n).fill(0)); // w[j][i] = weight j→i
  for (let e = 0; e < graph.sources.length; e++) w[graph.sources[e]][graph.targets[e]] += graph.weights[e];
  const out = w.map((row) => row.reduce((a, b) => a + b, 0));
  const google: number[][] = Array.from({length: n}, (_, i) =>
    Array.from({length: n}, (_, j) => (out[j] > 0 ? damping * (w[j][i] / out[j]) + (1 - damping) * p[i] : p[i]))
  );
  let x = new Array<number>(n).fill(1 / n);
  for (let step = 0; step < 20000; step++) {
    const next = google.map((row) => row.reduce((acc, g, j) => acc + g * x[j], 0));
    const change = next.reduce((acc, v, i) => acc + Math.abs(v - x[i]), 0);
    x = next;
    if (change < 1e-15) break;
  }
  const total = x.reduce((a, b) => a + b, 0);
  return x.map((v) => v / total);
}

function scoresOf(graph: EdgeList, options?: Parameters<typeof pagerank>[1]): Float64Array {
  const result = pagerank(buildCsr(graph.n, graph.sources, graph.targets, graph.weights), options);
  expect(result.converged).toBe(true);
  return result.scores;
}

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, epsilon: number): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    if (!(Math.abs(actual[i] - expected[i]) <= epsilon)) {
      throw new Error(`score ${i}: expected ${expected[i]} ± ${epsilon}, got ${actual[i]}`);
    }
  }
}

function sum(values: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < values.length; i++) total += values[i];
  return total;
}

// The hand-computed cases iterate to 1e-14 so the comparison can be to 1e-12.
const TIGHT = {tolerance: 1e-14};

describe("pagerank: hand-computed graphs (d = 0.85 = 17/20, uniform personalization unless stated)", () => {
  it("exports the documented defaults", () => {
    expect(PAGERANK_DEFAULTS).toEqual({damping: 0.85, tolerance: 1e-10, maxIterations: 1000});
  });

  it("is uniform on a directed 3-cycle", () => {
    // 0→1→2→0: every node has in- and out-weight 1, so x = (1/3, 1/3, 1/3) solves x = d·x_prev + (1−d)/3.
    const result = pagerank(buildCsr(3, [0, 1, 2], [1, 2, 0]));
    expect(result.converged).toBe(true);
    expectClose(result.scores, [1 / 3, 1 / 3, 1 / 3], 1e-15);
  });

  it("is uniform on a 2-cycle", () => {
    // 0⇄1 is symmetric under swapping the nodes, so both get 1/2.
    expectClose(scoresOf({n: 2, sources: [0, 1], targets: [1, 0], weights: [1, 1]}), [0.5, 0.5], 1e-15);
  });

  it("spreads a dangling node's mass uniformly", () => {
    // 0→1, 1→2, node 2 dangling. With c = d·x2/3 + (1−d)/3 (dangling share + teleport, the same for all):
    //   x0 = c, x1 = d·x0 + c = c(1 + d), x2 = d·x1 + c = c(1 + d + d²); the sum is 1, so c = 1/(3 + 2d + d²).
    //   With d = 17/20: 3 + 2d + d² = 2169/400, so c = 400/2169, x1 = 740/2169, x2 = (400 + 340 + 289)/2169.
    //   Check: c = (17/20 · 1029/2169 + 3/20)/3 = 24000/130140 = 400/2169.
    const scores = scoresOf({n: 3, sources: [0, 1], targets: [1, 2], weights: [1, 1]}, TIGHT);
    expectClose(scores, [400 / 2169, 740 / 2169, 1029 / 2169], 1e-12);
  });

  it("treats a self-loop as an ordinary out-edge", () => {
    // 0→0, 0→1, 1→0: node 0 sends half of d·x0 to itself and half to 1.
    //   x1 = d·x0/2 + (1−d)/2 = (17/40)x0 + 3/40, and x0 = 1 − x1, so (57/40)x0 = 37/40: x0 = 37/57, x1 = 20/57.
    //   Check x0 = d·x0/2 + d·x1 + (1−d)/2 = (17/40)(37/57) + (17/20)(20/57) + 3/40 = (629 + 680 + 171)/2280 = 37/57.
    const scores = scoresOf({n: 2, sources: [0, 0, 1], targets: [0, 1, 0], weights: [1, 1, 1]}, TIGHT);
    expectClose(scores, [37 / 57, 20 / 57], 1e-12);
  });

  it("splits the mass of disconnected closed components by their size", () => {
    // Component A = 0⇄1, component B = 2⇄3 plus 4→2; no dangling nodes, so each component only receives its
    // teleport share: m_C = d·m_C + (1−d)|C|/5, i.e. m_A = 2/5, m_B = 3/5. A is symmetric: 1/5 each.
    // In B (teleport (1−d)/5 = 3/100 per node): x4 = 3/100; x3 = d·x2 + 3/100; x2 = d(x3 + x4) + 3/100.
    //   Substituting: x2 = (289/400)x2 + 51/2000 + 111/2000, so (111/400)x2 = 81/1000: x2 = 54/185;
    //   x3 = (17/20)(54/185) + 3/100 = 1029/3700. Check x2 + x3 + x4 = (1080 + 1029 + 111)/3700 = 3/5.
    const graph = {n: 5, sources: [0, 1, 2, 3, 4], targets: [1, 0, 3, 2, 2], weights: [1, 1, 1, 1, 1]};
    const scores = scoresOf(graph, TIGHT);
    expectClose(scores, [1 / 5, 1 / 5, 54 / 185, 1029 / 3700, 3 / 100], 1e-12);
    expect(scores[0] + scores[1]).toBeCloseTo(2 / 5, 12);
    expect(scores[2] + scores[3] + scores[4]).toBeCloseTo(3 / 5, 12);
  });

  it("gives an isolated (dangling) node its uniform share of teleport and dangling mass", () => {
    // 0⇄1 and an isolated node 2, which is dangling: x2 = d·x2/3 + (1−d)/3, so x2 = (1−d)/(3−d) = 3/43,
    // and by symmetry x0 = x1 = (1 − 3/43)/2 = 20/43. Check x0 = d·x1 + d·x2/3 + (1−d)/3 = (17 + 0.85 + 2.15)/43.
    const scores = scoresOf({n: 3, sources: [0, 1], targets: [1, 0], weights: [1, 1]}, TIGHT);
    expectClose(scores, [20 / 43, 20 / 43, 3 / 43], 1e-12);
  });

  it("follows edges in proportion to their weight", () => {
    // 0→1 (3), 0→2 (1), 1→0, 2→0. x0 = d(x1 + x2) + (1−d)/3 = d(1 − x0) + (1−d)/3,
    //   so x0 = (1 + 2d)/(3(1 + d)) = (27/10)/(111/20) = 18/37;
    //   x1 = (3/4)d·x0 + (1−d)/3 = (51/80)(18/37) + 1/20 = 533/1480; x2 = (1/4)d·x0 + 1/20 = 227/1480.
    //   Check: (720 + 533 + 227)/1480 = 1.
    const graph = {n: 3, sources: [0, 0, 1, 2], targets: [1, 2, 0, 0], weights: [3, 1, 1, 1]};
    expectClose(scoresOf(graph, TIGHT), [18 / 37, 533 / 1480, 227 / 1480], 1e-12);
  });

  it("treats parallel edges as one edge of the summed weight", () => {
    // The weighted graph above with 0→1 (3) given as three unweighted parallel edges: same 18/37, 533/1480, 227/1480.
    const parallel = buildCsr(3, [0, 0, 0, 0, 1, 2], [1, 2, 1, 1, 0, 0]);
    const merged = buildCsr(3, [0, 0, 1, 2], [1, 2, 0, 0], [3, 1, 1, 1]);
    const parallelScores = pagerank(parallel, TIGHT).scores;
    expectClose(parallelScores, [18 / 37, 533 / 1480, 227 / 1480], 1e-12);
    // 1 + 1 + 1 = 3 exactly, so the two CSRs and hence the computations are identical.
    expect(parallelScores).toEqual(pagerank(merged, TIGHT).scores);
    // A parallel pair with weights summing to 3 (2 + 1) likewise.
    const split = buildCsr(3, [0, 0, 0, 1, 2], [1, 1, 2, 0, 0], [2, 1, 1, 1, 1]);
    expect(pagerank(split, TIGHT).scores).toEqual(pagerank(merged, TIGHT).scores);
  });

  it("teleports according to the personalization vector", () => {
    // 0⇄1 with p = (1, 0): x1 = d·x0, x0 = d·x1 + (1−d) = d²x0 + 1 − d, so x0 = 1/(1 + d) = 20/37, x1 = 17/37.
    const graph = {n: 2, sources: [0, 1], targets: [1, 0], weights: [1, 1]};
    expectClose(scoresOf(graph, {...TIGHT, personalization: [1, 0]}), [20 / 37, 17 / 37], 1e-12);
    // p is normalised: (5, 0) is the same distribution.
    expectClose(scoresOf(graph, {...TIGHT, personalization: [5, 0]}), [20 / 37, 17 / 37], 1e-12);
  });

  it("sends dangling mass along the personalization vector, not uniformly", () => {
    // 0→1, node 1 dangling, p = (1, 0): x1 = d·x0 and x0 = (d·x1 + 1 − d)·1, the equations of the 2-cycle above,
    // so again x = (20/37, 17/37).
    const graph = {n: 2, sources: [0], targets: [1], weights: [1]};
    expectClose(scoresOf(graph, {...TIGHT, personalization: [1, 0]}), [20 / 37, 17 / 37], 1e-12);
    // With uniform p instead: x0 = d·x1/2 + (1−d)/2 = (17/40)(1 − x0) + 3/40, so x0 = (20/40)/(57/40) = 20/57.
    expectClose(scoresOf(graph, TIGHT), [20 / 57, 37 / 57], 1e-12);
  });

  it("returns the personalization vector itself when damping is 0", () => {
    // With d = 0 every step is a pure teleport: x = p after one iteration, whatever the edges.
    const graph = {n: 3, sources: [0, 1], targets: [1, 2], weights: [1, 1]};
    expectClose(scoresOf(graph, {damping: 0, personalization: [1, 2, 1]}), [0.25, 0.5, 0.25], 1e-15);
  });

  it("handles the empty graph and a single node", () => {
    expect(pagerank(buildCsr(0, [], []))).toEqual({scores: new Float64Array(0), iterations: 0, converged: true});
    // One node, dangling or with a self-loop: all the mass is on it.
    expect(Array.from(pagerank(buildCsr(1, [], [])).scores)).toEqual([1]);
    expect(Array.from(pagerank(buildCsr(1, [0], [0])).scores)).toEqual([1]);
  });

  it("reports non-convergence instead of throwing, with scores still summing to 1", () => {
    const graph = randomGraph(3, 50, 300, {danglingCount: 5});
    const result = pagerank(buildCsr(graph.n, graph.sources, graph.targets, graph.weights), {maxIterations: 2});
    expect(result.converged).toBe(false);
    expect(result.iterations).toBe(2);
    expect(sum(result.scores)).toBeCloseTo(1, 14);
  });
});

describe("pagerank: agreement with independent implementations", () => {
  it("matches graphology-metrics PageRank on seeded random graphs with dangling nodes and self-loops", () => {
    // graphology-metrics 2.4 (centrality/pagerank.js) uses the same conventions: transition weight w / weighted
    // out-degree over the outbound edges (a self-loop is one of them), dangling mass α·Σx[dangling] spread
    // uniformly, teleport (1 − α)/N, start at 1/N. It stops when the L1 change is below N·tolerance, throws if it
    // does not converge, and has no parallel edges in a simple DirectedGraph, so edges are merged before adding.
    for (const seed of [11, 12, 13]) {
      const graph = randomGraph(seed, 300, 1500, {danglingCount: 30, selfLoops: 20});
      const reference = new DirectedGraph();
      for (let i = 0; i < graph.n; i++) reference.addNode(String(i));
      for (let e = 0; e < graph.sources.length; e++) {
        reference.updateDirectedEdge(String(graph.sources[e]), String(graph.targets[e]), (attributes) => ({
          weight: ((attributes.weight as number | undefined) ?? 0) + graph.weights[e]
        }));
      }
      expect(reference.size).toBeLessThan(graph.sources.length); // some parallel edges were merged
      const expected = graphologyPagerank(reference, {
        getEdgeWeight: "weight",
        alpha: 0.85,
        tolerance: 1e-14,
        maxIterations: 10000
      });
      const scores = scoresOf(graph, {damping: 0.85, tolerance: 1e-13});
      expectClose(
        scores,
        Array.from({length: graph.n}, (_, i) => expected[String(i)]),
        1e-9 // the brief asks for 1e-6; both sides iterate far enough for 1e-9
      );
    }
  });

  it("matches a dense Google-matrix power iteration on graphs with dangling nodes and self-loops", () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const random = mulberry32(1000 + seed);
      const n = 10 + Math.floor(random() * 50);
      const graph = randomGraph(seed, n, n * 3, {
        danglingCount: Math.floor(n / 6),
        selfLoops: 5,
        weighted: seed % 2 === 1
      });
      const damping = [0.85, 0.5, 0.99, 0, 0.7][seed - 1];
      // Default tolerance 1e-10: the L1 error to the fixed point is at most d/(1 − d)·1e-10 (< 1e-9 except for
      // d = 0.99, where the tolerance is tightened).
      const tolerance = damping > 0.9 ? 1e-13 : PAGERANK_DEFAULTS.tolerance;
      expectClose(scoresOf(graph, {damping, tolerance}), denseReference(graph, damping), 1e-9);
    }
  });

  it("matches the dense reference with a random personalization vector", () => {
    for (const seed of [21, 22, 23]) {
      const random = mulberry32(seed);
      const graph = randomGraph(seed, 40, 120, {danglingCount: 6, selfLoops: 4});
      // Some entries zero, including (for seed 21) possibly a dangling node's.
      const personalization = Array.from({length: graph.n}, () => (random() < 0.3 ? 0 : random() * 10));
      expectClose(
        scoresOf(graph, {personalization}),
        denseReference(graph, PAGERANK_DEFAULTS.damping, personalization),
        1e-9
      );
    }
  });
});

/** fast-check arbitrary: a node count in [1, 25] and up to 80 weighted edges among those nodes. */
const edgeLists = fc.integer({min: 1, max: 25}).chain((n) =>
  fc.record({
    n: fc.constant(n),
    edges: fc.array(
      fc.tuple(fc.nat(n - 1), fc.nat(n - 1), fc.double({min: 0, max: 100, noNaN: true, noDefaultInfinity: true})),
      {maxLength: 80}
    )
  })
);

function toEdgeList({n, edges}: {n: number; edges: [number, number, number][]}): EdgeList {
  return {n, sources: edges.map((e) => e[0]), targets: edges.map((e) => e[1]), weights: edges.map((e) => e[2])};
}

describe("pagerank: properties (fast-check, seeded)", () => {
  it("gives non-negative scores summing to 1", () => {
    fc.assert(
      fc.property(edgeLists, (input) => {
        const scores = scoresOf(toEdgeList(input));
        for (const score of scores) expect(score).toBeGreaterThanOrEqual(0);
        expect(Math.abs(sum(scores) - 1)).toBeLessThanOrEqual(1e-9);
      }),
      {seed: 20240601, numRuns: 300}
    );
  });

  it("agrees with the dense reference on arbitrary small graphs", () => {
    fc.assert(
      fc.property(edgeLists, fc.double({min: 0, max: 0.9, noNaN: true}), (input, damping) => {
        const graph = toEdgeList(input);
        expectClose(scoresOf(graph, {damping}), denseReference(graph, damping), 1e-9);
      }),
      {seed: 7, numRuns: 150}
    );
  });

  it("permutes the scores when the nodes are relabelled", () => {
    const withPermutation = edgeLists.chain((input) =>
      fc.record({
        input: fc.constant(input),
        permutation: fc.shuffledSubarray(
          Array.from({length: input.n}, (_, i) => i),
          {minLength: input.n, maxLength: input.n}
        )
      })
    );
    fc.assert(
      fc.property(withPermutation, ({input, permutation}) => {
        const graph = toEdgeList(input);
        const relabelled = {
          n: graph.n,
          sources: graph.sources.map((s) => permutation[s]),
          targets: graph.targets.map((t) => permutation[t]),
          weights: graph.weights
        };
        const scores = scoresOf(graph);
        const relabelledScores = scoresOf(relabelled);
        expectClose(
          Array.from(scores, (_, i) => relabelledScores[permutation[i]]),
          scores,
          1e-9
        );
      }),
      {seed: 99, numRuns: 300}
    );
  });

  it("puts all the mass on the personalization node when damping is 0", () => {
    const withNode = edgeLists.chain((input) => fc.record({input: fc.constant(input), node: fc.nat(input.n - 1)}));
    fc.assert(
      fc.property(withNode, ({input, node}) => {
        const graph = toEdgeList(input);
        const personalization = Array.from({length: graph.n}, (_, i) => (i === node ? 1 : 0));
        const scores = scoresOf(graph, {damping: 0, personalization});
        expect(Array.from(scores)).toEqual(personalization);
      }),
      {seed: 5, numRuns: 200}
    );
  });
});

describe("pagerank: validation", () => {
  const graph = buildCsr(3, [0, 1], [1, 2]);

  it("rejects damping outside [0, 1)", () => {
    expect(() => pagerank(graph, {damping: 1.2})).toThrow("scoring/graph/pagerank: damping must be in [0, 1), got 1.2");
    expect(() => pagerank(graph, {damping: 1})).toThrow("scoring/graph/pagerank: damping must be in [0, 1), got 1");
    expect(() => pagerank(graph, {damping: -0.1})).toThrow("got -0.1");
    expect(() => pagerank(graph, {damping: NaN})).toThrow("scoring/graph/pagerank: damping must be in [0, 1), got NaN");
  });

  it("rejects a non-positive tolerance and a bad iteration cap", () => {
    expect(() => pagerank(graph, {tolerance: 0})).toThrow(
      "scoring/graph/pagerank: tolerance must be a positive finite number, got 0"
    );
    expect(() => pagerank(graph, {tolerance: -1e-3})).toThrow("got -0.001");
    expect(() => pagerank(graph, {tolerance: Infinity})).toThrow("got Infinity");
    expect(() => pagerank(graph, {maxIterations: 0})).toThrow(
      "scoring/graph/pagerank: maxIterations must be a positive integer, got 0"
    );
    expect(() => pagerank(graph, {maxIterations: 2.5})).toThrow("got 2.5");
  });

  it("rejects a personalization vector of the wrong length or with bad entries", () => {
    expect(() => pagerank(graph, {personalization: [1, 1]})).toThrow(
      "scoring/graph/pagerank: personalization has length 2, expected nodeCount 3"
    );
    expect(() => pagerank(buildCsr(0, [], []), {personalization: [1]})).toThrow(
      "scoring/graph/pagerank: personalization has length 1, expected nodeCount 0"
    );
    expect(() => pagerank(graph, {personalization: [1, -1, 1]})).toThrow(
      "scoring/graph/pagerank: personalization[1] must be finite and non-negative, got -1"
    );
    expect(() => pagerank(graph, {personalization: [1, NaN, 1]})).toThrow("personalization[1]");
    expect(() => pagerank(graph, {personalization: [0, 0, 0]})).toThrow(
      "scoring/graph/pagerank: personalization must have a positive sum, got 0"
    );
  });

  it("rejects bad graphs when building them (edge index out of range, negative weight)", () => {
    expect(() => buildCsr(3, [0, 3], [1, 2])).toThrow("scoring/graph/csr: edge 1 has source 3, outside [0, 3)");
    expect(() => buildCsr(3, [0], [1], [-1])).toThrow("scoring/graph/csr: edge 0 has weight -1");
  });
});

import {describe, it, expect} from "vitest";
import fc from "fast-check";
import {DirectedGraph} from "graphology";
import graphologyHitsModule from "graphology-metrics/centrality/hits.js";
import {buildCsr, type Csr} from "../../../scoring/graph/csr.js";
import {hits, HITS_DEFAULTS} from "../../../scoring/graph/hits.js";
import {mulberry32} from "../../../scoring/random.js";
import {expectSameBits} from "./same-bits.js";

// graphology-metrics is CommonJS (`module.exports = hits`) while its .d.ts declares `export default`. Under
// NodeNext the default import is `module.exports`, the function itself, which TypeScript types as the module object.
const graphologyHits = graphologyHitsModule as unknown as typeof graphologyHitsModule.default;

interface EdgeList {
  n: number;
  sources: number[];
  targets: number[];
  weights: number[];
}

/**
 * A seeded random directed multigraph with `m` edges plus `selfLoops` self-loops; the first `danglingCount` nodes
 * get no out-edges and the last `sinkCount` no in-edges. Weights uniform in [0.1, 5).
 */
function randomGraph(seed: number, n: number, m: number, {danglingCount = 0, sinkCount = 0, selfLoops = 0} = {}) {
  const random = mulberry32(seed);
  const graph: EdgeList = {n, sources: [], targets: [], weights: []};
  const source = () => danglingCount + Math.floor(random() * (n - danglingCount));
  const target = () => Math.floor(random() * (n - sinkCount));
  for (let e = 0; e < m; e++) {
    graph.sources.push(source());
    graph.targets.push(target());
    graph.weights.push(0.1 + random() * 4.9);
  }
  for (let k = 0; k < selfLoops; k++) {
    const s = danglingCount + Math.floor(random() * (n - danglingCount - sinkCount)); // keeps both groups intact
    graph.sources.push(s);
    graph.targets.push(s);
    graph.weights.push(0.1 + random() * 4.9);
  }
  return graph;
}

function csrOf(graph: EdgeList) {
  return buildCsr(graph.n, graph.sources, graph.targets, graph.weights);
}

/**
 * Independent reference: the dense matrix A (A[i][j] = summed weight of i → j, or 1 per distinct pair when
 * unweighted) and M = AᵀA as number[][]. Start from a = Aᵀ·(uniform hubs), iterate a ← M a scaled to sum 1 until
 * the L1 change is below 1e-15 (or 200000 steps), then h = A a scaled to sum 1.
 */
function denseHits(graph: EdgeList, weighted = true): {hubs: number[]; authorities: number[]} {
  const {n} = graph;
  const A: number[][] = Array.from({length: n}, () => new Array<number>(n).fill(0));
  for (let e = 0; e < graph.sources.length; e++) {
    if (weighted) A[graph.sources[e]][graph.targets[e]] += graph.weights[e];
    else A[graph.sources[e]][graph.targets[e]] = 1;
  }
  const M: number[][] = Array.from({length: n}, (_, i) =>
    Array.from({length: n}, (_, j) => A.reduce((acc, row) => acc + row[i] * row[j], 0))
  );
  const normalise = (v: number[]) => {
    const total = v.reduce((x, y) => x + y, 0);
    return total > 0 ? v.map((x) => x / total) : v;
  };
  let a = normalise(Array.from({length: n}, (_, j) => A.reduce((acc, row) => acc + row[j] / n, 0)));
  for (let step = 0; step < 200000; step++) {
    const next = normalise(M.map((row) => row.reduce((acc, mij, j) => acc + mij * a[j], 0)));
    const change = next.reduce((acc, v, i) => acc + Math.abs(v - a[i]), 0);
    a = next;
    if (change < 1e-15) break;
  }
  const h = normalise(A.map((row) => row.reduce((acc, aij, j) => acc + aij * a[j], 0)));
  return {hubs: h, authorities: a};
}

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, epsilon: number, label = "score"): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    if (!(Math.abs(actual[i] - expected[i]) <= epsilon)) {
      throw new Error(`${label} ${i}: expected ${expected[i]} ± ${epsilon}, got ${actual[i]}`);
    }
  }
}

function sum(values: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < values.length; i++) total += values[i];
  return total;
}

const TIGHT = {tolerance: 1e-15, maxIterations: 100000};
const SQRT1_2 = Math.SQRT1_2;
const PHI = (1 + Math.sqrt(5)) / 2;

describe("hits: hand-computed graphs", () => {
  it("exports the documented defaults", () => {
    expect(HITS_DEFAULTS).toEqual({tolerance: 1e-10, maxIterations: 1000, weighted: true});
  });

  it("gives a star's centre all the hub score and its leaves equal authority", () => {
    // 0→1, 0→2, 0→3: AᵀA restricted to {1, 2, 3} is the all-ones matrix, whose principal eigenvector is uniform,
    // so a = (0, 1/3, 1/3, 1/3) and h = A a = (1, 0, 0, 0). Reached after one iteration from the uniform start.
    const result = hits(buildCsr(4, [0, 0, 0], [1, 2, 3]));
    expect(result.converged).toBe(true);
    expectClose(result.hubs, [1, 0, 0, 0], 1e-15);
    expectClose(result.authorities, [0, 1 / 3, 1 / 3, 1 / 3], 1e-15);
  });

  it("weights the adjacency matrix by edge weight", () => {
    // 0→2 (1), 1→2 (2), 1→3 (1). On authorities {2, 3}: AᵀA = [[1 + 4, 2], [2, 1]] = [[5, 2], [2, 1]], with
    //   principal eigenvalue λ = 3 + 2√2 and eigenvector (2, λ − 5) ∝ (1, √2 − 1), which sums to √2:
    //   a2 = 1/√2, a3 = 1 − 1/√2. Hubs: h0 = a2 = 1/√2, h1 = 2a2 + a3 = 1 + 1/√2, total 1 + √2, so
    //   h0 = (1/√2)/(1 + √2) = 1 − 1/√2 and h1 = 1/√2.
    const result = hits(buildCsr(4, [0, 1, 1], [2, 2, 3], [1, 2, 1]), TIGHT);
    expect(result.converged).toBe(true);
    expectClose(result.hubs, [1 - SQRT1_2, SQRT1_2, 0, 0], 1e-14);
    expectClose(result.authorities, [0, 0, SQRT1_2, 1 - SQRT1_2], 1e-14);
  });

  it("counts every edge once when unweighted", () => {
    // The same graph unweighted: AᵀA on {2, 3} = [[2, 1], [1, 1]], λ = (3 + √5)/2 = φ², eigenvector (1, λ − 2) =
    //   (1, 1/φ), sum φ: a = (1/φ, 1/φ²). Hubs h0 = a2 = 1/φ, h1 = a2 + a3 = 1, total φ: h = (1/φ², 1/φ).
    const graph = buildCsr(4, [0, 1, 1], [2, 2, 3], [1, 2, 1]);
    const result = hits(graph, {...TIGHT, weighted: false});
    expectClose(result.hubs, [1 / PHI ** 2, 1 / PHI, 0, 0], 1e-14);
    expectClose(result.authorities, [0, 0, 1 / PHI, 1 / PHI ** 2], 1e-14);
    // The documented example: no weights given means weight 1, the same numbers.
    expectClose(hits(buildCsr(4, [0, 1, 1], [2, 2, 3]), TIGHT).hubs, [1 / PHI ** 2, 1 / PHI, 0, 0], 1e-14);
  });

  it("treats parallel edges as one edge of the summed weight", () => {
    // 1→2 given twice with weight 1 is the weighted example's 1→2 (2): the CSRs and so the results are identical.
    const parallel = hits(buildCsr(4, [0, 1, 1, 1], [2, 2, 3, 2]), TIGHT);
    const merged = hits(buildCsr(4, [0, 1, 1], [2, 2, 3], [1, 2, 1]), TIGHT);
    expect(parallel).toEqual(merged);
  });

  it("ignores zero-weight edges when weighted and counts them when unweighted", () => {
    // 0→1 (1), 2→3 (0). Weighted: only 0→1 matters, h = (1, 0, 0, 0), a = (0, 1, 0, 0).
    // Unweighted: two disjoint unit edges, AᵀA = diag(0, 1, 0, 1), a repeated eigenvalue; the uniform start
    //   projects onto it evenly: a = (0, 1/2, 0, 1/2), h = (1/2, 0, 1/2, 0).
    const graph = buildCsr(4, [0, 2], [1, 3], [1, 0]);
    const weighted = hits(graph);
    expectClose(weighted.hubs, [1, 0, 0, 0], 1e-15);
    expectClose(weighted.authorities, [0, 1, 0, 0], 1e-15);
    const unweighted = hits(graph, {weighted: false});
    expectClose(unweighted.hubs, [0.5, 0, 0.5, 0], 1e-15);
    expectClose(unweighted.authorities, [0, 0.5, 0, 0.5], 1e-15);
  });

  it("resolves a strictly dominant component over a weaker one", () => {
    // 0→1 (1), 2→3 (2): AᵀA = diag(0, 1, 0, 4). The component with the larger singular value takes everything in
    // the limit (the other shrinks by 1/4 per iteration): a = (0, 0, 0, 1), h = (0, 0, 1, 0).
    const result = hits(buildCsr(4, [0, 2], [1, 3], [1, 2]), TIGHT);
    expect(result.converged).toBe(true);
    expectClose(result.hubs, [0, 0, 1, 0], 1e-14);
    expectClose(result.authorities, [0, 0, 0, 1], 1e-14);
  });

  it("treats a self-loop as an ordinary edge", () => {
    // 0→0, 0→1: A = [[1, 1], [0, 0]], AᵀA = [[1, 1], [1, 1]]: a = (1/2, 1/2), h = A a = (1, 0).
    const result = hits(buildCsr(2, [0, 0], [0, 1]));
    expectClose(result.hubs, [1, 0], 1e-15);
    expectClose(result.authorities, [0.5, 0.5], 1e-15);
    // A single node with a self-loop is its own hub and authority.
    const single = hits(buildCsr(1, [0], [0]));
    expect(Array.from(single.hubs)).toEqual([1]);
    expect(Array.from(single.authorities)).toEqual([1]);
  });

  it("gives dangling and isolated nodes 0", () => {
    // 0→1, 1→2 (a path) and an isolated node 3. AᵀA = diag(0, 1, 1) on {0, 1, 2} (the columns of A for 1 and 2 are
    // e0 and e1, orthogonal): a repeated eigenvalue, so from the uniform start a = (0, 1/2, 1/2, 0) and
    // h = (1/2, 1/2, 0, 0). Node 2 (dangling) has hub 0, node 0 (no in-edges) authority 0, node 3 both.
    const result = hits(buildCsr(4, [0, 1], [1, 2]));
    expectClose(result.hubs, [0.5, 0.5, 0, 0], 1e-15);
    expectClose(result.authorities, [0, 0.5, 0.5, 0], 1e-15);
  });

  it("returns zero vectors for graphs without an edge of positive weight, and empty ones for the empty graph", () => {
    expect(hits(buildCsr(0, [], []))).toEqual({
      hubs: new Float64Array(0),
      authorities: new Float64Array(0),
      iterations: 0,
      converged: true
    });
    expect(hits(buildCsr(3, [], []))).toEqual({
      hubs: new Float64Array(3),
      authorities: new Float64Array(3),
      iterations: 0,
      converged: true
    });
    expect(hits(buildCsr(2, [0], [1], [0]))).toEqual({
      hubs: new Float64Array(2),
      authorities: new Float64Array(2),
      iterations: 0,
      converged: true
    });
  });

  it("is unaffected by the scale of the weights, even near the float64 limits", () => {
    // HITS is invariant to multiplying A by a constant; the kernel divides by the largest weight first, so huge
    // and subnormal weights give the weighted example's answer instead of Infinity/NaN or zeros.
    for (const scale of [1e300, 1e-310]) {
      const result = hits(buildCsr(4, [0, 1, 1], [2, 2, 3], [scale, 2 * scale, scale]), TIGHT);
      expectClose(result.hubs, [1 - SQRT1_2, SQRT1_2, 0, 0], 1e-14);
      expectClose(result.authorities, [0, 0, SQRT1_2, 1 - SQRT1_2], 1e-14);
    }
  });

  it("reports non-convergence instead of throwing, with vectors still summing to 1", () => {
    const result = hits(csrOf(randomGraph(3, 60, 300)), {maxIterations: 2});
    expect(result.converged).toBe(false);
    expect(result.iterations).toBe(2);
    expect(sum(result.hubs)).toBeCloseTo(1, 14);
    expect(sum(result.authorities)).toBeCloseTo(1, 14);
  });
});

describe("hits: agreement with independent implementations", () => {
  it("matches graphology-metrics HITS on seeded random graphs with dangling nodes, sinks and self-loops", () => {
    // graphology-metrics 2.4 (centrality/hits.js) starts from hubs 1/N, computes a = Aᵀh then h = A a with
    // A[i][j] = the edge's weight, scales both by their maximum each step, and at the end by their sum. Scaling
    // does not change the direction of an iterate, so the limits are ours. It stops on the L1 change of the
    // max-scaled hubs, throws if it does not converge, and has no parallel edges in a simple DirectedGraph, so
    // edges are merged before adding.
    for (const seed of [11, 12, 13]) {
      const graph = randomGraph(seed, 300, 1500, {danglingCount: 30, sinkCount: 20, selfLoops: 20});
      const reference = new DirectedGraph();
      for (let i = 0; i < graph.n; i++) reference.addNode(String(i));
      for (let e = 0; e < graph.sources.length; e++) {
        reference.updateDirectedEdge(String(graph.sources[e]), String(graph.targets[e]), (attributes) => ({
          weight: ((attributes.weight as number | undefined) ?? 0) + graph.weights[e]
        }));
      }
      expect(reference.size).toBeLessThan(graph.sources.length); // some parallel edges were merged
      const expected = graphologyHits(reference, {getEdgeWeight: "weight", tolerance: 1e-14, maxIterations: 10000});
      const result = hits(csrOf(graph), {tolerance: 1e-14, maxIterations: 10000});
      expect(result.converged).toBe(true);
      const ids = Array.from({length: graph.n}, (_, i) => String(i));
      expectClose(
        result.hubs,
        ids.map((id) => expected.hubs[id]),
        1e-10,
        "hub"
      );
      expectClose(
        result.authorities,
        ids.map((id) => expected.authorities[id]),
        1e-10,
        "authority"
      );
      for (let i = 0; i < 30; i++) expect(result.hubs[i]).toBe(0); // dangling
      for (let i = graph.n - 20; i < graph.n; i++) expect(result.authorities[i]).toBe(0); // no in-edges
    }
  });

  it("matches a dense AᵀA power iteration on seeded random graphs, weighted and unweighted", () => {
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const random = mulberry32(500 + seed);
      const n = 10 + Math.floor(random() * 50);
      const graph = randomGraph(seed, n, n * 3, {danglingCount: Math.floor(n / 6), selfLoops: 4});
      const weighted = seed % 2 === 1;
      const result = hits(csrOf(graph), {...TIGHT, weighted});
      expect(result.converged).toBe(true);
      const expected = denseHits(graph, weighted);
      expectClose(result.hubs, expected.hubs, 1e-10, "hub");
      expectClose(result.authorities, expected.authorities, 1e-10, "authority");
    }
  });
});

/** fast-check arbitrary: a node count in [1, 20] and up to 60 edges with integer weights in [0, 5]. */
const edgeLists = fc.integer({min: 1, max: 20}).chain((n) =>
  fc.record({
    n: fc.constant(n),
    edges: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1), fc.integer({min: 0, max: 5})), {maxLength: 60})
  })
);

function toEdgeList({n, edges}: {n: number; edges: [number, number, number][]}): EdgeList {
  return {n, sources: edges.map((e) => e[0]), targets: edges.map((e) => e[1]), weights: edges.map((e) => e[2])};
}

describe("hits: properties (fast-check, seeded)", () => {
  it("gives non-negative vectors summing to 1, or all 0 without a positive-weight edge", () => {
    fc.assert(
      fc.property(edgeLists, fc.boolean(), (input, weighted) => {
        const graph = toEdgeList(input);
        const result = hits(csrOf(graph), {weighted});
        const anyEdge = weighted ? graph.weights.some((w) => w > 0) : graph.sources.length > 0;
        for (const v of [...result.hubs, ...result.authorities]) expect(v).toBeGreaterThanOrEqual(0);
        expect(Math.abs(sum(result.hubs) - (anyEdge ? 1 : 0))).toBeLessThanOrEqual(1e-12);
        expect(Math.abs(sum(result.authorities) - (anyEdge ? 1 : 0))).toBeLessThanOrEqual(1e-12);
      }),
      {seed: 20240601, numRuns: 300}
    );
  });

  it("agrees with the dense reference on arbitrary small graphs", () => {
    fc.assert(
      fc.property(edgeLists, fc.boolean(), (input, weighted) => {
        const graph = toEdgeList(input);
        const result = hits(csrOf(graph), {...TIGHT, weighted});
        const expected = denseHits(graph, weighted);
        expectClose(result.hubs, expected.hubs, 1e-9, "hub");
        expectClose(result.authorities, expected.authorities, 1e-9, "authority");
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
          ...graph,
          sources: graph.sources.map((s) => permutation[s]),
          targets: graph.targets.map((t) => permutation[t])
        };
        const result = hits(csrOf(graph), TIGHT);
        const relabelledResult = hits(csrOf(relabelled), TIGHT);
        expectClose(
          Array.from(result.hubs, (_, i) => relabelledResult.hubs[permutation[i]]),
          result.hubs,
          1e-9,
          "hub"
        );
        expectClose(
          Array.from(result.authorities, (_, i) => relabelledResult.authorities[permutation[i]]),
          result.authorities,
          1e-9,
          "authority"
        );
      }),
      {seed: 99, numRuns: 200}
    );
  });
});

/**
 * Straightforward reference over all nodes, as documented on `hits`: entries scaled by the largest weight; each
 * step pushes every node's hub score along its row to the authorities, scales them by their total in node order,
 * pulls the hubs over each row, scales them, and stops on the L1 change of the hubs over all nodes. A faster
 * kernel may skip terms that are 0, but must add the others in this order, so that the two agree to the bit.
 */
function fullSpaceHits(graph: Csr, options: {weighted: boolean; maxIterations: number; tolerance: number}) {
  const {nodeCount: n, offsets, targets, weights} = graph;
  const largest = Math.max(0, ...weights);
  const entry = Array.from(weights, (w) => (!options.weighted ? 1 : largest > 0 ? w / largest : 0));
  const scale = (values: Float64Array) => {
    let total = 0;
    for (const value of values) total += value;
    if (total > 0) for (let i = 0; i < n; i++) values[i] /= total;
  };
  if (n === 0 || !entry.some((e) => e > 0)) {
    return {hubs: new Float64Array(n), authorities: new Float64Array(n), iterations: 0, converged: true};
  }
  let hubs = new Float64Array(n).fill(1 / n);
  let authorities = new Float64Array(n);
  let iterations = 0;
  let converged = false;
  while (iterations < options.maxIterations) {
    authorities = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      for (let k = offsets[i]; k < offsets[i + 1]; k++) authorities[targets[k]] += entry[k] * hubs[i];
    }
    scale(authorities);
    const next = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      for (let k = offsets[i]; k < offsets[i + 1]; k++) next[i] += entry[k] * authorities[targets[k]];
    }
    scale(next);
    let change = 0;
    for (let i = 0; i < n; i++) change += Math.abs(next[i] - hubs[i]);
    hubs = next;
    iterations++;
    if (change < options.tolerance) {
      converged = true;
      break;
    }
  }
  return {hubs, authorities, iterations, converged};
}

describe("hits: the documented order of sums", () => {
  it("gives the values of a straightforward iteration to the bit, with its iteration count and convergence", () => {
    fc.assert(
      fc.property(
        edgeLists,
        fc.boolean(),
        fc.integer({min: 1, max: 60}),
        fc.constantFrom(1e-2, 1e-6, 1e-10),
        (input, weighted, maxIterations, tolerance) => {
          const graph = csrOf(toEdgeList(input));
          const options = {weighted, maxIterations, tolerance};
          const result = hits(graph, options);
          const expected = fullSpaceHits(graph, options);
          expectSameBits(result.hubs, expected.hubs, "hub");
          expectSameBits(result.authorities, expected.authorities, "authority");
          expect(result.iterations).toBe(expected.iterations);
          expect(result.converged).toBe(expected.converged);
        }
      ),
      {seed: 1999, numRuns: 500}
    );
  });
});

describe("hits: validation", () => {
  const graph = buildCsr(3, [0, 1], [1, 2]);

  it("rejects a non-positive tolerance and a bad iteration cap", () => {
    expect(() => hits(graph, {tolerance: 0})).toThrow(
      "scoring/graph/hits: tolerance must be a positive finite number, got 0"
    );
    expect(() => hits(graph, {tolerance: NaN})).toThrow("got NaN");
    expect(() => hits(graph, {tolerance: Infinity})).toThrow("got Infinity");
    expect(() => hits(graph, {maxIterations: 0})).toThrow(
      "scoring/graph/hits: maxIterations must be a positive integer, got 0"
    );
    expect(() => hits(graph, {maxIterations: 1.5})).toThrow("got 1.5");
  });

  it("rejects a weighted flag that is not a boolean", () => {
    expect(() => hits(graph, {weighted: "yes" as unknown as boolean})).toThrow(
      "scoring/graph/hits: weighted must be a boolean, got yes"
    );
  });

  it("rejects bad graphs when building them (edge index out of range, negative weight)", () => {
    expect(() => buildCsr(3, [0, 3], [1, 2])).toThrow("scoring/graph/csr: edge 1 has source 3, outside [0, 3)");
    expect(() => buildCsr(3, [0], [1], [-1])).toThrow("scoring/graph/csr: edge 0 has weight -1");
  });
});

import {describe, expect, it} from "vitest";
import {buildCsr} from "../../../scoring/graph/csr.js";
import {pagerank} from "../../../scoring/graph/pagerank.js";
import {mulberry32} from "../../../scoring/random.js";

interface EdgeList {
  n: number;
  sources: number[];
  targets: number[];
  weights: number[];
}

const csrOf = (graph: EdgeList) => buildCsr(graph.n, graph.sources, graph.targets, graph.weights);

/**
 * Independent reference: the personalised Google matrix as number[][], G[i][j] = damping · w(j→i) / out(j) +
 * (1 − damping) · p[i] for a node j with out-edges and p[i] for a dangling j, with p the seeds scaled to sum 1;
 * x ← G x from the uniform vector until the L1 change is below 1e-15.
 */
function denseReference(graph: EdgeList, seeds: number[], damping: number): number[] {
  const {n} = graph;
  const seedTotal = seeds.reduce((a, b) => a + b, 0);
  const p = seeds.map((seed) => seed / seedTotal);
  const w: number[][] = Array.from({length: n}, () => new Array<number>(n).fill(0)); // w[j][i] = weight j→i
  graph.sources.forEach((source, e) => (w[source]![graph.targets[e]!]! += graph.weights[e]!));
  const out = w.map((row) => row.reduce((a, b) => a + b, 0));
  const google = Array.from({length: n}, (_, i) =>
    Array.from({length: n}, (_, j) => (out[j]! > 0 ? damping * (w[j]![i]! / out[j]!) + (1 - damping) * p[i]! : p[i]!))
  );
  let x = new Array<number>(n).fill(1 / n);
  for (let step = 0; step < 100_000; step++) {
    const next = google.map((row) => row.reduce((sum, g, j) => sum + g * x[j]!, 0));
    const change = next.reduce((sum, v, i) => sum + Math.abs(v - x[i]!), 0);
    x = next;
    if (change < 1e-15) break;
  }
  return x;
}

/** A seeded random weighted multigraph with self-loops and dangling nodes, and random seeds (some zero). */
function randomCase(seed: number, n: number, m: number): {graph: EdgeList; seeds: number[]} {
  const random = mulberry32(seed);
  const graph: EdgeList = {n, sources: [], targets: [], weights: []};
  for (let e = 0; e < m; e++) {
    graph.sources.push(Math.floor(random() * (n - 2))); // nodes n − 2 and n − 1 stay dangling
    graph.targets.push(Math.floor(random() * n));
    graph.weights.push(0.1 + random() * 4.9);
  }
  const seeds = Array.from({length: n}, () => (random() < 0.5 ? 0 : random() * 3));
  seeds[0] = 1; // at least one seed
  return {graph, seeds};
}

/**
 * Nodes 0…5; edges (weight) 0→1 (2), 0→2 (1), 1→2 (1), 2→0 (1), 2→3 (3), 3→3 (1, a self-loop), 3→1 (0.5),
 * 5→0 (1); node 4 has no out-edges (dangling) and no in-edges.
 */
const SMALL: EdgeList = {
  n: 6,
  sources: [0, 0, 1, 2, 2, 3, 3, 5],
  targets: [1, 2, 2, 0, 3, 3, 1, 0],
  weights: [2, 1, 1, 1, 3, 1, 0.5, 1]
};

describe("pagerank(graph, {personalization: seeds})", () => {
  it("matches networkx.pagerank with a personalization", () => {
    // NetworkX 3.6.1:
    //   G = nx.DiGraph(); G.add_nodes_from(range(6))
    //   G.add_weighted_edges_from([(0, 1, 2), (0, 2, 1), (1, 2, 1), (2, 0, 1), (2, 3, 3), (3, 3, 1), (3, 1, 0.5), (5, 0, 1)])
    //   nx.pagerank(G, alpha=0.85, personalization={0: 1, 1: 0, 2: 0, 3: 2, 4: 0, 5: 0}, tol=1e-15, max_iter=100000)
    //   nx.pagerank(G, alpha=0.5, personalization={0: 0, 1: 0, 2: 0, 3: 0, 4: 1, 5: 3}, tol=1e-15, max_iter=100000)
    const networkx85 = [0.09126845918083032, 0.1980530788520473, 0.1942045137921436, 0.5164739481749786, 0, 0];
    const networkx50 = [
      0.22408163265306139, 0.08204081632653064, 0.07836734693877484, 0.04408163265306167, 0.14285714285714285,
      0.42857142857142855
    ];
    const graph = csrOf(SMALL);
    const first = pagerank(graph, {personalization: [1, 0, 0, 2, 0, 0]});
    expect(first.converged).toBe(true);
    first.scores.forEach((score, i) => expect(score).toBeCloseTo(networkx85[i]!, 10));
    const second = pagerank(graph, {personalization: [0, 0, 0, 0, 1, 3], damping: 0.5});
    second.scores.forEach((score, i) => expect(score).toBeCloseTo(networkx50[i]!, 10));
  });

  it("gives the hand-solved chain 0 → 1 → 2 restarting at 0", () => {
    // Damping 0.5, seeds {0}, node 2 dangling: x1 = x0/2, x2 = x1/2, and x0 = 0.5 + 0.5·x2 (teleport plus the
    // dangling mass of 2), so x0 = 4/7, x1 = 2/7, x2 = 1/7.
    const {scores} = pagerank(buildCsr(3, [0, 1], [1, 2]), {
      personalization: [1, 0, 0],
      damping: 0.5,
      tolerance: 1e-15
    });
    expect(scores[0]).toBeCloseTo(4 / 7, 12);
    expect(scores[1]).toBeCloseTo(2 / 7, 12);
    expect(scores[2]).toBeCloseTo(1 / 7, 12);
  });

  it("gives 0 to nodes no seed can reach", () => {
    // From seed 0 the walk reaches 1, 2 and 3 only; 4 and 5 have no in-edges from them.
    const {scores} = pagerank(csrOf(SMALL), {personalization: [1, 0, 0, 0, 0, 0]});
    expect(scores[4]).toBe(0);
    expect(scores[5]).toBe(0);
    expect(scores.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 14);
  });

  it("matches a dense power iteration on random weighted graphs", () => {
    for (const [seed, n, m] of [
      [1, 8, 20],
      [2, 15, 40],
      [3, 30, 120]
    ] as const) {
      const {graph, seeds} = randomCase(seed, n, m);
      for (const damping of [0.5, 0.85, 0.99]) {
        const {scores, converged} = pagerank(csrOf(graph), {personalization: seeds, damping, tolerance: 1e-13});
        expect(converged).toBe(true);
        const expected = denseReference(graph, seeds, damping);
        scores.forEach((score, i) => expect(score).toBeCloseTo(expected[i]!, 10));
      }
    }
  });

  it("scales the seeds: only their proportions matter", () => {
    const a = pagerank(csrOf(SMALL), {personalization: [1, 0, 0, 2, 0, 0]}).scores;
    const b = pagerank(csrOf(SMALL), {personalization: [1e300, 0, 0, 2e300, 0, 0]}).scores;
    a.forEach((score, i) => expect(b[i]).toBeCloseTo(score, 14));
  });
});

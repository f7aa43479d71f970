import {describe, it, expect} from "vitest";
import fc from "fast-check";
import {buildCsr} from "../../../scoring/graph/csr.js";
import {kcore, KCORE_DEFAULTS, type KcoreMode} from "../../../scoring/graph/kcore.js";
import {mulberry32} from "../../../scoring/random.js";

interface EdgeList {
  n: number;
  sources: number[];
  targets: number[];
}

function cores(graph: EdgeList, mode?: KcoreMode): number[] {
  return Array.from(kcore(buildCsr(graph.n, graph.sources, graph.targets), mode === undefined ? {} : {mode}));
}

/**
 * Independent reference: naive repeated peeling over Sets. For k = 0, 1, 2, …, keep removing any remaining node
 * whose degree among the remaining nodes is ≤ k; each node removed during round k has core number k. The degree
 * of v is the number of distinct remaining nodes u ≠ v with u → v (in), v → u (out), or either (undirected).
 */
function naiveCores(graph: EdgeList, mode: KcoreMode): number[] {
  const {n} = graph;
  const inNeighbours = Array.from({length: n}, () => new Set<number>());
  const outNeighbours = Array.from({length: n}, () => new Set<number>());
  for (let e = 0; e < graph.sources.length; e++) {
    const s = graph.sources[e];
    const t = graph.targets[e];
    if (s === t) continue;
    outNeighbours[s].add(t);
    inNeighbours[t].add(s);
  }
  const counted = (v: number): Set<number> =>
    mode === "in"
      ? inNeighbours[v]
      : mode === "out"
        ? outNeighbours[v]
        : new Set([...inNeighbours[v], ...outNeighbours[v]]);
  const remaining = new Set(Array.from({length: n}, (_, v) => v));
  const degree = (v: number) => [...counted(v)].filter((u) => remaining.has(u)).length;
  const core = new Array<number>(n).fill(-1);
  for (let k = 0; remaining.size > 0; k++) {
    let removed = true;
    while (removed) {
      removed = false;
      for (const v of [...remaining]) {
        if (degree(v) <= k) {
          remaining.delete(v);
          core[v] = k;
          removed = true;
        }
      }
    }
  }
  return core;
}

/** A seeded random directed multigraph with self-loops and reciprocal pairs. */
function randomGraph(seed: number, n: number, m: number): EdgeList {
  const random = mulberry32(seed);
  const graph: EdgeList = {n, sources: [], targets: []};
  for (let e = 0; e < m; e++) {
    const s = Math.floor(random() * n);
    // Half the edges go to "low" nodes, which makes dense cores next to sparse periphery.
    const t = random() < 0.5 ? Math.floor(random() * Math.ceil(n / 5)) : Math.floor(random() * n);
    graph.sources.push(s);
    graph.targets.push(t);
    if (random() < 0.2) {
      graph.sources.push(t); // a reciprocal edge
      graph.targets.push(s);
    }
  }
  return graph;
}

/** The complete graph on s nodes: every ordered pair once if `bothWays`, else only i → j for i < j. */
function clique(s: number, bothWays: boolean): EdgeList {
  const graph: EdgeList = {n: s, sources: [], targets: []};
  for (let i = 0; i < s; i++) {
    for (let j = 0; j < s; j++) {
      if (i !== j && (bothWays || i < j)) {
        graph.sources.push(i);
        graph.targets.push(j);
      }
    }
  }
  return graph;
}

describe("kcore: hand-computed graphs", () => {
  it("exports the documented defaults", () => {
    expect(KCORE_DEFAULTS).toEqual({mode: "undirected"});
  });

  it("peels a triangle with a pendant node and an isolated node", () => {
    // Triangle 0-1-2, pendant 3 on 0, isolated 4. Round 0 removes 4; round 1 removes 3 (degree 1); the triangle's
    // nodes then have degree 2 and go in round 2.
    expect(cores({n: 5, sources: [0, 1, 2, 3], targets: [1, 2, 0, 0]})).toEqual([2, 2, 2, 1, 0]);
  });

  it("finds the 1-, 2- and 3-shells of a layered graph", () => {
    // K4 on {0, 1, 2, 3}; node 4 linked to 0, 1 and 5; node 5 linked to 4 and 2; node 6 pendant on 5.
    // Round 1 removes 6 (degree 1). Round 2: 5 has degree 2 (4, 2) and goes; then 4 has degree 2 (0, 1) and goes.
    // Round 3: every K4 node has degree 3. Shells: K4 → 3, {4, 5} → 2, 6 → 1.
    const edges = [
      [0, 1],
      [0, 2],
      [0, 3],
      [1, 2],
      [1, 3],
      [2, 3],
      [4, 0],
      [4, 1],
      [4, 5],
      [5, 2],
      [6, 5]
    ];
    const graph = {n: 7, sources: edges.map((e) => e[0]), targets: edges.map((e) => e[1])};
    expect(cores(graph)).toEqual([3, 3, 3, 3, 2, 2, 1]);
  });

  it("counts a reciprocal pair once and ignores self-loops in undirected mode", () => {
    // 0⇄1: one undirected edge, so both are in the 1-core (not the 2-core). 2 has only a self-loop: degree 0.
    expect(cores({n: 3, sources: [0, 1, 2], targets: [1, 0, 2]})).toEqual([1, 1, 0]);
    // A path 0-1-2 given with every edge in both directions and extra self-loops is still a path: all 1.
    expect(cores({n: 3, sources: [0, 1, 1, 2, 0, 1], targets: [1, 0, 2, 1, 0, 1]})).toEqual([1, 1, 1]);
  });

  it("computes directed in-cores and out-cores", () => {
    // Cycle 0→1→2→0 plus 3→0 and 3→1.
    // In-degrees: 0 {2, 3}, 1 {0, 3}, 2 {1}, 3 {} . Round 0 removes 3 (in-degree 0); then every cycle node has
    //   in-degree 1 and stays until round 1: in-cores (1, 1, 1, 0).
    // Out-degrees: 0 {1}, 1 {2}, 2 {0}, 3 {0, 1}. Nobody has out-degree 0; round 1 removes 0, 1, 2 (out-degree 1),
    //   after which 3 has out-degree 0 ≤ 1 and goes in the same round: out-cores (1, 1, 1, 1).
    // Undirected: 0 {1, 2, 3}, 1 {0, 2, 3}, 2 {0, 1}, 3 {0, 1}. The minimum degree is 2, so nothing goes before
    //   round 2, which removes 2 and 3 and then 0 and 1 (left with degree 1): all 2.
    const graph = {n: 4, sources: [0, 1, 2, 3, 3], targets: [1, 2, 0, 0, 1]};
    expect(cores(graph, "in")).toEqual([1, 1, 1, 0]);
    expect(cores(graph, "out")).toEqual([1, 1, 1, 1]);
    expect(cores(graph, "undirected")).toEqual([2, 2, 2, 2]);
  });

  it("gives a star's centre and leaves core 1, and a directed star in-core 0 for the centre", () => {
    // Edges leaf → centre 0. Undirected: a tree, all core 1. In-mode: the leaves have in-degree 0 (core 0); once
    //   they are gone the centre has in-degree 0 too, so it goes in round 0 as well. Out-mode: each leaf has
    //   out-degree 1; the centre out-degree 0 goes in round 0; the leaves then have out-degree 0: all 0.
    const star = {n: 4, sources: [1, 2, 3], targets: [0, 0, 0]};
    expect(cores(star)).toEqual([1, 1, 1, 1]);
    expect(cores(star, "in")).toEqual([0, 0, 0, 0]);
    expect(cores(star, "out")).toEqual([0, 0, 0, 0]);
  });

  it("ignores edge weights, keeping zero-weight edges", () => {
    const withWeights = kcore(buildCsr(3, [0, 1, 2], [1, 2, 0], [0, 5, 0.5]));
    expect(Array.from(withWeights)).toEqual([2, 2, 2]);
  });

  it("returns an Int32Array, empty for the empty graph", () => {
    const result = kcore(buildCsr(0, [], []));
    expect(result).toBeInstanceOf(Int32Array);
    expect(result.length).toBe(0);
    expect(Array.from(kcore(buildCsr(2, [], []), {mode: "out"}))).toEqual([0, 0]);
  });
});

describe("kcore: agreement with naive peeling", () => {
  it("matches on seeded random graphs in every mode", () => {
    for (const seed of [1, 2, 3, 4]) {
      const graph = randomGraph(seed, 120, 600);
      for (const mode of ["undirected", "in", "out"] as const) {
        const expected = naiveCores(graph, mode);
        expect(Math.max(...expected)).toBeGreaterThan(2); // the test graphs do have non-trivial cores
        expect(cores(graph, mode)).toEqual(expected);
      }
    }
  });
});

/** fast-check arbitrary: a node count in [1, 18] and up to 70 edges, self-loops and duplicates allowed. */
const edgeLists = fc.integer({min: 1, max: 18}).chain((n) =>
  fc.record({
    n: fc.constant(n),
    edges: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), {maxLength: 70})
  })
);
const modes = fc.constantFrom<KcoreMode>("undirected", "in", "out");

function toEdgeList({n, edges}: {n: number; edges: [number, number][]}): EdgeList {
  return {n, sources: edges.map((e) => e[0]), targets: edges.map((e) => e[1])};
}

describe("kcore: properties (fast-check, seeded)", () => {
  it("agrees with naive peeling on arbitrary small graphs", () => {
    fc.assert(
      fc.property(edgeLists, modes, (input, mode) => {
        const graph = toEdgeList(input);
        expect(cores(graph, mode)).toEqual(naiveCores(graph, mode));
      }),
      {seed: 31, numRuns: 400}
    );
  });

  it("is invariant under relabelling", () => {
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
      fc.property(withPermutation, modes, ({input, permutation}, mode) => {
        const graph = toEdgeList(input);
        const relabelled = {
          n: graph.n,
          sources: graph.sources.map((s) => permutation[s]),
          targets: graph.targets.map((t) => permutation[t])
        };
        const original = cores(graph, mode);
        const moved = cores(relabelled, mode);
        expect(original.map((_, v) => moved[permutation[v]])).toEqual(original);
      }),
      {seed: 32, numRuns: 300}
    );
  });

  it("gives every node of a clique of size s core s − 1", () => {
    fc.assert(
      fc.property(fc.integer({min: 1, max: 30}), (s) => {
        const expected = new Array<number>(s).fill(s - 1);
        // Undirected: one edge per pair suffices, and both directions count once.
        expect(cores(clique(s, false))).toEqual(expected);
        expect(cores(clique(s, true))).toEqual(expected);
        // Directed: with both directions every node has in- and out-degree s − 1.
        expect(cores(clique(s, true), "in")).toEqual(expected);
        expect(cores(clique(s, true), "out")).toEqual(expected);
      }),
      {seed: 33, numRuns: 30}
    );
  });

  it("swaps the in- and out-cores when every edge is reversed, and leaves undirected cores alone", () => {
    fc.assert(
      fc.property(edgeLists, (input) => {
        const graph = toEdgeList(input);
        const reversed = {n: graph.n, sources: graph.targets, targets: graph.sources};
        expect(cores(reversed, "in")).toEqual(cores(graph, "out"));
        expect(cores(reversed, "out")).toEqual(cores(graph, "in"));
        expect(cores(reversed)).toEqual(cores(graph));
      }),
      {seed: 34, numRuns: 300}
    );
  });

  it("certifies each k-core: nodes with core ≥ k keep degree ≥ k among themselves, and core ≤ degree", () => {
    fc.assert(
      fc.property(edgeLists, modes, (input, mode) => {
        const graph = toEdgeList(input);
        const core = cores(graph, mode);
        const maxCore = Math.max(...core);
        for (let k = 0; k <= maxCore; k++) {
          const inside = (v: number) => core[v] >= k;
          const neighbours = Array.from({length: graph.n}, () => new Set<number>());
          for (let e = 0; e < graph.sources.length; e++) {
            const s = graph.sources[e];
            const t = graph.targets[e];
            if (s === t || !inside(s) || !inside(t)) continue;
            if (mode !== "in") neighbours[s].add(t);
            if (mode !== "out") neighbours[t].add(s);
          }
          for (let v = 0; v < graph.n; v++) if (inside(v)) expect(neighbours[v].size).toBeGreaterThanOrEqual(k);
        }
        const fullDegree = naiveDegrees(graph, mode);
        for (let v = 0; v < graph.n; v++) expect(core[v]).toBeLessThanOrEqual(fullDegree[v]);
      }),
      {seed: 35, numRuns: 300}
    );
  });
});

/** Distinct-neighbour degree of each node in the whole graph (self-loops excluded). */
function naiveDegrees(graph: EdgeList, mode: KcoreMode): number[] {
  const neighbours = Array.from({length: graph.n}, () => new Set<number>());
  for (let e = 0; e < graph.sources.length; e++) {
    const s = graph.sources[e];
    const t = graph.targets[e];
    if (s === t) continue;
    if (mode !== "in") neighbours[s].add(t);
    if (mode !== "out") neighbours[t].add(s);
  }
  return neighbours.map((set) => set.size);
}

describe("kcore: validation", () => {
  it("rejects an unknown mode", () => {
    const graph = buildCsr(2, [0], [1]);
    expect(() => kcore(graph, {mode: "both" as KcoreMode})).toThrow(
      'scoring/graph/kcore: mode must be "undirected", "in" or "out", got "both"'
    );
    expect(() => kcore(graph, {mode: 3 as unknown as KcoreMode})).toThrow("got 3");
  });
});

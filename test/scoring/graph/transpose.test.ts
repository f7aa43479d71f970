import {describe, it, expect} from "vitest";
import fc from "fast-check";
import {buildCsr} from "../../../scoring/graph/csr.js";
import {transpose} from "../../../scoring/graph/transpose.js";
import {mulberry32} from "../../../scoring/random.js";

describe("transpose", () => {
  it("reverses a small hand-written graph row by row", () => {
    // Edges 0→1 (2), 0→2 (1), 1→2 (3), 2→2 (1, a self-loop); node 3 isolated. CSR edge order: 0→1, 0→2, 1→2, 2→2.
    // By hand, the in-neighbours: of 0 none, of 1 [0 (2)], of 2 [0 (1), 1 (3), 2 (1)], of 3 none;
    // in-weights 0, 2, 5, 0; the reversed edges come from original edges 0, 1, 2, 3 in that order.
    const reversed = transpose(buildCsr(4, [0, 0, 1, 2], [1, 2, 2, 2], [2, 1, 3, 1]));
    expect(reversed.nodeCount).toBe(4);
    expect(Array.from(reversed.offsets)).toEqual([0, 0, 1, 4, 4]);
    expect(Array.from(reversed.targets)).toEqual([0, 0, 1, 2]);
    expect(Array.from(reversed.weights)).toEqual([2, 1, 3, 1]);
    expect(Array.from(reversed.outWeight)).toEqual([0, 2, 5, 0]);
    expect(Array.from(reversed.sourceEdge)).toEqual([0, 1, 2, 3]);
    expect(reversed.offsets).toBeInstanceOf(Int32Array);
    expect(reversed.weights).toBeInstanceOf(Float64Array);
  });

  it("gives the documented example", () => {
    // 0→1, 0→2, 1→2: node 1's in-neighbours are [0], node 2's are [0, 1].
    const reversed = transpose(buildCsr(3, [0, 0, 1], [1, 2, 2]));
    expect(Array.from(reversed.offsets)).toEqual([0, 0, 1, 3]);
    expect(Array.from(reversed.targets)).toEqual([0, 0, 1]);
  });

  it("maps each reversed edge back to its original edge", () => {
    // 2→0 and 1→0 land in row 0 sorted by source: [1, 2]; original CSR order is 1→0 (edge 0), 2→0 (edge 1), 2→1 (edge 2).
    const graph = buildCsr(3, [2, 1, 2], [0, 0, 1], [5, 6, 7]);
    const reversed = transpose(graph);
    expect(Array.from(reversed.offsets)).toEqual([0, 2, 3, 3]);
    expect(Array.from(reversed.targets)).toEqual([1, 2, 2]);
    expect(Array.from(reversed.weights)).toEqual([6, 5, 7]);
    expect(Array.from(reversed.sourceEdge)).toEqual([0, 1, 2]);
  });

  it("equals buildCsr on the reversed edge list for a seeded random multigraph", () => {
    // Independent reference: let buildCsr merge and sort the swapped edge list. Weights are multiples of 1/4, so
    // sums are exact in any order.
    const random = mulberry32(17);
    const n = 300;
    const m = 5000;
    const sources = Array.from({length: m}, () => Math.floor(random() * n));
    const targets = Array.from({length: m}, () => Math.floor(random() * n));
    const weights = Array.from({length: m}, () => Math.floor(random() * 12) / 4);
    const graph = buildCsr(n, sources, targets, weights);
    const expected = buildCsr(n, targets, sources, weights);
    const reversed = transpose(graph);
    expect(reversed.offsets).toEqual(expected.offsets);
    expect(reversed.targets).toEqual(expected.targets);
    expect(reversed.weights).toEqual(expected.weights);
    expect(reversed.outWeight).toEqual(expected.outWeight);
    // Each reversed edge i ← source points at an original edge source → i of the same weight.
    const mismatches: number[] = [];
    for (let i = 0; i < n; i++) {
      for (let k = reversed.offsets[i]; k < reversed.offsets[i + 1]; k++) {
        const e = reversed.sourceEdge[k];
        const source = reversed.targets[k];
        const inSourceRow = graph.offsets[source] <= e && e < graph.offsets[source + 1];
        if (graph.targets[e] !== i || graph.weights[e] !== reversed.weights[k] || !inSourceRow) mismatches.push(k);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it("gives back the original graph when applied twice (fast-check, seeded)", () => {
    const graphs = fc.integer({min: 0, max: 20}).chain((n) =>
      fc.record({
        n: fc.constant(n),
        edges:
          n === 0
            ? fc.constant<[number, number, number][]>([])
            : fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1), fc.nat(8)), {maxLength: 60})
      })
    );
    fc.assert(
      fc.property(graphs, ({n, edges}) => {
        const graph = buildCsr(
          n,
          edges.map((e) => e[0]),
          edges.map((e) => e[1]),
          edges.map((e) => e[2])
        );
        const once = transpose(graph);
        const twice = transpose(once);
        expect(twice.offsets).toEqual(graph.offsets);
        expect(twice.targets).toEqual(graph.targets);
        expect(twice.weights).toEqual(graph.weights);
        expect(twice.outWeight).toEqual(graph.outWeight);
        // Composing the two back-maps leads each edge to itself.
        expect(Array.from(twice.sourceEdge, (e) => once.sourceEdge[e])).toEqual(
          Array.from({length: graph.targets.length}, (_, k) => k)
        );
      }),
      {seed: 4242, numRuns: 200}
    );
  });

  it("handles the empty graph", () => {
    const reversed = transpose(buildCsr(0, [], []));
    expect(Array.from(reversed.offsets)).toEqual([0]);
    expect(reversed.targets.length).toBe(0);
    expect(reversed.sourceEdge.length).toBe(0);
  });
});

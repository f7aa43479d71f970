import {describe, it, expect} from "vitest";
import {buildCsr, buildUnitCsr} from "../../../scoring/graph/csr.js";
import {mulberry32} from "../../../scoring/random.js";

describe("buildCsr", () => {
  it("lays out a small hand-written graph row by row, targets sorted", () => {
    // Edges, deliberately out of order: 2→0 (2), 0→3 (1), 0→1 (0.5), 2→0 (1.5), 3→3 (1). Node 1 has no out-edges.
    const csr = buildCsr(4, [2, 0, 0, 2, 3], [0, 3, 1, 0, 3], [2, 1, 0.5, 1.5, 1]);
    // Expected by hand: row 0 = [1 (0.5), 3 (1)], row 1 = [], row 2 = [0 (2 + 1.5)], row 3 = [3 (1)].
    expect(csr.nodeCount).toBe(4);
    expect(Array.from(csr.offsets)).toEqual([0, 2, 2, 3, 4]);
    expect(Array.from(csr.targets)).toEqual([1, 3, 0, 3]);
    expect(Array.from(csr.weights)).toEqual([0.5, 1, 3.5, 1]);
    expect(Array.from(csr.outWeight)).toEqual([1.5, 0, 3.5, 1]);
    expect(csr.offsets).toBeInstanceOf(Int32Array);
    expect(csr.targets).toBeInstanceOf(Int32Array);
    expect(csr.weights).toBeInstanceOf(Float64Array);
    expect(csr.outWeight).toBeInstanceOf(Float64Array);
  });

  it("defaults missing weights to 1", () => {
    const csr = buildCsr(3, [0, 1, 1], [1, 2, 0]);
    // By hand: row 0 = [1], row 1 = [0, 2], row 2 = [], all weight 1.
    expect(Array.from(csr.offsets)).toEqual([0, 1, 3, 3]);
    expect(Array.from(csr.targets)).toEqual([1, 0, 2]);
    expect(Array.from(csr.weights)).toEqual([1, 1, 1]);
    expect(Array.from(csr.outWeight)).toEqual([1, 2, 0]);
  });

  it("merges parallel edges by summing their weights", () => {
    // 0→1 three times (1 + 2 + 4 = 7), 1→0 twice unweighted (2).
    const weighted = buildCsr(2, [0, 1, 0, 0], [1, 0, 1, 1], [1, 5, 2, 4]);
    expect(Array.from(weighted.offsets)).toEqual([0, 1, 2]);
    expect(Array.from(weighted.targets)).toEqual([1, 0]);
    expect(Array.from(weighted.weights)).toEqual([7, 5]);
    const unweighted = buildCsr(2, [0, 1, 1], [1, 0, 0]);
    expect(Array.from(unweighted.targets)).toEqual([1, 0]);
    expect(Array.from(unweighted.weights)).toEqual([1, 2]);
    expect(Array.from(unweighted.outWeight)).toEqual([1, 2]);
    // The merged arrays are trimmed to the distinct edge count.
    expect(unweighted.targets.length).toBe(2);
    expect(unweighted.weights.length).toBe(2);
  });

  it("keeps self-loops, merging parallel ones", () => {
    const csr = buildCsr(2, [0, 0, 0, 1], [0, 1, 0, 1], [1, 1, 2, 0.5]);
    // By hand: row 0 = [0 (1 + 2), 1 (1)], row 1 = [1 (0.5)].
    expect(Array.from(csr.offsets)).toEqual([0, 2, 3]);
    expect(Array.from(csr.targets)).toEqual([0, 1, 1]);
    expect(Array.from(csr.weights)).toEqual([3, 1, 0.5]);
    expect(Array.from(csr.outWeight)).toEqual([4, 0.5]);
  });

  it("keeps zero-weight edges, which add nothing to the out-weight", () => {
    const csr = buildCsr(2, [0], [1], [0]);
    expect(Array.from(csr.targets)).toEqual([1]);
    expect(Array.from(csr.weights)).toEqual([0]);
    expect(Array.from(csr.outWeight)).toEqual([0, 0]);
  });

  it("handles empty graphs and graphs without edges", () => {
    const empty = buildCsr(0, [], []);
    expect(Array.from(empty.offsets)).toEqual([0]);
    expect(empty.targets.length).toBe(0);
    expect(empty.outWeight.length).toBe(0);
    const isolated = buildCsr(3, new Int32Array(0), new Int32Array(0), new Float64Array(0));
    expect(Array.from(isolated.offsets)).toEqual([0, 0, 0, 0]);
    expect(Array.from(isolated.outWeight)).toEqual([0, 0, 0]);
  });

  it("agrees with a Map-based merge on a seeded random multigraph with many duplicates", () => {
    // Independent reference: a Map keyed by "source,target" accumulating weights in input order, then sorted.
    const random = mulberry32(7);
    const n = 200;
    const m = 20000; // ~ half of the 40000 possible pairs are hit more than once
    const sources = new Int32Array(m);
    const targets = new Int32Array(m);
    const weights = new Float64Array(m);
    for (let e = 0; e < m; e++) {
      sources[e] = Math.floor(random() * n);
      targets[e] = Math.floor(random() * n);
      weights[e] = Math.floor(random() * 8) / 4; // multiples of 1/4: exact sums in any order
    }
    const merged = new Map<number, number>();
    for (let e = 0; e < m; e++) {
      const key = sources[e] * n + targets[e];
      merged.set(key, (merged.get(key) ?? 0) + weights[e]);
    }
    const keys = [...merged.keys()].sort((a, b) => a - b);
    const expectedOffsets = new Array<number>(n + 1).fill(0);
    for (const key of keys) expectedOffsets[Math.floor(key / n) + 1]++;
    for (let i = 0; i < n; i++) expectedOffsets[i + 1] += expectedOffsets[i];
    const expectedOutWeight = new Array<number>(n).fill(0);
    for (let e = 0; e < m; e++) expectedOutWeight[sources[e]] += weights[e];

    const csr = buildCsr(n, sources, targets, weights);
    expect(Array.from(csr.offsets)).toEqual(expectedOffsets);
    expect(Array.from(csr.targets)).toEqual(keys.map((key) => key % n));
    expect(Array.from(csr.weights)).toEqual(keys.map((key) => merged.get(key)));
    expect(Array.from(csr.outWeight)).toEqual(expectedOutWeight);
  });

  it("accepts plain arrays and typed arrays alike", () => {
    const fromArrays = buildCsr(3, [2, 0], [1, 2], [3, 4]);
    const fromTyped = buildCsr(3, Uint32Array.of(2, 0), Float64Array.of(1, 2), Float32Array.of(3, 4));
    expect(fromTyped).toEqual(fromArrays);
  });

  describe("validation", () => {
    it("rejects a bad node count", () => {
      expect(() => buildCsr(-1, [], [])).toThrow("scoring/graph/csr: nodeCount must be a non-negative integer");
      expect(() => buildCsr(2.5, [], [])).toThrow(/^scoring\/graph\/csr: .*got 2\.5$/);
      expect(() => buildCsr(NaN, [], [])).toThrow(/^scoring\/graph\/csr: .*got NaN$/);
    });

    it("rejects mismatched array lengths", () => {
      expect(() => buildCsr(3, [0, 1], [1])).toThrow(
        "scoring/graph/csr: sources has length 2 but targets has length 1"
      );
      expect(() => buildCsr(3, [0, 1], [1, 2], [1])).toThrow(
        "scoring/graph/csr: sources has length 2 but weights has length 1"
      );
    });

    it("rejects node indices outside [0, nodeCount)", () => {
      expect(() => buildCsr(5, [0, 1, 2, 3], [1, 2, 3, 9])).toThrow(
        "scoring/graph/csr: edge 3 has target 9, outside [0, 5)"
      );
      expect(() => buildCsr(5, [0, -1], [1, 2])).toThrow("scoring/graph/csr: edge 1 has source -1, outside [0, 5)");
      expect(() => buildCsr(5, [5], [0])).toThrow("scoring/graph/csr: edge 0 has source 5, outside [0, 5)");
      expect(() => buildCsr(5, [0.5], [0])).toThrow("scoring/graph/csr: edge 0 has source 0.5, outside [0, 5)");
      expect(() => buildCsr(5, [0], [NaN])).toThrow("scoring/graph/csr: edge 0 has target NaN, outside [0, 5)");
      expect(() => buildCsr(0, [0], [0])).toThrow("scoring/graph/csr: edge 0 has source 0, outside [0, 0)");
    });

    it("rejects negative and non-finite weights", () => {
      expect(() => buildCsr(2, [0, 1], [1, 0], [1, -2])).toThrow(
        "scoring/graph/csr: edge 1 has weight -2; weights must be finite and non-negative"
      );
      expect(() => buildCsr(2, [0], [1], [NaN])).toThrow("scoring/graph/csr: edge 0 has weight NaN");
      expect(() => buildCsr(2, [0], [1], [Infinity])).toThrow("scoring/graph/csr: edge 0 has weight Infinity");
    });
  });
});

describe("buildUnitCsr", () => {
  it("keeps a repeated edge once, weighing 1, and counts distinct out-neighbours", () => {
    // Edges out of order, 0→2 three times and 2→1 twice: by hand row 0 = [1, 2], row 1 = [], row 2 = [0, 1].
    const csr = buildUnitCsr(3, [0, 2, 0, 2, 0, 2, 0], [2, 1, 1, 0, 2, 1, 2]);
    expect(Array.from(csr.offsets)).toEqual([0, 2, 2, 4]);
    expect(Array.from(csr.targets)).toEqual([1, 2, 0, 1]);
    expect(Array.from(csr.weights)).toEqual([1, 1, 1, 1]);
    expect(Array.from(csr.outWeight)).toEqual([2, 0, 2]);
  });

  it("equals buildCsr on the same edges listed once each, in any order", () => {
    const random = mulberry32(11);
    const pairs = new Set<number>();
    for (let e = 0; e < 400; e++) pairs.add(Math.floor(random() * 30) * 30 + Math.floor(random() * 30));
    const distinct = [...pairs].sort((a, b) => a - b);
    const once = buildCsr(
      30,
      distinct.map((p) => Math.floor(p / 30)),
      distinct.map((p) => p % 30)
    );
    // Every edge listed one to three times, shuffled.
    const listed = distinct.flatMap((p) => Array.from({length: 1 + Math.floor(random() * 3)}, () => p));
    for (let i = listed.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [listed[i], listed[j]] = [listed[j]!, listed[i]!];
    }
    const unit = buildUnitCsr(
      30,
      listed.map((p) => Math.floor(p / 30)),
      listed.map((p) => p % 30)
    );
    expect(unit).toEqual(once);
  });

  it("rejects node indices outside [0, nodeCount) as buildCsr does", () => {
    expect(() => buildUnitCsr(2, [0], [2])).toThrow("scoring/graph/csr: edge 0 has target 2, outside [0, 2)");
  });
});

import {describe, it, expect} from "vitest";
import fc from "fast-check";
import {buildCsr} from "../../../scoring/graph/csr.js";
import {stronglyConnectedComponents, type Components} from "../../../scoring/graph/scc.js";

/** Independent reference: reach[u][v] by a breadth-first search from every node. */
function reachability(n: number, sources: number[], targets: number[]): boolean[][] {
  const out: number[][] = Array.from({length: n}, () => []);
  sources.forEach((s, e) => out[s].push(targets[e]));
  return Array.from({length: n}, (_, start) => {
    const seen = new Array<boolean>(n).fill(false);
    seen[start] = true;
    const queue = [start];
    while (queue.length > 0) {
      for (const v of out[queue.shift()!]) {
        if (!seen[v]) {
          seen[v] = true;
          queue.push(v);
        }
      }
    }
    return seen;
  });
}

/** Component number of each node. */
function componentOf(n: number, {count, nodes, starts}: Components): number[] {
  const of = new Array<number>(n).fill(-1);
  for (let c = 0; c < count; c++) for (let m = starts[c]; m < starts[c + 1]; m++) of[nodes[m]] = c;
  return of;
}

function components(n: number, sources: number[], targets: number[]): Components {
  const graph = buildCsr(n, sources, targets);
  return stronglyConnectedComponents(n, graph.offsets, graph.targets);
}

const edgeLists = fc
  .integer({min: 1, max: 25})
  .chain((n) =>
    fc.record({n: fc.constant(n), edges: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), {maxLength: 3 * n})})
  );

describe("stronglyConnectedComponents", () => {
  it("finds the hand-drawn components of a small graph, each after the ones it reaches", () => {
    // 0 ⇄ 1 → 2 → 3 → 4 → 2, 5 alone with a self-loop, 6 isolated.
    const result = components(7, [0, 1, 1, 2, 3, 4, 5], [1, 0, 2, 3, 4, 2, 5]);
    const sets = Array.from({length: result.count}, (_, c) =>
      Array.from(result.nodes.subarray(result.starts[c], result.starts[c + 1])).sort()
    );
    expect(sets).toEqual([[2, 3, 4], [0, 1], [5], [6]]);
    expect(result.starts[result.count]).toBe(7);
  });

  it("groups exactly the mutually reachable nodes, in an order where every edge goes to an earlier or the same component", () => {
    fc.assert(
      fc.property(edgeLists, ({n, edges}) => {
        const sources = edges.map(([s]) => s);
        const targets = edges.map(([, t]) => t);
        const result = components(n, sources, targets);
        expect(Array.from(result.nodes).sort((a, b) => a - b)).toEqual(Array.from({length: n}, (_, i) => i));
        const of = componentOf(n, result);
        const reach = reachability(n, sources, targets);
        for (let u = 0; u < n; u++) {
          for (let v = 0; v < n; v++) expect(of[u] === of[v]).toBe(reach[u][v] && reach[v][u]);
        }
        for (const [s, t] of edges) expect(of[t]).toBeLessThanOrEqual(of[s]);
      }),
      {seed: 31, numRuns: 300}
    );
  });

  it("walks a path and a cycle of 200,000 nodes without overflowing the call stack", () => {
    const n = 200_000;
    const from = Array.from({length: n - 1}, (_, i) => i);
    const to = from.map((i) => i + 1);
    const path = components(n, from, to);
    expect(path.count).toBe(n);
    // The last node of the path reaches nothing, so it comes first.
    expect(path.nodes[0]).toBe(n - 1);
    expect(path.nodes[n - 1]).toBe(0);
    const cycle = components(n, [...from, n - 1], [...to, 0]);
    expect(cycle.count).toBe(1);
  });

  it("leaves out the flagged nodes without in-edges and finds every other component whole, in order", () => {
    fc.assert(
      fc.property(edgeLists, ({n, edges}) => {
        const sources = edges.map(([s]) => s);
        const targets = edges.map(([, t]) => t);
        const pointedTo = new Set(edges.filter(([s, t]) => s !== t).map(([, t]) => t));
        const leaveOut = Uint8Array.from({length: n}, (_, v) => (pointedTo.has(v) ? 0 : 1));
        const graph = buildCsr(n, sources, targets);
        const result = stronglyConnectedComponents(n, graph.offsets, graph.targets, leaveOut);
        const kept = Array.from({length: n}, (_, v) => v).filter((v) => leaveOut[v] === 0);
        expect(Array.from(result.nodes).sort((a, b) => a - b)).toEqual(kept);
        expect(result.starts[result.count]).toBe(kept.length);
        const of = componentOf(n, result);
        const reach = reachability(n, sources, targets);
        for (const u of kept) for (const v of kept) expect(of[u] === of[v]).toBe(reach[u][v] && reach[v][u]);
        for (const [s, t] of edges) if (leaveOut[s] === 0) expect(of[t]).toBeLessThanOrEqual(of[s]);
      }),
      {seed: 37, numRuns: 300}
    );
  });

  it("handles the empty graph", () => {
    expect(components(0, [], [])).toEqual({count: 0, nodes: new Int32Array(0), starts: new Int32Array([0])});
  });
});

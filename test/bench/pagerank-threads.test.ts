import {describe, it, expect, beforeAll, afterAll} from "vitest";
import {buildCsr} from "../../scoring/graph/csr.js";
import {pagerank} from "../../scoring/graph/pagerank.js";
import {sharedCsr, startPagerankThreads, type PagerankThreads} from "../../bench/pagerank-threads.js";
import {mulberry32} from "../../scoring/random.js";

let threads: PagerankThreads;
beforeAll(async () => {
  threads = await startPagerankThreads(2);
});
afterAll(() => threads.close());

/** A seeded random graph with dangling nodes, self-loops, parallel edges and a few hubs. */
function randomGraph(n: number, m: number, seed: number) {
  const random = mulberry32(seed);
  const from: number[] = [];
  const to: number[] = [];
  const weights: number[] = [];
  for (let e = 0; e < m; e++) {
    // A tenth of the nodes never act: they are dangling.
    from.push(Math.floor(random() * n * 0.9));
    to.push(random() < 0.3 ? Math.floor(random() * 5) : Math.floor(random() * n));
    weights.push(1 + Math.floor(random() * 4));
  }
  return buildCsr(n, from, to, weights);
}

describe("PageRank on worker threads (bench/pagerank-threads.ts)", () => {
  it("agrees with the one-thread power method: same iterations, scores within 1e-13 (L1)", () => {
    for (const [n, m, seed] of [
      [1, 0, 1],
      [7, 20, 2],
      [2_000, 15_000, 3],
      [30_000, 200_000, 4]
    ] as const) {
      const graph = randomGraph(n, m, seed);
      const options = {damping: 0.85, tolerance: 1e-10, maxIterations: 1000};
      const reference = pagerank(graph, {...options, method: "power"});
      const result = threads.pagerank(sharedCsr(graph), options);
      expect(result.iterations).toBe(reference.iterations);
      expect(result.converged).toBe(true);
      let l1 = 0;
      for (let i = 0; i < n; i++) l1 += Math.abs(result.scores[i]! - reference.scores[i]!);
      expect(l1).toBeLessThan(1e-13);
    }
  });

  it("runs one graph after another on the same threads", () => {
    const a = randomGraph(500, 3_000, 5);
    const b = randomGraph(800, 1_000, 6);
    const first = threads.pagerank(sharedCsr(a)).scores;
    threads.pagerank(sharedCsr(b));
    expect(threads.pagerank(sharedCsr(a)).scores).toEqual(first);
  });

  it("refuses a graph outside shared memory", () => {
    expect(() => threads.pagerank(randomGraph(10, 20, 7))).toThrow(/shared memory \(sharedCsr\)/);
  });
});

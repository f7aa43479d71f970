import {afterAll, describe, expect, it} from "vitest";
import {buildCsr} from "../../scoring/graph/csr.js";
import {influencePassivity} from "../../scoring/graph/influence-passivity.js";
import {kernelThread} from "../../loaders/kernel-thread.js";
import {mulberry32} from "../../scoring/random.js";
import {expectSameBits} from "../scoring/graph/same-bits.js";

/** A random reaction graph: `m` edges among `n` nodes, counts 1…5, seeded. */
function randomGraph(n: number, m: number, seed: number) {
  const random = mulberry32(seed);
  const pick = () => Math.floor(random() * n);
  const actors = Array.from({length: m}, pick);
  const targets = Array.from({length: m}, pick);
  const counts = Array.from({length: m}, () => 1 + Math.floor(random() * 5));
  return buildCsr(n, actors, targets, counts);
}

describe("kernelThread()", {timeout: 60_000}, () => {
  const thread = kernelThread(0);
  afterAll(() => thread.close());

  it("computes Influence-Passivity on the thread with the values of the calling thread, to the bit", async () => {
    for (const [n, m, seed] of [
      [50, 200, 1],
      [400, 3_000, 2]
    ]) {
      const graph = randomGraph(n, m, seed);
      const posts = Array.from({length: n}, (_, i) => i % 7);
      const [away, here] = [await thread.influencePassivity(graph, {posts}), influencePassivity(graph, {posts})];
      expectSameBits(away.influence, here.influence, "influence");
      expectSameBits(away.passivity, here.passivity, "passivity");
      expect([away.iterations, away.converged]).toEqual([here.iterations, here.converged]);
    }
    // The graph sent is a copy: the caller's arrays are still whole.
    const graph = randomGraph(30, 90, 3);
    await thread.influencePassivity(graph);
    expect(graph.targets.length).toBe(graph.offsets[30]);
  });

  it("answers requests sent together, each with its own result", async () => {
    const graphs = [randomGraph(60, 300, 4), randomGraph(80, 100, 5), randomGraph(10, 40, 6)];
    const results = await Promise.all(graphs.map((graph) => thread.influencePassivity(graph, {maxIterations: 20})));
    results.forEach((result, k) =>
      expectSameBits(result.influence, influencePassivity(graphs[k]!, {maxIterations: 20}).influence, `graph ${k}`)
    );
  });

  it("passes a kernel's error on as a rejection with its message, and keeps working", async () => {
    await expect(thread.influencePassivity(randomGraph(5, 10, 7), {maxIterations: 0})).rejects.toThrow(
      "scoring/graph/influence-passivity: maxIterations must be a positive integer, got 0"
    );
    const graph = randomGraph(20, 60, 8);
    expectSameBits((await thread.influencePassivity(graph)).influence, influencePassivity(graph).influence, "after");
  });

  it("starts a thread again after close", async () => {
    await thread.close();
    const graph = randomGraph(20, 60, 9);
    expectSameBits((await thread.influencePassivity(graph)).influence, influencePassivity(graph).influence, "again");
  });
});

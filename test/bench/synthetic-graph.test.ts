import {describe, it, expect} from "vitest";
import {syntheticInteractions, ACTOR_SKEW, TARGET_SKEW} from "../../bench/synthetic-graph.js";

/** The share of all interactions received (or made) by the 1% of nodes with the most of them. */
function topPercentShare(ids: Int32Array, nodeCount: number): number {
  const degree = new Int32Array(nodeCount);
  for (const id of ids) degree[id]++;
  const sorted = Array.from(degree).sort((a, b) => b - a);
  const top = sorted.slice(0, Math.round(nodeCount / 100)).reduce((a, b) => a + b, 0);
  return top / ids.length;
}

describe("syntheticInteractions(count, seed)", () => {
  it("draws the same interactions from the same seed, and others from another seed", () => {
    const a = syntheticInteractions(10_000, 3);
    const b = syntheticInteractions(10_000, 3);
    const c = syntheticInteractions(10_000, 4);
    expect(a.actors).toEqual(b.actors);
    expect(a.targets).toEqual(b.targets);
    expect(a.weights).toEqual(b.weights);
    expect(a.targets).not.toEqual(c.targets);
  });

  it("has count / 10 nodes, no reactions to oneself and weights 1, 2 or 3", () => {
    const {nodeCount, actors, targets, weights} = syntheticInteractions(50_000, 1);
    expect(nodeCount).toBe(5_000);
    expect(actors.length).toBe(50_000);
    let selfLoops = 0;
    let outOfRange = 0;
    for (let e = 0; e < actors.length; e++) {
      if (actors[e] === targets[e]) selfLoops++;
      if (!(actors[e]! >= 0 && actors[e]! < nodeCount && targets[e]! >= 0 && targets[e]! < nodeCount)) outOfRange++;
    }
    expect(selfLoops).toBe(0);
    expect(outOfRange).toBe(0);
    expect(new Set(weights)).toEqual(new Set([1, 2, 3]));
  });

  it("gives heavy-tailed degrees: the top 1% of targets receive about 0.01^(1−β) of the interactions", () => {
    // Rank r is drawn as ⌊n·u^(1/(1−β))⌋, so P(rank < n/100) = 0.01^(1−β): with β = 0.7, 0.01^0.3 = e^(−1.3816)
    // = 0.251 for targets; with β = 0.4, 0.01^0.6 = 0.063 for actors. Uniform draws would give 0.01.
    expect(TARGET_SKEW).toBe(0.7);
    expect(ACTOR_SKEW).toBe(0.4);
    const {nodeCount, actors, targets} = syntheticInteractions(400_000, 11);
    const targetShare = topPercentShare(targets, nodeCount);
    const actorShare = topPercentShare(actors, nodeCount);
    expect(targetShare).toBeGreaterThan(0.23);
    expect(targetShare).toBeLessThan(0.28);
    expect(actorShare).toBeGreaterThan(0.055);
    expect(actorShare).toBeLessThan(0.075);
  });

  it("refuses a count that is not a positive integer, naming the module", () => {
    expect(() => syntheticInteractions(0, 1)).toThrow("bench/synthetic-graph: count must be a positive integer");
    expect(() => syntheticInteractions(2.5, 1)).toThrow("got 2.5");
  });
});

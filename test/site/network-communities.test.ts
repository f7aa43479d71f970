import {describe, expect, it} from "vitest";
import {communitySummaries, egoCommunities} from "../../src/components/network-communities.js";
import {egoNetwork, type PairKindRow} from "../../src/components/network.js";

const tie = (actor_id: string, target_id: string, interactions = 1): PairKindRow => ({
  actor_id,
  target_id,
  kind: "like",
  interactions
});

/** Every pair of `members` tied once. */
const clique = (members: string[]) => members.flatMap((a, i) => members.slice(i + 1).map((b) => tie(a, b)));

// Two cliques joined by one tie: a1–b1. Seen from a1 with two hops, everyone is there.
const TWO_CLIQUES = [...clique(["a1", "a2", "a3", "a4", "a5"]), ...clique(["b1", "b2", "b3", "b4"]), tie("a1", "b1")];

describe("egoCommunities", () => {
  it("egoCommunities finds two cliques joined by one tie as two communities, the larger first", () => {
    const communities = egoCommunities(egoNetwork(TWO_CLIQUES, "a1", {hops: 2}));
    expect(Object.fromEntries(communities)).toEqual({
      a1: 0,
      a2: 0,
      a3: 0,
      a4: 0,
      a5: 0,
      b1: 1,
      b2: 1,
      b3: 1,
      b4: 1
    });
  });

  it("egoCommunities gives the same communities every time, whatever the order of the rows", () => {
    // Three loosely tied groups, where a visiting order could change the outcome without a fixed seed.
    const rows = [
      ...clique(["p1", "p2", "p3"]),
      ...clique(["q1", "q2", "q3"]),
      ...clique(["r1", "r2", "r3"]),
      tie("p1", "q1"),
      tie("q2", "r1"),
      tie("r2", "p2"),
      tie("c", "p1"),
      tie("c", "q1"),
      tie("c", "r1")
    ];
    const first = egoCommunities(egoNetwork(rows, "c", {hops: 2}));
    for (let i = 0; i < 5; i++) {
      expect(egoCommunities(egoNetwork([...rows].reverse(), "c", {hops: 2}))).toEqual(first);
      expect(egoCommunities(egoNetwork(rows, "c", {hops: 2}))).toEqual(first);
    }
  });

  it("egoCommunities puts an account with no tie in a community of its own", () => {
    expect(Object.fromEntries(egoCommunities(egoNetwork([], "alone")))).toEqual({alone: 0});
  });
});

describe("communitySummaries", () => {
  it("communitySummaries gives each community's size, its best-scored member and the interactions inside it", () => {
    const network = egoNetwork(TWO_CLIQUES, "a1", {hops: 2});
    const scores: Record<string, number> = {a3: 9, a4: 9, b2: 5};
    const summaries = communitySummaries(network, egoCommunities(network), (id) => scores[id]);
    // Ties: a 5-clique has 10 pairs, a 4-clique 6; a3 and a4 share the top score, a3 has the smaller id.
    expect(summaries).toEqual([
      {community: 0, size: 5, top: "a3", inside: 10},
      {community: 1, size: 4, top: "b2", inside: 6}
    ]);
    // With no score at all, the smallest id leads.
    expect(communitySummaries(network, egoCommunities(network), () => undefined).map((s) => s.top)).toEqual([
      "a1",
      "b1"
    ]);
  });
});

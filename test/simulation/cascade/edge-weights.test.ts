import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {buildCsr, type Csr} from "../../../scoring/graph/csr.js";
import {cascadeModel, icProbabilities, influenceGraph, ltWeights} from "../../../simulation/cascade/index.js";
import type {NodeDb} from "../../../loaders/node-db.js";
import {memoryWorld} from "../../helpers/world.js";

/** Counts: 0 → 2 three times, 1 → 2 once, 2 → 0 twice; in-degrees with multiplicity d(2) = 4, d(0) = 2. */
const counts = buildCsr(3, [0, 1, 2], [2, 2, 0], [3, 1, 2]);

describe("icProbabilities", () => {
  it("gives every edge p under uniform", () => {
    expect(Array.from(icProbabilities(counts, {scheme: "uniform", p: 0.2}).weights)).toEqual([0.2, 0.2, 0.2]);
  });

  it("gives 1 − (1 − p)^c under multiplicity", () => {
    // CSR rows: 0 → 2 (c 3), 1 → 2 (c 1), 2 → 0 (c 2); p = 0.5: 1 − 0.125, 1 − 0.5, 1 − 0.25.
    const {weights, outWeight} = icProbabilities(counts, {scheme: "multiplicity", p: 0.5});
    expect(Array.from(weights)).toEqual([0.875, 0.5, 0.75]);
    expect(Array.from(outWeight)).toEqual([0.875, 0.5, 0.75]);
  });

  it("gives 1 − (1 − 1/d(v))^c under weighted-cascade, 1/d(v) on a simple graph", () => {
    // 0 → 2: 1 − (3/4)^3 = 1 − 27/64 = 37/64; 1 → 2: 1/4; 2 → 0: 1 − (1/2)^2 = 3/4.
    const {weights} = icProbabilities(counts, {scheme: "weighted-cascade"});
    expect(weights[0]).toBeCloseTo(37 / 64, 15);
    expect(weights[1]).toBeCloseTo(1 / 4, 15);
    expect(weights[2]).toBeCloseTo(3 / 4, 15);
  });

  it("refuses p outside (0, 1] and an unknown scheme", () => {
    expect(() => icProbabilities(counts, {p: 0})).toThrow(
      "simulation/cascade/edge-weights: p must be in (0, 1], got 0"
    );
    expect(() => icProbabilities(counts, {scheme: "cubic" as "uniform"})).toThrow(
      "simulation/cascade/edge-weights: scheme must be one of uniform, multiplicity, weighted-cascade, got cubic"
    );
  });
});

describe("ltWeights", () => {
  it("divides each count by the target's in-degree, so each node's in-weights sum to 1", () => {
    // 0 → 2: 3/4, 1 → 2: 1/4, 2 → 0: 2/2.
    expect(Array.from(ltWeights(counts).weights)).toEqual([0.75, 0.25, 1]);
  });
});

describe("influenceGraph", () => {
  let db: NodeDb;
  const at = new Date(Date.UTC(2026, 0, 1));
  beforeAll(async () => {
    const account = (id: string) => ({account_id: id, network: "t", handle: id});
    db = await memoryWorld({
      accounts: ["a", "b", "c"].map(account),
      // a follows b and c; b follows c.
      follows: [
        {follower_id: "a", followee_id: "b", network: "t"},
        {follower_id: "a", followee_id: "c", network: "t"},
        {follower_id: "b", followee_id: "c", network: "t"}
      ],
      // a reposts b twice and replies to c once; b mentions itself (left out); c follows a (not a reaction).
      interactions: [
        {ts: at, network: "t", actor_id: "a", target_id: "b", kind: "repost"},
        {ts: at, network: "t", actor_id: "a", target_id: "b", kind: "repost"},
        {ts: at, network: "t", actor_id: "a", target_id: "c", kind: "reply"},
        {ts: at, network: "t", actor_id: "b", target_id: "b", kind: "mention"},
        {ts: at, network: "t", actor_id: "c", target_id: "a", kind: "follow"}
      ]
    });
  });
  afterAll(() => db.close());

  /** `[source, target, weight]` of every edge, in CSR order. */
  const edges = ({nodeCount, offsets, targets, weights}: Csr) =>
    Array.from({length: nodeCount}, (_, u) =>
      Array.from(targets.subarray(offsets[u], offsets[u + 1]), (target, i) => [u, target, weights[offsets[u] + i]])
    ).flat();

  it("runs from followee to follower on the follow graph", async () => {
    const {accountIds, graph} = await influenceGraph(db, "follows");
    expect(accountIds).toEqual(["a", "b", "c"]);
    // b → a; c → a, c → b.
    expect(edges(graph)).toEqual([
      [1, 0, 1],
      [2, 0, 1],
      [2, 1, 1]
    ]);
  });

  it("runs from the account reacted to to the one reacting, counting reactions, on the interaction graph", async () => {
    const {graph} = await influenceGraph(db, "interactions");
    expect(edges(graph)).toEqual([
      [1, 0, 2],
      [2, 0, 1]
    ]);
  });

  it("builds the model a command names: LT on interactions gives a its whole in-weight from b and c", async () => {
    const {model} = await cascadeModel(db, {model: "lt", graph: "interactions"});
    // a is influenced by b (2 reactions) and c (1): b(b, a) = 2/3, b(c, a) = 1/3.
    expect(model.kind).toBe("lt");
    expect(edges(model.graph)).toEqual([
      [1, 0, 2 / 3],
      [2, 0, 1 / 3]
    ]);
  });
});

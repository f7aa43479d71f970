import fc from "fast-check";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {egoEdges, egoNetwork, type PairKindRow} from "../../src/components/network.js";
import type {Db} from "../../scoring/db.js";
import {openNative, openWasm, tempDir, writeWorld, type WorldRows} from "../helpers/world.js";

const tie = (actor_id: string, target_id: string, kind: string, interactions: number): PairKindRow => ({
  actor_id,
  target_id,
  kind,
  interactions
});

// c is the centre. Hop 1: a (4 interactions with c), d (2), b (1). Hop 2: e (5 with a + 1 with b = 6), f (1 with d).
// g is three hops away; c's like of itself is no tie.
const ROWS: PairKindRow[] = [
  tie("a", "c", "like", 3),
  tie("c", "a", "reply", 1),
  tie("b", "c", "like", 1),
  tie("d", "c", "mention", 2),
  tie("a", "b", "repost", 1),
  tie("e", "a", "like", 5),
  tie("e", "b", "like", 1),
  tie("f", "d", "like", 1),
  tie("e", "f", "like", 1),
  tie("g", "e", "like", 1),
  tie("c", "c", "like", 4)
];

const ids = (network: ReturnType<typeof egoNetwork>) => network.nodes.map((node) => node.account_id);

describe("egoNetwork", () => {
  it("egoNetwork(rows, centre) keeps the centre and its neighbours, strongest tie first, and the ties among them", () => {
    const network = egoNetwork(ROWS, "c");
    expect(network.nodes).toEqual([
      {account_id: "c", hop: 0, strength: 0, interactionsIn: 6, interactionsOut: 1},
      {account_id: "a", hop: 1, strength: 4, interactionsIn: 1, interactionsOut: 4},
      {account_id: "d", hop: 1, strength: 2, interactionsIn: 0, interactionsOut: 2},
      {account_id: "b", hop: 1, strength: 1, interactionsIn: 1, interactionsOut: 1}
    ]);
    // Pairs ordered by id, each kind's interactions split by direction (forward: from the smaller id).
    expect(network.edges).toEqual([
      {source: "a", target: "b", kind: "repost", forward: 1, backward: 0},
      {source: "a", target: "c", kind: "like", forward: 3, backward: 0},
      {source: "a", target: "c", kind: "reply", forward: 0, backward: 1},
      {source: "b", target: "c", kind: "like", forward: 1, backward: 0},
      {source: "c", target: "d", kind: "mention", forward: 0, backward: 2}
    ]);
    expect(network).toMatchObject({centre: "c", hops: 1, reachable: 3, omitted: 0});
  });

  it("egoNetwork(rows, centre, {hops: 2}) adds the neighbours' neighbours, by their ties to hop 1, not hop 3", () => {
    const network = egoNetwork(ROWS, "c", {hops: 2});
    expect(ids(network)).toEqual(["c", "a", "d", "b", "e", "f"]);
    expect(network.nodes.find((node) => node.account_id === "e")).toMatchObject({hop: 2, strength: 6});
    expect(network.nodes.find((node) => node.account_id === "f")).toMatchObject({hop: 2, strength: 1});
    // The tie between two hop-2 accounts is drawn; g's is not.
    expect(network.edges).toContainEqual({source: "e", target: "f", kind: "like", forward: 1, backward: 0});
    expect(network.edges.some((edge) => edge.source === "g" || edge.target === "g")).toBe(false);
    expect(network).toMatchObject({reachable: 5, omitted: 0});
  });

  it("egoNetwork(rows, centre, {maxNodes}) keeps the closest and most strongly tied, and counts the rest", () => {
    const capped = egoNetwork(ROWS, "c", {hops: 2, maxNodes: 3});
    expect(ids(capped)).toEqual(["c", "a", "d"]);
    expect(capped).toMatchObject({reachable: 5, omitted: 3});
    expect(capped.edges.map((edge) => [edge.source, edge.target, edge.kind])).toEqual([
      ["a", "c", "like"],
      ["a", "c", "reply"],
      ["c", "d", "mention"]
    ]);
    // Room for one hop-2 account: e (6) beats f (1).
    expect(ids(egoNetwork(ROWS, "c", {hops: 2, maxNodes: 5}))).toEqual(["c", "a", "d", "b", "e"]);
    expect(egoNetwork(ROWS, "c", {maxNodes: 1})).toMatchObject({nodes: [{account_id: "c"}], omitted: 3});
  });

  it("egoNetwork breaks equal ties by account id, and an account with no tie is alone", () => {
    const rows = [tie("z", "c", "like", 1), tie("y", "c", "like", 1), tie("x", "c", "reply", 1)];
    expect(ids(egoNetwork(rows, "c", {maxNodes: 3}))).toEqual(["c", "x", "y"]);
    expect(egoNetwork(rows, "nobody")).toMatchObject({nodes: [{account_id: "nobody"}], edges: [], reachable: 0});
  });

  it("egoNetwork refuses hops other than 1 or 2 and a cap below one account", () => {
    expect(() => egoNetwork(ROWS, "c", {hops: 3 as 2})).toThrow("network: hops must be 1 or 2, got 3");
    expect(() => egoNetwork(ROWS, "c", {maxNodes: 0})).toThrow("network: maxNodes must be a positive integer");
  });

  it("egoNetwork agrees with a breadth-first search on random graphs: who is within reach, at which hop, closest kept", () => {
    const account = fc.constantFrom("n0", "n1", "n2", "n3", "n4", "n5", "n6", "n7");
    const row = fc.record({
      actor_id: account,
      target_id: account,
      kind: fc.constantFrom("like", "reply"),
      interactions: fc.integer({min: 1, max: 5})
    });
    fc.assert(
      fc.property(
        fc.array(row, {maxLength: 20}),
        fc.constantFrom<1 | 2>(1, 2),
        fc.integer({min: 1, max: 9}),
        (rows, hops, maxNodes) => {
          // Reference: distances by plain breadth-first search over the undirected ties.
          const distance = new Map([["n0", 0]]);
          let frontier = ["n0"];
          for (let hop = 1; hop <= hops; hop++) {
            const next: string[] = [];
            for (const r of rows) {
              if (r.actor_id === r.target_id) continue;
              for (const [from, to] of [
                [r.actor_id, r.target_id],
                [r.target_id, r.actor_id]
              ]) {
                if (frontier.includes(from!) && !distance.has(to!)) {
                  distance.set(to!, hop);
                  next.push(to!);
                }
              }
            }
            frontier = next;
          }
          const network = egoNetwork(rows, "n0", {hops, maxNodes});
          expect(network.reachable).toBe(distance.size - 1);
          expect(network.nodes.length).toBe(Math.min(maxNodes, distance.size));
          expect(network.omitted).toBe(distance.size - network.nodes.length);
          for (const node of network.nodes) expect(node.hop).toBe(distance.get(node.account_id));
          // Closest first: nobody left out is nearer than someone kept.
          const farthestKept = Math.max(...network.nodes.map((node) => node.hop));
          const kept = new Set(ids(network));
          for (const [id, hop] of distance) if (!kept.has(id)) expect(hop).toBeGreaterThanOrEqual(farthestKept);
          // Every tie drawn joins two accounts shown, and every tie among them is drawn.
          const drawn = network.edges.reduce((sum, edge) => sum + edge.forward + edge.backward, 0);
          const among = rows
            .filter((r) => r.actor_id !== r.target_id && kept.has(r.actor_id) && kept.has(r.target_id))
            .reduce((sum, r) => sum + r.interactions, 0);
          expect(drawn).toBe(among);
        }
      )
    );
  });
});

const at = (hour: number) => new Date(Date.UTC(2026, 2, 1, hour));
const WORLD: WorldRows = {
  accounts: ["a", "b", "c", "d", "e", "f", "g"].map((id) => ({account_id: `x:${id}`, network: "x", handle: id})),
  // ROWS as single interactions (a tie of n interactions is n rows, an hour apart).
  interactions: ROWS.flatMap((row) =>
    Array.from({length: row.interactions}, (_, i) => ({
      ts: at(i),
      network: "x",
      actor_id: `x:${row.actor_id}`,
      target_id: `x:${row.target_id}`,
      kind: row.kind as "like"
    }))
  )
};

describe.each([
  ["native DuckDB", openNative],
  ["duckdb-wasm", openWasm]
])("egoEdges on %s", (_engine, open) => {
  let db: Db;
  let remove: () => void;
  beforeAll(async () => {
    const temp = tempDir();
    remove = temp.remove;
    await writeWorld(temp.dir, WORLD);
    db = await open(temp.dir);
  });
  afterAll(() => remove?.());

  const expected = (members: string[]) =>
    ROWS.filter((r) => r.actor_id !== r.target_id && members.includes(r.actor_id) && members.includes(r.target_id))
      .map((r) => ({...r, actor_id: `x:${r.actor_id}`, target_id: `x:${r.target_id}`}))
      .sort((p, q) => (p.actor_id + p.target_id < q.actor_id + q.target_id ? -1 : 1));

  it("egoEdges(db, account, 1) counts the interactions among the account and its neighbours, by pair and kind", async () => {
    expect(await egoEdges(db, "x:c", 1)).toEqual(expected(["a", "b", "c", "d"]));
  });

  it("egoEdges(db, account, 2) reaches the neighbours' neighbours and the ties among them", async () => {
    expect(await egoEdges(db, "x:c", 2)).toEqual(expected(["a", "b", "c", "d", "e", "f"]));
    expect(await egoEdges(db, "x:nobody", 2)).toEqual([]);
  });
});

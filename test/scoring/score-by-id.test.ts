import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {NodeDb} from "../../loaders/node-db.js";
import {
  scoreMethod,
  scoreMethodColumns,
  scoreMethods,
  scoreMethodsById,
  scoreRows,
  METHODS,
  type MethodScores
} from "../../scoring/index.js";
import {scoringOrder} from "../../scoring/score.js";
import {memoryWorld} from "../helpers/world.js";

describe("scoreMethodsById(db, ids, options, {known, onScored})", () => {
  let db: NodeDb;
  beforeAll(async () => {
    db = await memoryWorld({
      accounts: [
        {account_id: "t:1", network: "t", handle: "one", followers: 5},
        {account_id: "t:2", network: "t", handle: "two", followers: 50},
        {account_id: "t:3", network: "t", handle: "three", followers: 20}
      ]
    });
  });
  afterAll(() => db?.close());

  it("keeps scores by method id in the order asked, and reuses the scores it is given", async () => {
    const one = Float64Array.of(9);
    const known: MethodScores = {
      method: "reactions",
      accountIds: ["t:1"],
      values: one,
      scores: one,
      ranks: Int32Array.of(1),
      order: Uint32Array.of(0)
    };
    const scores = await scoreMethodsById(db, ["followers", "reactions"], {}, {known: new Map([["reactions", known]])});
    expect([...scores.keys()]).toEqual(["followers", "reactions"]);
    expect(scores.get("reactions")).toBe(known);
    // Reported followers of t:1, t:2, t:3: 5, 50, 20.
    const followers = scores.get("followers")!;
    expect(followers.accountIds).toEqual(["t:1", "t:2", "t:3"]);
    expect([...followers.values]).toEqual([5, 50, 20]);
    expect([...followers.ranks]).toEqual([3, 1, 2]);
    expect([...followers.order]).toEqual([1, 2, 0]);
    expect(scoreRows(followers).map((row) => [row.account_id, row.value, row.rank])).toEqual([
      ["t:2", 50, 1],
      ["t:3", 20, 2],
      ["t:1", 5, 3]
    ]);
    expect(scoreRows(followers, 2)).toEqual(scoreRows(followers).slice(0, 2));
  });

  it("gives each method the rows scoreMethod gives it, with more methods than run at once and one asked twice", async () => {
    const ids = ["followers", "reactions", "indegree", "lampos", "reactions"];
    const scores = await scoreMethodsById(db, ids);
    for (const id of ids) {
      expect(scoreRows(scores.get(id)!)).toEqual(await scoreMethod(db, id));
      expect(scores.get(id)).toEqual(await scoreMethodColumns(db, id));
    }
    // scoreMethods keeps a method asked twice twice.
    expect(await scoreMethods(db, ids)).toEqual(ids.flatMap((id) => scoreRows(scores.get(id)!)));
  });

  it("tells of each method as it ends, counting up to the number asked for", async () => {
    const heard: [string, number, number][] = [];
    const ids = ["followers", "reactions", "indegree", "lampos"];
    await scoreMethodsById(db, ids, {}, {onScored: (id, done, total) => heard.push([id, done, total])});
    expect(heard.map(([, done, total]) => [done, total])).toEqual([
      [1, 4],
      [2, 4],
      [3, 4],
      [4, 4]
    ]);
    expect(heard.map(([id]) => id).sort()).toEqual([...ids].sort());
  });

  it("fails before scoring anything when weights are wrong", async () => {
    const heard: string[] = [];
    await expect(
      scoreMethodsById(
        db,
        ["followers", "klout"],
        {weights: {klout: {nonsense: 1}}},
        {onScored: (id) => heard.push(id)}
      )
    ).rejects.toThrow(/nonsense/);
    expect(heard).toEqual([]);
  });
});

describe("scoringOrder(methodIds)", () => {
  it("starts the methods with a long kernel first and keeps the others in the order given", () => {
    const ids = ["followers", "influence-passivity", "pagerank", "klout"];
    expect(METHODS.filter((m) => m.longKernel).map((m) => m.id)).toEqual(["influence-passivity"]);
    expect(scoringOrder(ids)).toEqual([1, 0, 2, 3]);
    expect(scoringOrder(["klout", "followers"])).toEqual([0, 1]);
    expect(scoringOrder([])).toEqual([]);
  });
});

import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {scoreAll} from "../../src/components/score-all.js";
import type {NodeDb} from "../../loaders/node-db.js";
import type {ScoreRow} from "../../scoring/score.js";
import {memoryWorld} from "../helpers/world.js";

describe("scoreAll", () => {
  let db: NodeDb;
  beforeAll(async () => {
    db = await memoryWorld({
      accounts: [
        {account_id: "t:1", network: "t", handle: "one", followers: 5},
        {account_id: "t:2", network: "t", handle: "two", followers: 50}
      ]
    });
  });
  afterAll(() => db?.close());

  it("scoreAll(db, ids, known) scores each method in order and reuses the rows it is given", async () => {
    const known: ScoreRow[] = [{account_id: "t:1", method: "reactions", value: 9, score: 9, rank: 1}];
    const scores = await scoreAll(db, ["followers", "reactions"], new Map([["reactions", known]]));
    expect([...scores.keys()]).toEqual(["followers", "reactions"]);
    expect(scores.get("reactions")).toBe(known);
    // Reported followers: 50 then 5.
    expect(scores.get("followers")!.map((row) => [row.account_id, row.value, row.rank])).toEqual([
      ["t:2", 50, 1],
      ["t:1", 5, 2]
    ]);
  });
});

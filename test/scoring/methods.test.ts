/** Each starting method against values worked out by hand or by an independent solver on the fixture world. */
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {NodeDb} from "../../loaders/node-db.js";
import {rankDescending, scoreMethod} from "../../scoring/index.js";
import {FIXTURE_WORLD} from "../helpers/fixture-world.js";
import {openNative, tempDir, writeWorld} from "../helpers/world.js";

let db: NodeDb;
const temp = tempDir();

beforeAll(async () => {
  await writeWorld(temp.dir, FIXTURE_WORLD);
  db = await openNative(temp.dir);
});
afterAll(() => {
  db?.close();
  temp.remove();
});

async function byAccount(methodId: string) {
  return new Map((await scoreMethod(db, methodId)).map((row) => [row.account_id, row]));
}

describe("followers", () => {
  it("uses reported followers, and follower in-degree where none is reported", async () => {
    const rows = await byAccount("followers");
    // Reported: a 100, b 10. In-degree: c is followed by a, b and d; y by x; d and x by nobody.
    expect([...rows].map(([id, row]) => [id, row.value, row.rank])).toEqual([
      ["twitter:a", 100, 1],
      ["twitter:b", 10, 2],
      ["twitter:c", 3, 3],
      ["mastodon:y", 1, 4],
      ["mastodon:x", 0, 5],
      ["twitter:d", 0, 5]
    ]);
  });
});

describe("reactions", () => {
  it("counts reactions from other accounts", async () => {
    const rows = await byAccount("reactions");
    expect(Object.fromEntries([...rows].map(([id, row]) => [id, row.value]))).toEqual({
      "twitter:a": 3,
      "mastodon:x": 2,
      "twitter:b": 1,
      "twitter:c": 1,
      "mastodon:y": 0,
      "twitter:d": 0
    });
    expect(rows.get("twitter:b")!.rank).toBe(3);
    expect(rows.get("twitter:c")!.rank).toBe(3);
  });
});

describe("pagerank", () => {
  it("matches a direct linear solve of the PageRank equations", async () => {
    const rows = await byAccount("pagerank");
    // Edges (reactor → reacted-to, weight = count): b→a 1, c→a 2, d→b 1, a→c 1, y→x 2; x is dangling.
    // Solved with numpy.linalg.solve on (I − 0.85·M − 0.85/6·1·dᵀ) p = 0.15/6·1, independent of scoring/.
    const expected: Record<string, number> = {
      "mastodon:x": 0.06267645398080181,
      "mastodon:y": 0.03387916431394693,
      "twitter:a": 0.4178430265386787,
      "twitter:b": 0.06267645398080182,
      "twitter:c": 0.38904573687182376,
      "twitter:d": 0.03387916431394693
    };
    for (const [id, value] of Object.entries(expected)) expect(rows.get(id)!.value).toBeCloseTo(value, 9);
    // The display score is the value relative to the average account (1/6).
    expect(rows.get("twitter:a")!.score).toBeCloseTo(0.4178430265386787 * 6, 8);
    expect(rows.get("twitter:a")!.rank).toBe(1);
  });
});

describe("rankDescending(values)", () => {
  it("gives standard competition ranks, largest first", () => {
    expect(Array.from(rankDescending([5, 9, 5, 1, 9]))).toEqual([3, 1, 3, 5, 1]);
    expect(Array.from(rankDescending([]))).toEqual([]);
  });
});

/** Each starting method against values worked out by hand or by an independent solver on the fixture world. */
import fc from "fast-check";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {NodeDb} from "../../loaders/node-db.js";
import {availableMethods, getMethod, rankDescending, scoreMethod, type MethodOptions} from "../../scoring/index.js";
import {rankedRows} from "../../scoring/score.js";
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

async function byAccount(methodId: string, options: MethodOptions = {}) {
  return new Map((await scoreMethod(db, methodId, options)).map((row) => [row.account_id, row]));
}

async function values(methodId: string, options: MethodOptions = {}) {
  return Object.fromEntries([...(await byAccount(methodId, options))].map(([id, row]) => [id, row.value]));
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

describe("indegree and lampos", () => {
  it("indegree counts distinct followers in the follow graph", async () => {
    expect(await values("indegree")).toEqual({
      "twitter:c": 3,
      "mastodon:y": 1,
      "mastodon:x": 0,
      "twitter:a": 0,
      "twitter:b": 0,
      "twitter:d": 0
    });
  });

  it("lampos is ln((listed+1)(followers+1)²/(following+1)) with missing counts as 0", async () => {
    const rows = await values("lampos");
    expect(rows["twitter:a"]).toBeCloseTo(Math.log((101 * 101) / 6), 12); // listed 0, followers 100, following 5
    expect(rows["twitter:b"]).toBeCloseTo(Math.log(121), 12); // followers 10
    expect(rows["twitter:c"]).toBe(0);
  });
});

describe("reposts and mentions (Cha et al.)", () => {
  it("count each kind received from others", async () => {
    expect(await values("reposts")).toMatchObject({"twitter:a": 2, "mastodon:x": 2, "twitter:b": 0});
    // twitter:a's mention of itself is not counted.
    expect(await values("mentions")).toMatchObject({"twitter:b": 1, "twitter:a": 0});
  });

  it("count only what falls inside the window", async () => {
    // The window [1 March, 2 March) holds the reposts of 1 March only.
    const window = {at: Date.UTC(2026, 2, 2), windowDays: 1};
    expect(await values("reposts", window)).toMatchObject({"twitter:a": 2, "mastodon:x": 1});
    expect(await values("reactions", window)).toMatchObject({"twitter:a": 2, "twitter:b": 0});
  });
});

describe("pagerank-follows", () => {
  it("matches the PageRank equations solved by hand on the follow graph", async () => {
    // Edges a→c, b→c, d→c, x→y; c and y are dangling. Solving p = 0.85·M·p + 0.85·(p_c + p_y)/6 + 0.15/6 by
    // hand gives p_a = p_b = p_d = p_x = 5/47, p_y = 37/188, p_c = 71/188 (numpy.linalg.solve agrees).
    const rows = await values("pagerank-follows");
    for (const id of ["twitter:a", "twitter:b", "twitter:d", "mastodon:x"]) expect(rows[id]).toBeCloseTo(5 / 47, 10);
    expect(rows["mastodon:y"]).toBeCloseTo(37 / 188, 10);
    expect(rows["twitter:c"]).toBeCloseTo(71 / 188, 10);
  });
});

describe("graph baselines", () => {
  it("kshell is 1 everywhere on the fixture's reaction graph", async () => {
    // Undirected reaction edges a–b, a–c, b–d, x–y: peeling the leaves c, d, x, y leaves a and b with degree 1,
    // so every account is in the 1-shell.
    expect(new Set(Object.values(await values("kshell")))).toEqual(new Set([1]));
  });

  it("hits authority goes to the accounts reacted to by good hubs", async () => {
    // Authorities of the reaction graph: a is reacted to by b and c (weights 1 and 2), b by d, c by a, x by y (2).
    // The authority vector is the top eigenvector of AᵀA; a and x dominate it, and d and y (never reacted to) get 0.
    const rows = await values("hits");
    expect(rows["twitter:d"]).toBe(0);
    expect(rows["mastodon:y"]).toBe(0);
    expect(rows["twitter:a"]! + rows["twitter:b"]! + rows["twitter:c"]! + rows["mastodon:x"]!).toBeCloseTo(1, 12);
  });

  it("twitterrank says it needs topics", async () => {
    expect((await availableMethods(db, ["twitterrank"])).unavailable).toEqual([
      {method: "twitterrank", reason: "no post carries topics"}
    ]);
  });
});

describe("weights", () => {
  it("a kind weight of 0 removes that kind's edges from the interaction graph", async () => {
    // Without reposts the edges are c→a (reply), d→b (mention), a→c (like); solved with numpy.linalg.solve.
    const rows = await values("pagerank", {weights: {repost: 0}});
    expect(rows["twitter:a"]).toBeCloseTo(0.3666361136571951, 10);
    expect(rows["twitter:b"]).toBeCloseTo(0.10174152153987168, 10);
    expect(rows["mastodon:x"]).toBeCloseTo(0.05499541704857929, 10);
  });

  it("rejects an unknown key or a negative weight, naming it", async () => {
    await expect(scoreMethod(db, "pagerank", {weights: {retweet: 1}})).rejects.toThrow(
      'weights for pagerank: unknown key "retweet" (known: repost, reply, mention, quote, like, comment, share)'
    );
    await expect(scoreMethod(db, "pagerank", {weights: {like: -1}})).rejects.toThrow(
      'weights for pagerank: "like" must be a non-negative number, got -1'
    );
    await expect(scoreMethod(db, "followers", {weights: {x: 1}})).rejects.toThrow("followers takes no weights");
  });
});

describe("availableMethods(db, ids)", () => {
  it("says which methods the data cannot feed, and why", async () => {
    const {db: empty, remove} = await emptyWorld();
    try {
      expect(await availableMethods(empty, ["followers", "indegree", "lampos", "pagerank-follows"])).toEqual({
        available: ["followers"],
        unavailable: [
          {method: "indegree", reason: "the data has no follow graph"},
          {method: "lampos", reason: "the data reports no follower counts"},
          {method: "pagerank-follows", reason: "the data has no follow graph"}
        ]
      });
    } finally {
      empty.close();
      remove();
    }
  });
});

async function emptyWorld() {
  const temp = tempDir();
  await writeWorld(temp.dir, {accounts: [{account_id: "t:1", network: "t", handle: "one"}]});
  return {db: await openNative(temp.dir), remove: temp.remove};
}

describe("rankDescending(values)", () => {
  it("gives standard competition ranks, largest first", () => {
    expect(Array.from(rankDescending([5, 9, 5, 1, 9]))).toEqual([3, 1, 3, 5, 1]);
    expect(Array.from(rankDescending([]))).toEqual([]);
  });

  it("ranks -0 with 0 and infinities among the numbers", () => {
    expect(Array.from(rankDescending([0, -Infinity, -0, Infinity, 0, -1]))).toEqual([2, 6, 2, 1, 2, 5]);
  });

  it("equals the rank counted by definition: 1 + the number of larger values", () => {
    // Few distinct values, so that most values are tied.
    const value = fc.oneof(fc.integer({min: -3, max: 3}), fc.constantFrom(0.5, -0, Infinity, -Infinity, 1e-300));
    fc.assert(
      fc.property(fc.array(value, {maxLength: 60}), (values) => {
        const expected = values.map((v) => 1 + values.filter((w) => w > v).length);
        expect(Array.from(rankDescending(values))).toEqual(expected);
      })
    );
  });
});

describe("rankedRows(method, accountIds, values)", () => {
  const method = getMethod("reactions");
  const rowsOf = (ids: string[], values: number[]) =>
    rankedRows(method, ids, Float64Array.from(values)).map((row) => [row.account_id, row.rank]);

  it("orders rows by rank, ties by account id, whatever the order of the accounts", () => {
    // By hand: 9 and 9 share rank 1 (a before d), 5 and 5 share rank 3 (b before c), 1 is 5th.
    const expected = [
      ["t:a", 1],
      ["t:d", 1],
      ["t:b", 3],
      ["t:c", 3],
      ["t:e", 5]
    ];
    expect(rowsOf(["t:a", "t:b", "t:c", "t:d", "t:e"], [9, 5, 5, 9, 1])).toEqual(expected);
    expect(rowsOf(["t:d", "t:c", "t:e", "t:b", "t:a"], [9, 5, 1, 5, 9])).toEqual(expected);
  });

  it("orders sorted accounts by value, ties by id, like a plain sort of (value, id) pairs", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({min: 0, max: 4}), {maxLength: 50}), (values) => {
        const ids = values.map((_, i) => `t:${String(i).padStart(3, "0")}`);
        const expected = ids
          .map((id, i) => ({id, value: values[i]!}))
          .sort((a, b) => b.value - a.value || (a.id < b.id ? -1 : 1))
          .map(({id}) => id);
        expect(rowsOf(ids, values).map(([id]) => id)).toEqual(expected);
      })
    );
  });
});

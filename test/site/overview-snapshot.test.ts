/**
 * The overview's first view as the build computes it (`overviewSnapshot`, written by `src/data/overview.json.ts`)
 * and the page's choice between it and duckdb-wasm (`shownView`). Expected values are worked
 * out by hand from the fixture world (test/helpers/fixture-world.ts); the browser's engine must compute the same.
 */
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {NodeDb} from "../../loaders/node-db.js";
import type {Db} from "../../scoring/db.js";
import {getMethod, scoreMethod} from "../../scoring/index.js";
import {LEADERBOARD_SIZE, methodView, shownView, type OverviewSnapshot} from "../../src/components/overview.js";
import {liveOverview, overviewSnapshot} from "../../src/components/overview-scores.js";
import {FIXTURE_WORLD} from "../helpers/fixture-world.js";
import {openNative, openWasm, tempDir, writeWorld} from "../helpers/world.js";

let native: NodeDb;
let wasm: Db;
let snapshot: OverviewSnapshot;
const temp = tempDir();

beforeAll(async () => {
  await writeWorld(temp.dir, FIXTURE_WORLD);
  native = await openNative(temp.dir);
  wasm = await openWasm(temp.dir);
  snapshot = await overviewSnapshot(native);
});
afterAll(() => {
  native?.close();
  temp.remove();
});

describe("overviewSnapshot(db)", () => {
  it("counts each network's accounts, posts, interactions and follows", () => {
    expect(
      snapshot.counts.map(({network, accounts, posts, interactions, follows}) => [
        network,
        accounts,
        posts,
        interactions,
        follows
      ])
    ).toEqual([
      ["mastodon", 2, 1, 3, 1],
      ["twitter", 4, 2, 6, 3]
    ]);
    expect(snapshot.kinds).toContainEqual({network: "mastodon", kind: "repost", interactions: 2});
    expect(snapshot.kinds).toContainEqual({network: "twitter", kind: "mention", interactions: 2});
  });

  it("has a view for exactly the methods the world can feed, each binning every account once", () => {
    const ids = snapshot.available.map((method) => method.id);
    expect(Object.keys(snapshot.views)).toEqual(ids);
    expect(ids).toEqual(expect.arrayContaining(["followers", "reactions", "pagerank", "klout"]));
    expect(snapshot.available.find((method) => method.id === "reactions")).toEqual({
      id: "reactions",
      name: getMethod("reactions").name,
      summary: getMethod("reactions").summary,
      scoreLabel: getMethod("reactions").scoreLabel
    });
    for (const [id, view] of Object.entries(snapshot.views)) {
      expect(view.accounts, id).toBe(6);
      expect(
        view.bins.reduce((sum, bin) => sum + bin.length, 0),
        id
      ).toBe(6);
      expect(view.top, id).toHaveLength(6);
    }
  });

  it("ranks reactions received from others as counted by hand, with handles", () => {
    // twitter:a: reposts from b and c and a reply from c (its mention of itself is no reaction); mastodon:x: two
    // reposts; twitter:b: a mention; twitter:c: a like; twitter:d and mastodon:y none (a follow is no reaction).
    expect(
      snapshot.views.reactions!.top.map(({handle, network, rank, value}) => [handle, network, rank, value])
    ).toEqual([
      ["alice", "twitter", 1, 3],
      ["xena@example.social", "mastodon", 2, 2],
      ["bob", "twitter", 3, 1],
      ["carol", "twitter", 3, 1],
      ["yuri@example.social", "mastodon", 5, 0],
      ["dave", "twitter", 5, 0]
    ]);
  });

  it("is what the browser's engine (duckdb-wasm) computes for the same world", async () => {
    expect(await overviewSnapshot(wasm)).toEqual(snapshot);
  });

  it("is the same view as scoring one method alone, without the shared query cache", async () => {
    const accounts = snapshot.views.pagerank!.top.map(({account_id, handle, network}) => ({
      account_id,
      handle,
      network
    }));
    expect(methodView(await scoreMethod(native, "pagerank"), accounts)).toEqual(snapshot.views.pagerank);
  });
});

describe("methodView(scores, accounts)", () => {
  it(`keeps the top ${LEADERBOARD_SIZE} rows in order and bins every score`, () => {
    const scores = Array.from({length: 60}, (_, i) => ({
      account_id: `n:${i}`,
      method: "m",
      value: 60 - i,
      score: 60 - i,
      rank: i + 1
    }));
    const view = methodView(scores, [{account_id: "n:0", handle: "first", network: "n"}]);
    expect(view.accounts).toBe(60);
    expect(view.top).toHaveLength(LEADERBOARD_SIZE);
    expect(view.top[0]).toEqual({account_id: "n:0", handle: "first", network: "n", rank: 1, score: 60, value: 60});
    expect(view.top.at(-1)!.rank).toBe(LEADERBOARD_SIZE);
    expect(view.bins.reduce((sum, bin) => sum + bin.length, 0)).toBe(60);
    expect([view.bins[0]!.x0, view.bins.at(-1)!.x1]).toEqual([1, 60]);
  });
});

describe("shownView(method, snapshot, live)", () => {
  it("gives the build's view when the snapshot has the method, without asking the engine", async () => {
    let asked = 0;
    const live = {
      facts: async () => snapshot,
      view: async () => {
        asked++;
        return snapshot.views.followers!;
      },
      close: async () => undefined
    };
    expect(await shownView("reactions", snapshot, live)).toEqual({computed: "build", ...snapshot.views.reactions});
    expect(asked).toBe(0);
  });

  it("gives the engine's view, from duckdb-wasm, equal to the build's, when there is no snapshot", async () => {
    const live = await liveOverview({...wasm, close: async () => undefined});
    expect(await shownView("followers", null, live)).toEqual({computed: "browser", ...snapshot.views.followers});
  });

  it("fails, naming the method, with neither a snapshot nor an engine", async () => {
    await expect(shownView("followers", null, null)).rejects.toThrow(/no view of followers/);
  });
});

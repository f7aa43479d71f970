/**
 * The same scoring code on both engines: native DuckDB over the warehouse's Parquet files, and duckdb-wasm
 * (the browser's engine) over the `.duckdb` file the site ships. Results must be identical, and equal to
 * values worked out by hand from the fixture world (see test/helpers/fixture-world.ts).
 */
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {NodeDb} from "../../loaders/node-db.js";
import {hasRows, type Db} from "../../scoring/db.js";
import {
  activityFeatures,
  availableMethods,
  interactionKindCounts,
  networkCounts,
  scoreMethods,
  METHODS
} from "../../scoring/index.js";
import {FIXTURE_WORLD} from "../helpers/fixture-world.js";
import {openNative, openWasm, tempDir, writeWorld} from "../helpers/world.js";

let native: NodeDb;
let wasm: Db;
const temp = tempDir();

beforeAll(async () => {
  await writeWorld(temp.dir, FIXTURE_WORLD);
  native = await openNative(temp.dir);
  wasm = await openWasm(temp.dir);
});
afterAll(() => {
  native?.close();
  temp.remove();
});

const march = (day: number) => Date.UTC(2026, 2, day);

describe("activityFeatures(db)", () => {
  it("gives identical rows on native DuckDB and duckdb-wasm", async () => {
    const [a, b] = [await activityFeatures(native), await activityFeatures(wasm)];
    expect(a).toHaveLength(6);
    expect(b).toEqual(a);
  });

  it("gives identical rows on both engines within a time window", async () => {
    const window = {from: march(2), to: march(3)};
    expect(await activityFeatures(wasm, window)).toEqual(await activityFeatures(native, window));
  });

  it("counts reactions received by kind, leaving out reactions to oneself", async () => {
    const byId = new Map((await activityFeatures(native)).map((row) => [row.account_id, row]));
    // twitter:a: reposts from b and c, a reply from c; its own mention of itself does not count.
    expect(byId.get("twitter:a")).toMatchObject({
      reactions_received: 3,
      reposts_received: 2,
      replies_received: 1,
      mentions_received: 0,
      distinct_reactors: 2,
      actions_made: 2,
      posts_made: 2,
      first_activity: march(1),
      last_activity: march(4)
    });
    expect(byId.get("twitter:b")).toMatchObject({reactions_received: 1, mentions_received: 1, actions_made: 1});
    expect(byId.get("twitter:c")).toMatchObject({reactions_received: 1, likes_received: 1, actions_made: 2});
    expect(byId.get("twitter:d")).toMatchObject({reactions_received: 0, distinct_reactors: 0, actions_made: 1});
    // mastodon:x: two reposts from the same account, one distinct reactor; following is not an action here.
    expect(byId.get("mastodon:x")).toMatchObject({reactions_received: 2, distinct_reactors: 1, actions_made: 0});
    // mastodon:y was followed, which is not a reaction.
    expect(byId.get("mastodon:y")).toMatchObject({reactions_received: 0, actions_made: 2, posts_made: 0});
  });

  it("keeps only what happened inside [from, to)", async () => {
    const byId = new Map(
      (await activityFeatures(native, {from: march(2), to: march(3)})).map((r) => [r.account_id, r])
    );
    // On 2 March: c replied to a, d mentioned b, y reposted x, x followed y.
    expect(byId.get("twitter:a")).toMatchObject({reactions_received: 1, replies_received: 1, posts_made: 0});
    expect(byId.get("twitter:b")).toMatchObject({reactions_received: 1});
    expect(byId.get("mastodon:x")).toMatchObject({reactions_received: 1});
    expect(byId.get("twitter:d")).toMatchObject({first_activity: march(2), last_activity: march(2)});
    expect(byId.get("twitter:a")).toMatchObject({first_activity: null, last_activity: null});
  });
});

describe("networkCounts(db) and interactionKindCounts(db)", () => {
  it("count each network's rows, identically on both engines", async () => {
    const counts = await networkCounts(native);
    expect(counts).toEqual([
      {network: "mastodon", accounts: 2, posts: 1, interactions: 3, follows: 1, first_ts: march(1), last_ts: march(2)},
      {network: "twitter", accounts: 4, posts: 2, interactions: 6, follows: 3, first_ts: march(1), last_ts: march(3)}
    ]);
    expect(await networkCounts(wasm)).toEqual(counts);
    expect(await interactionKindCounts(wasm)).toEqual(await interactionKindCounts(native));
  });
});

describe("scoreMethods(db, methods)", () => {
  it("gives identical scores and ranks on both engines for every method", async () => {
    const {available: ids, unavailable} = await availableMethods(
      native,
      METHODS.map((method) => method.id)
    );
    // The fixture world has follows but its posts carry no topics: only TwitterRank cannot run.
    expect(unavailable.map((u) => u.method)).toEqual(["twitterrank"]);
    expect(
      await availableMethods(
        wasm,
        METHODS.map((method) => method.id)
      )
    ).toEqual({available: ids, unavailable});
    const [a, b] = [await scoreMethods(native, ids), await scoreMethods(wasm, ids)];
    expect(a).toHaveLength(6 * ids.length);
    expect(b).toEqual(a);
  });
});

describe("hasRows(db, select, params)", () => {
  it("tells on both engines whether a query returns any row, with parameters", async () => {
    for (const db of [native, wasm]) {
      expect(await hasRows(db, "SELECT 1 FROM accounts")).toBe(true);
      expect(await hasRows(db, "SELECT 1 FROM accounts WHERE account_id = ?", ["twitter:a"])).toBe(true);
      expect(await hasRows(db, "SELECT 1 FROM accounts WHERE account_id = ?", ["twitter:nobody"])).toBe(false);
      expect(await hasRows(db, "SELECT 1 FROM interactions WHERE kind = 'rating'")).toBe(false);
    }
  });
});

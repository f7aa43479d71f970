import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {
  accountHistory,
  accountMoments,
  counterparts,
  methodScores,
  momentRows,
  networkActivity,
  profileAccount
} from "../../src/components/profile.js";
import type {NodeDb} from "../../loaders/node-db.js";
import {scoreMethod, type MethodScores} from "../../scoring/score.js";
import {memoryWorld} from "../helpers/world.js";

const at = (day: number) => new Date(Date.UTC(2026, 2, day));
const reaction = (actor_id: string, target_id: string, kind: string, day = 1) => ({
  ts: at(day),
  network: actor_id.startsWith("t:") ? "twitter" : "mastodon",
  actor_id,
  target_id,
  kind
});

// Alice has a Twitter account (person_id p1) and a Mastodon one linked to p1 only through identities.
const WORLD = {
  accounts: [
    {account_id: "t:a", network: "twitter", handle: "alice", person_id: "p1", followers: 100},
    {account_id: "m:a", network: "mastodon", handle: "alice@m"},
    {account_id: "m:b", network: "mastodon", handle: "bea"},
    {account_id: "t:b", network: "twitter", handle: "bob"},
    {account_id: "t:c", network: "twitter", handle: "carol"},
    {account_id: "t:quiet", network: "twitter", handle: "quiet"}
  ],
  identities: [{person_id: "p1", account_id: "m:a"}],
  posts: [
    {post_id: "t:1", account_id: "t:a", network: "twitter", created_at: at(1), kind: "post"},
    {post_id: "t:2", account_id: "t:a", network: "twitter", created_at: at(2), kind: "post"},
    {post_id: "m:1", account_id: "m:a", network: "mastodon", created_at: at(2), kind: "post"}
  ],
  interactions: [
    reaction("t:b", "t:a", "like"),
    reaction("t:b", "t:a", "like", 2),
    reaction("t:b", "t:a", "repost"),
    reaction("t:c", "t:a", "reply"),
    reaction("t:c", "t:a", "follow"), // not a reaction
    reaction("t:a", "t:a", "like"), // oneself: activity, not a reaction
    reaction("t:a", "t:b", "mention"),
    reaction("m:b", "m:a", "like")
  ],
  follows: [{follower_id: "m:b", followee_id: "m:a", network: "mastodon"}]
};

describe("the profile's queries", () => {
  let db: NodeDb;
  beforeAll(async () => {
    db = await memoryWorld(WORLD as Parameters<typeof memoryWorld>[0]);
  });
  afterAll(() => db?.close());

  it("profileAccount(db, id) finds the account and its person, by person_id, identities or itself", async () => {
    expect(await profileAccount(db, "t:a")).toMatchObject({handle: "alice", followers: 100, person: "p1"});
    expect((await profileAccount(db, "m:a"))?.person).toBe("p1");
    expect((await profileAccount(db, "t:b"))?.person).toBe("t:b");
    expect(await profileAccount(db, "t:none")).toBeUndefined();
  });

  it("networkActivity(db, person) lists the person's accounts per network with posts, actions, reactions and followers", async () => {
    expect(await networkActivity(db, "p1")).toEqual([
      // One post; one like from bea; no reported count, so bea's follow makes 1 follower.
      {
        account_id: "m:a",
        network: "mastodon",
        handle: "alice@m",
        posts: 1,
        actions: 0,
        reactions_received: 1,
        followers: 1
      },
      // Two posts; actions: the self-like and the mention; reactions: bob's 2 likes and repost, carol's reply (her
      // follow is no reaction, the self-like is not from another account); 100 reported followers.
      {
        account_id: "t:a",
        network: "twitter",
        handle: "alice",
        posts: 2,
        actions: 2,
        reactions_received: 4,
        followers: 100
      }
    ]);
  });

  it("networkActivity(db, person) gives an inactive account zeros", async () => {
    expect(await networkActivity(db, "t:quiet")).toEqual([
      {
        account_id: "t:quiet",
        network: "twitter",
        handle: "quiet",
        posts: 0,
        actions: 0,
        reactions_received: 0,
        followers: 0
      }
    ]);
  });

  it("counterparts(db, id, direction) counts reactions from others, most first", async () => {
    expect(await counterparts(db, "t:a", "by")).toEqual([
      {account_id: "t:b", network: "twitter", handle: "bob", reactions: 3},
      {account_id: "t:c", network: "twitter", handle: "carol", reactions: 1}
    ]);
    expect(await counterparts(db, "t:a", "to")).toEqual([
      {account_id: "t:b", network: "twitter", handle: "bob", reactions: 1}
    ]);
    expect(await counterparts(db, "t:a", "by", {limit: 1})).toHaveLength(1);
    expect(await counterparts(db, "t:quiet", "by")).toEqual([]);
  });
});

describe("methodScores", () => {
  /** Scores listed in rank order: ranks 1, 2, … as given, display score twice the value. */
  const rows = (method: string, values: Record<string, number>): MethodScores => {
    const column = Float64Array.from(Object.values(values));
    return {
      method,
      accountIds: Object.keys(values),
      values: column,
      scores: column.map((value) => value * 2),
      ranks: Int32Array.from(column.keys(), (i) => i + 1),
      order: Uint32Array.from(column.keys())
    };
  };

  it("methodScores(scores, id) gives each method's row for the account with its percentile, ties counting half", () => {
    const scores = new Map([
      ["m", rows("m", {a: 10, b: 5, c: 5, d: 1})],
      ["n", rows("n", {a: 1, b: 2})]
    ]);
    // Under m, b has a above it and c tied: (1 + 0.5) of the 3 others are above, so 50% of them are below.
    expect(methodScores(scores, "b")).toEqual([
      {method: "m", value: 5, score: 10, rank: 2, of: 4, percentile: 50},
      {method: "n", value: 2, score: 4, rank: 2, of: 2, percentile: 100}
    ]);
    // d: all 3 others above under m; n did not score d, so it is left out.
    expect(methodScores(scores, "d")).toEqual([{method: "m", value: 1, score: 2, rank: 4, of: 4, percentile: 0}]);
  });
});

describe("the profile's history and moments", () => {
  let db: NodeDb;
  beforeAll(async () => {
    db = await memoryWorld({
      ...WORLD,
      // Bob reposts Alice's first post on day 3: a reaction to a post, which the moments can leave out.
      interactions: [...WORLD.interactions, {...reaction("t:b", "t:a", "repost", 3), post_id: "t:1"}]
    } as Parameters<typeof memoryWorld>[0]);
  });
  afterAll(() => db?.close());

  it("accountHistory(db, id) gives the account's Klout-style row of every day, as scoring that day alone", async () => {
    const history = await accountHistory(db, "t:a");
    expect(history.map((row) => row.date)).toEqual(["2026-03-01", "2026-03-02", "2026-03-03"]);
    for (const [k, row] of history.entries()) {
      const day = (await scoreMethod(db, "klout", {at: Date.UTC(2026, 2, k + 2)})).find((r) => r.account_id === "t:a")!;
      expect(row.account_id).toBe("t:a");
      expect(row.value).toBeCloseTo(day.value, 9);
      expect([row.score, row.rank]).toEqual([day.score, day.rank]);
    }
  });

  it("accountMoments(db, id) lists the posts whose reactions raised the score, and none for a quiet account", async () => {
    const moments = await accountMoments(db, "t:a");
    expect(moments.map(({post_id, date, text, reactions}) => [post_id, date, text, reactions])).toEqual([
      ["t:1", "2026-03-01", "(no text in the data)", 1]
    ]);
    expect(moments[0]!.effect).toBeGreaterThan(0);
    expect(await accountMoments(db, "t:quiet")).toEqual([]);
  });

  it("momentRows(moments) keeps the positive effects, sums the reactions and keeps the text as it is", () => {
    const moment = {post_id: "p", created_at: Date.UTC(2026, 2, 4, 23), text: "<b>hi</b>", delta: 0.25};
    expect(
      momentRows([
        {...moment, reactions: {repost: 2, reply: 1}},
        {...moment, post_id: "q", reactions: {}, delta: 0}
      ])
    ).toEqual([{post_id: "p", date: "2026-03-04", text: "<b>hi</b>", reactions: 3, effect: 0.25}]);
  });
});

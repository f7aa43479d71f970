/**
 * The pairs-logistic method: a warehouse scored by hand, weights learned from pairs and read back from their
 * file, and the sign rule (negative weights for this method only).
 */
import {writeFileSync} from "node:fs";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {NodeDb} from "../../../loaders/node-db.js";
import type {Interaction} from "../../../loaders/schema.js";
import {readWeightsFile} from "../../../loaders/weights-file.js";
import {logLinearScore, PAIR_FEATURES, type AccountAggregates} from "../../../scoring/evaluate/aggregate-methods.js";
import {learnPairsLogistic} from "../../../scoring/evaluate/logistic.js";
import type {LabelledPair} from "../../../scoring/evaluate/pairs.js";
import {slidingTables} from "../../../scoring/features/daily.js";
import {pairsDailyCounts, pairsFeatures} from "../../../scoring/features/pairs.js";
import {getMethod, resolveWeights, scoreMethod, WeightsError} from "../../../scoring/index.js";
import {PAIRS_LOGISTIC_WEIGHTS} from "../../../scoring/methods/pairs-logistic.js";
import {memoryWorld, tempDir} from "../../helpers/world.js";

const march = (day: number, hour = 12) => new Date(Date.UTC(2026, 2, day, hour));
const act = (actor: string, target: string, day: number, kind: Interaction["kind"]): Interaction => ({
  ts: march(day),
  network: "t",
  actor_id: actor,
  target_id: target,
  kind
});

/**
 * Window: the 2 days ending at 5 March, i.e. [3 March, 5 March). t:a reports 9 followers, 1 following, 3 listed;
 * t:b reports nothing and is followed by t:a (in-degree 1) and follows t:a (out-degree 1).
 * In the window: b mentions a twice and reposts a once, a reposts b once, a posts 4 times, b once; before the
 * window b mentions a once more and a posts once more (neither counts).
 */
const WINDOW = {at: Date.UTC(2026, 2, 5), windowDays: 2};
const WORLD = {
  accounts: [
    {account_id: "t:a", network: "t", handle: "a", followers: 9, following: 1, listed: 3},
    {account_id: "t:b", network: "t", handle: "b"}
  ],
  follows: [
    {follower_id: "t:a", followee_id: "t:b", network: "t"},
    {follower_id: "t:b", followee_id: "t:a", network: "t"}
  ],
  interactions: [
    act("t:b", "t:a", 3, "mention"),
    act("t:b", "t:a", 4, "mention"),
    act("t:b", "t:a", 4, "repost"),
    act("t:a", "t:b", 3, "repost"),
    act("t:b", "t:a", 1, "mention")
  ],
  posts: [
    ...[3, 3, 4, 4, 1].map((day, k) => ({
      post_id: `a${k}`,
      account_id: "t:a",
      network: "t",
      created_at: march(day),
      kind: "post" as const
    })),
    {post_id: "b0", account_id: "t:b", network: "t", created_at: march(4), kind: "post" as const}
  ]
};

/** The aggregates of the world's accounts over the window, rates per day of its 2 days (worked out above). */
const AGGREGATES: Record<string, AccountAggregates> = {
  "t:a": aggregates({
    follower_count: 9,
    following_count: 1,
    listed_count: 3,
    mentions_received: 2 / 2,
    retweets_received: 1 / 2,
    retweets_sent: 1 / 2,
    posts: 4 / 2
  }),
  "t:b": aggregates({
    follower_count: 1,
    following_count: 1,
    mentions_sent: 2 / 2,
    retweets_sent: 1 / 2,
    retweets_received: 1 / 2,
    posts: 1 / 2
  })
};

function aggregates(given: Partial<AccountAggregates>): AccountAggregates {
  return Object.fromEntries(PAIR_FEATURES.map((feature) => [feature, given[feature] ?? 0])) as AccountAggregates;
}

let db: NodeDb;
const temp = tempDir();
beforeAll(async () => {
  db = await memoryWorld(WORLD);
});
afterAll(() => {
  db?.close();
  temp.remove();
});

describe("pairs-logistic", () => {
  it("scores Σ w·ln(1 + x) over the window's aggregates, as worked out by hand", async () => {
    const weights = {follower_count: 0.5, listed_count: 1, mentions_received: -1, posts: 0.25, network_feature_1: 3};
    const rows = await scoreMethod(db, "pairs-logistic", {...WINDOW, weights: {...zeroWeights(), ...weights}});
    // a: 0.5·ln 10 + ln 4 − ln 2 + 0.25·ln 3; b: 0.5·ln 2 + 0.25·ln 1.5. network_feature_1 has no input (0).
    const a = 0.5 * Math.log(10) + Math.log(4) - Math.log(2) + 0.25 * Math.log(3);
    const b = 0.5 * Math.log(2) + 0.25 * Math.log(1.5);
    expect(rows.map((row) => [row.account_id, row.rank])).toEqual([
      ["t:a", 1],
      ["t:b", 2]
    ]);
    expect(rows[0]!.value).toBeCloseTo(a, 12);
    expect(rows[1]!.value).toBeCloseTo(b, 12);
  });

  it("defaults to the preset fitted on the development pairs, which loads as its own weights file", async () => {
    expect(readWeightsFile("data/weights/pairs-logistic.json")).toEqual({
      method: "pairs-logistic",
      weights: PAIRS_LOGISTIC_WEIGHTS
    });
    const rows = await scoreMethod(db, "pairs-logistic", WINDOW);
    for (const row of rows) {
      expect(row.value).toBeCloseTo(logLinearScore(AGGREGATES[row.account_id]!, PAIRS_LOGISTIC_WEIGHTS), 12);
    }
  });

  it("takes weights learned from pairs through their file: the same score as the pairs model", async () => {
    // Pairs where more followers and fewer posts win, with noise so that the fit is finite.
    const pairs: LabelledPair[] = Array.from({length: 40}, (_, k) => ({
      a: aggregates({follower_count: 10 + k, posts: 1 + (k % 3), listed_count: k % 5}),
      b: aggregates({follower_count: 30 - (k % 7), posts: 2, listed_count: 2}),
      aWins: (k * 7) % 11 < 6
    }));
    const learned = learnPairsLogistic(pairs, "pairs.csv", {folds: 4, seed: 3});
    expect(Object.values(learned.weights).some((weight) => weight! < 0)).toBe(true);
    const path = join(temp.dir, "learned.json");
    writeFileSync(path, JSON.stringify(learned));
    const file = readWeightsFile(path);
    expect(file).toEqual({method: "pairs-logistic", weights: learned.weights});
    const rows = await scoreMethod(db, "pairs-logistic", {...WINDOW, weights: file.weights});
    for (const row of rows) {
      expect(row.value).toBeCloseTo(logLinearScore(AGGREGATES[row.account_id]!, learned.weights), 12);
    }
  });
});

describe("pairsFeatures(db, window)", () => {
  it("counts each account's window as worked out by hand, as its per-day counts summed, without unknown accounts", async () => {
    // WORLD with t:ghost, absent from the accounts: b mentions it on 3 March, it reposts a on 4 March and posts.
    const ghostly = await memoryWorld({
      ...WORLD,
      interactions: [...WORLD.interactions, act("t:b", "t:ghost", 3, "mention"), act("t:ghost", "t:a", 4, "repost")],
      posts: [
        ...WORLD.posts,
        {post_id: "g0", account_id: "t:ghost", network: "t", created_at: march(3), kind: "post" as const}
      ]
    });
    try {
      const window = {from: Date.UTC(2026, 2, 3), to: Date.UTC(2026, 2, 5)};
      const features = await pairsFeatures(ghostly, window);
      expect(features.accountIds).toEqual(["t:a", "t:b"]);
      expect(features.networks).toEqual(["t", "t"]);
      expect(
        Object.fromEntries(Object.entries(features.columns).map(([name, column]) => [name, Array.from(column)]))
      ).toEqual({
        follower_count: [9, 1],
        following_count: [1, 1],
        listed_count: [3, 0],
        mentions_received: [2, 0],
        retweets_received: [2, 1],
        mentions_sent: [0, 3],
        retweets_sent: [1, 1],
        posts: [4, 1]
      });
      // One window's sums from SQL equal the per-day counts summed over every day (the daily history's path).
      for (const span of [window, {}]) {
        const [summed] = slidingTables(await pairsDailyCounts(ghostly, span), [Date.UTC(2100, 0, 1)], undefined);
        expect(await pairsFeatures(ghostly, span)).toEqual(summed);
      }
    } finally {
      ghostly.close();
    }
  });
});

describe("negative weights", () => {
  it("are refused for every other method, the error naming the key", () => {
    expect(() => resolveWeights(getMethod("klout"), {followers: -0.5})).toThrow(WeightsError);
    expect(() => resolveWeights(getMethod("klout"), {followers: -0.5})).toThrow(
      'weights for klout: "followers" must be a non-negative number, got -0.5'
    );
    const path = join(temp.dir, "klout.json");
    writeFileSync(path, JSON.stringify({method: "klout", weights: {listed: -1}}));
    expect(() => readWeightsFile(path)).toThrow(`${path}: weights for klout: "listed" must be a non-negative number`);
  });

  it("are taken by pairs-logistic, which still refuses unknown keys and non-finite values", () => {
    const method = getMethod("pairs-logistic");
    expect(resolveWeights(method, {posts: -2}).posts).toBe(-2);
    expect(() => resolveWeights(method, {followers: 1})).toThrow('unknown key "followers"');
    expect(() => resolveWeights(method, {posts: Infinity})).toThrow('"posts" must be a finite number');
  });
});

function zeroWeights(): Record<string, number> {
  return Object.fromEntries(PAIR_FEATURES.map((feature) => [feature, 0]));
}

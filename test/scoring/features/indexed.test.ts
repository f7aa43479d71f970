/**
 * The indexed interactions: accounts coded 0…n−1 in id order, other ids negative in id order, every interaction
 * kept; and the feature queries over them give the same results from the inline subqueries (a plain `Db`) as from
 * the TEMP tables of a memoized view, on a world whose interactions name ids that are not accounts.
 */
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {NodeDb} from "../../../loaders/node-db.js";
import type {Db} from "../../../scoring/db.js";
import type {DailyCounts} from "../../../scoring/features/daily.js";
import {accountCodes, indexedInteractions} from "../../../scoring/features/indexed.js";
import {kloutFeatures} from "../../../scoring/features/klout.js";
import {kredMade, kredReceived, kredReceivedSums} from "../../../scoring/features/kred-actions.js";
import {pairsDailyCounts, pairsFeatures} from "../../../scoring/features/pairs.js";
import {audience, topicGraphs, type TopicGraphs} from "../../../scoring/features/peerindex.js";
import {referenceFeatures, updateFeatures} from "../../../scoring/features/twitalyzer.js";
import {followGraph, reactionGraph} from "../../../scoring/graphs.js";
import {memoizedDb, releaseDb} from "../../../scoring/memo-db.js";
import type {WorldRows} from "../../helpers/world.js";
import {memoryWorld} from "../../helpers/world.js";

const day = (n: number) => new Date(Date.UTC(2026, 2, n));
const account = (id: string, followers?: number) => ({account_id: id, network: "t", handle: id, followers});
const interaction = (n: number, actor: string, target: string, kind: string, post?: string) => ({
  ts: day(n),
  network: "t",
  actor_id: actor,
  target_id: target,
  kind,
  post_id: post
});

// t:b and t:z are accounts; s:x and s:q are not (strangers), s:q only as a target.
const WORLD: WorldRows = {
  accounts: [account("t:z", 500), account("t:b", 3)],
  posts: [
    {post_id: "p1", account_id: "t:b", network: "t", created_at: day(1), kind: "post", topics: ["a", "b"]},
    {post_id: "p2", account_id: "s:x", network: "t", created_at: day(2), kind: "post", topics: ["a"]}
  ],
  interactions: [
    interaction(1, "s:x", "t:b", "repost", "p1"),
    interaction(1, "s:x", "t:b", "mention", "p1"),
    interaction(2, "t:z", "t:b", "mention", "p1"),
    interaction(2, "t:z", "t:b", "reply", "p1"),
    interaction(2, "t:b", "s:q", "mention", "p2"),
    interaction(3, "s:x", "s:x", "mention"),
    interaction(3, "s:x", "s:q", "repost", "p2"),
    interaction(3, "t:b", "t:b", "like"),
    interaction(3, "t:z", "s:x", "quote", "p2")
  ],
  follows: [
    {follower_id: "t:b", followee_id: "t:z", network: "t"},
    {follower_id: "s:x", followee_id: "t:z", network: "t"}
  ]
};

let db: NodeDb;
beforeAll(async () => void (db = await memoryWorld(WORLD)));
afterAll(() => db?.close());

describe("the indexed interactions", () => {
  it("code accounts 0…n−1 in id order and other ids −m…−1 in id order", async () => {
    const rows = await db.query(`SELECT account_id, account FROM ${await accountCodes(db)} ORDER BY account`);
    expect(rows).toEqual([
      {account_id: "s:q", account: -2},
      {account_id: "s:x", account: -1},
      {account_id: "t:b", account: 0},
      {account_id: "t:z", account: 1}
    ]);
  });

  it("keep every interaction, its ends as codes", async () => {
    const rows = await db.query<{actor: number; target: number; kind: string; day: number}>(
      `SELECT actor, target, kind, day FROM ${await indexedInteractions(db)} ORDER BY day, actor, target, kind`
    );
    const dayOf = (n: number) => day(n).getTime() / 86_400_000;
    expect(rows).toEqual([
      {actor: -1, target: 0, kind: "mention", day: dayOf(1)},
      {actor: -1, target: 0, kind: "repost", day: dayOf(1)},
      {actor: 0, target: -2, kind: "mention", day: dayOf(2)},
      {actor: 1, target: 0, kind: "mention", day: dayOf(2)},
      {actor: 1, target: 0, kind: "reply", day: dayOf(2)},
      {actor: -1, target: -2, kind: "repost", day: dayOf(3)},
      {actor: -1, target: -1, kind: "mention", day: dayOf(3)},
      {actor: 0, target: 0, kind: "like", day: dayOf(3)},
      {actor: 1, target: -1, kind: "quote", day: dayOf(3)}
    ]);
  });

  it("count each id that is not an account as its own person", async () => {
    // t:b was referenced by s:x and t:z: two referencers, one of them a stranger.
    const {columns} = await referenceFeatures(db);
    expect(Array.from(columns.referencers)).toEqual([2, 0]);
    expect(Array.from(columns.references_received)).toEqual([3, 0]);
    // t:z quoted s:x and t:b referenced s:q: references to strangers still count in the network.
    expect(Array.from(columns.network_references)).toEqual([4, 4]);
  });

  it("count a stranger among an account's reactors, but give it no edge of the reaction graph", async () => {
    // t:b drew reactions from s:x (a stranger) and t:z; nobody reacted to t:z.
    expect(Array.from((await kloutFeatures(db)).features.distinct_reactors)).toEqual([2, 0]);
    // Rates per active day: s:x 4 / 2, t:z 3 / 2, t:b 2 / 2; the 99th percentile of three is the largest, 2, so no
    // reactor is damped. t:z posted nothing on a network with posts: worth the silent weight 0.5; s:x posted p2.
    expect(Array.from(await audience(db, {}, {silentWeight: 0.5}))).toEqual([1 + 0.5, 0]);
    // The one edge between accounts: t:z → t:b, a mention and a reply.
    const {graph} = await reactionGraph(db);
    expect(Array.from(graph.offsets)).toEqual([0, 0, 1]);
    expect(Array.from(graph.targets)).toEqual([0]);
    expect(Array.from(graph.weights)).toEqual([2]);
  });
});

/** Per-day counts with their entries by account, then day: the queries return them in no particular order. */
function byAccountAndDay({account, day, values, ...rest}: DailyCounts) {
  const order = Array.from(account.keys()).sort((a, b) => account[a]! - account[b]! || day[a]! - day[b]!);
  return {
    ...rest,
    account: order.map((i) => account[i]),
    day: order.map((i) => day[i]),
    values: values.map((column) => order.map((i) => column[i]))
  };
}

/** Topic graphs with each topic's rows sorted by target, then source: the query returns them in no particular order. */
function inRowOrder({topics, starts, source, target, count}: TopicGraphs): TopicGraphs {
  const order: number[] = [];
  topics.forEach((_, t) => {
    const rows = Array.from({length: starts[t + 1]! - starts[t]!}, (_, k) => starts[t]! + k);
    order.push(...rows.sort((a, b) => target[a]! - target[b]! || source[a]! - source[b]!));
  });
  const pick = (column: Int32Array) => Int32Array.from(order, (row) => column[row]!);
  return {topics, starts, source: pick(source), target: pick(target), count: pick(count)};
}

/** Every feature that reads the indexed interactions, on `db`. */
async function features(db: Db) {
  const window = {from: day(1).getTime(), to: day(3).getTime()};
  return {
    klout: await kloutFeatures(db),
    kloutWindow: await kloutFeatures(db, window),
    audience: await audience(db, {}, {silentWeight: 0.5}),
    topicsByPost: inRowOrder(await topicGraphs(db, {}, {byPost: true})),
    oneTopic: inRowOrder(await topicGraphs(db, window, {byPost: false, oneTopic: "all"})),
    references: await referenceFeatures(db),
    updates: await updateFeatures(db),
    pairs: await pairsFeatures(db, {}),
    pairsDaily: byAccountAndDay(await pairsDailyCounts(db, {})),
    kredSums: await kredReceivedSums(db, {}, 10),
    kredReceived: byAccountAndDay(await kredReceived(db, {}, 10)),
    kredMade: byAccountAndDay(await kredMade(db, window)),
    reactions: await reactionGraph(db),
    follows: await followGraph(db)
  };
}

describe("the inline form and the TEMP tables", () => {
  it("give equal features", async () => {
    const view = memoizedDb(db);
    try {
      expect(await features(view)).toEqual(await features(db));
    } finally {
      await releaseDb(view);
    }
  });
});

describe("topicGraphs without a byPost", () => {
  // On day 4 t:b posts p3, without topics, and t:z likes it.
  const later: WorldRows = {
    ...WORLD,
    posts: [...WORLD.posts!, {post_id: "p3", account_id: "t:b", network: "t", created_at: day(4), kind: "post"}],
    interactions: [...WORLD.interactions!, interaction(4, "t:z", "t:b", "like", "p3")]
  };
  const dayFour = {from: day(4).getTime(), to: day(5).getTime()};

  it("splits by the posts' topics when any post carries one, in a window without them as well", async () => {
    const world = await memoryWorld(later);
    try {
      expect(inRowOrder(await topicGraphs(world, {}, {oneTopic: "all"}))).toEqual(
        inRowOrder(await topicGraphs(world, {}, {byPost: true}))
      );
      expect((await topicGraphs(world, dayFour, {oneTopic: "all"})).topics).toEqual([]);
      const oneTopic = await topicGraphs(world, dayFour, {byPost: false, oneTopic: "all"});
      expect(oneTopic.topics).toEqual(["all"]);
      expect(Array.from(oneTopic.starts)).toEqual([0, 2]);
    } finally {
      world.close();
    }
  });

  it("makes one topic of data whose posts carry none", async () => {
    const untopical = await memoryWorld({...later, posts: later.posts!.map(({topics: _, ...post}) => post)});
    try {
      const detected = inRowOrder(await topicGraphs(untopical, dayFour, {oneTopic: "all"}));
      expect(detected.topics).toEqual(["all"]);
      // t:b's post p3 and t:z's like of it (t:b is account 0, t:z account 1).
      expect(detected).toEqual({
        topics: ["all"],
        starts: Int32Array.of(0, 2),
        source: Int32Array.of(0, 1),
        target: Int32Array.of(-1, 0),
        count: Int32Array.of(1, 1)
      });
      expect(inRowOrder(await topicGraphs(untopical, {}, {oneTopic: "all"}))).toEqual(
        inRowOrder(await topicGraphs(untopical, {}, {byPost: false, oneTopic: "all"}))
      );
    } finally {
      untopical.close();
    }
  });
});

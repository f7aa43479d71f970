/**
 * The Klout feature query's person index: accounts of one person (by `accounts.person_id`, else `identities`,
 * else the account itself) share an index, and persons are numbered in order of their first account, as
 * `personIndex` numbers the person keys of the accounts in id order; and the actor-selective reactions, summed
 * in a fixed order so that the stored order of the reactions cannot move the last bit.
 */
import fc from "fast-check";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {NodeDb} from "../../../loaders/node-db.js";
import {kloutFeatures, selectiveReactions} from "../../../scoring/features/klout.js";
import {byActor, FOLLOW} from "../../../scoring/features/reaction-pairs.js";
import {personIndex} from "../../../scoring/methods/method.js";
import {mulberry32} from "../../../scoring/random.js";
import {shuffle} from "../../../simulation/sampling.js";
import {memoryWorld, refillWorld} from "../../helpers/world.js";

const account = (id: string, extra: object = {}) => ({
  account_id: id,
  network: id.split(":")[0]!,
  handle: id,
  ...extra
});

let db: NodeDb;
beforeAll(
  async () =>
    void (db = await memoryWorld({
      accounts: [
        account("t:d", {person_id: "p2"}),
        account("m:a", {person_id: "p2"}),
        account("t:b"),
        account("m:c"),
        account("t:a"),
        account("m:e", {person_id: "p1"})
      ],
      identities: [
        {person_id: "p1", account_id: "t:b"},
        {person_id: "p3", account_id: "t:a"},
        {person_id: "p9", account_id: "t:d"}
      ]
    }))
);
afterAll(() => db?.close());

describe("kloutFeatures(db)", () => {
  it("numbers persons in order of their first account, one index per person", async () => {
    const {accounts, features} = await kloutFeatures(db);
    expect(accounts.accountIds).toEqual(["m:a", "m:c", "m:e", "t:a", "t:b", "t:d"]);
    expect(accounts.networks).toEqual(["m", "m", "m", "t", "t", "t"]);
    // Person keys by hand: the reported person, else the linked identity, else the account.
    const keys = ["p2", "m:c", "p1", "p3", "p1", "p2"];
    expect(Int32Array.from(features.person)).toEqual(personIndex(keys).persons);
  });
});

describe("kloutFeatures(db) selective reactions", () => {
  // t:t draws one like from each of six actors who act 1, 3, 7, 10, 11 and 13 times that day (their other likes go
  // to t:z). Added in this order the terms 1/n give 1.7440226440226438, in the reverse order 1.744022644022644.
  const ACTIONS = [1, 3, 7, 10, 11, 13];
  const at = new Date(Date.UTC(2026, 2, 1, 12));
  const like = (actor: string, target: string) => ({
    ts: at,
    network: "t",
    actor_id: actor,
    target_id: target,
    kind: "like"
  });
  const actors = ACTIONS.map((n) => `t:a${String(n).padStart(2, "0")}`);
  const interactions = ACTIONS.flatMap((n, i) => [
    like(actors[i]!, "t:t"),
    ...Array.from({length: n - 1}, () => like(actors[i]!, "t:z"))
  ]);
  const world = (rows: typeof interactions) => ({
    accounts: ["t:t", "t:z", ...actors].map((id) => account(id)),
    interactions: rows
  });

  it("sums the terms by the actors' actions, whatever the order of the stored reactions", async () => {
    // The ordered sum, fewest actions (largest term) first, added here as the query must add it.
    const expected = ACTIONS.reduce((sum, n) => sum + 1 / n, 0);
    expect(expected).not.toBe([...ACTIONS].reverse().reduce((sum, n) => sum + 1 / n, 0));
    const random = mulberry32(5);
    const stored = await memoryWorld(world(interactions));
    try {
      for (let order = 0; order < 20; order++) {
        const shuffled = shuffle(
          random,
          Int32Array.from(interactions, (_, i) => i)
        );
        await refillWorld(stored, world(Array.from(shuffled, (i) => interactions[i]!)));
        const {accounts, features} = await kloutFeatures(stored);
        expect(features.selective_reactions[accounts.accountIds.indexOf("t:t")]).toBe(expected);
      }
    } finally {
      stored.close();
    }
  });
});

describe("selectiveReactions(n, byActor(actions))", () => {
  it("weighs each reaction by its reactor's actions that day, every action but a follow counted", () => {
    // Day −1 (the last of 1969) and day 0 are apart. On day 0 account 2 likes 0, rates 0, reposts itself and
    // replies to stranger −4: four actions, so its like is worth 1/4 (its follow of 1 is no action). Stranger −1
    // likes 0 on day −1 (one action: 1) and likes 0 and 1 on day 0 (two actions: 1/2 each). Account 0 reposts 1 on
    // day −1 (one action: 1).
    const [rating, repost, reply, like] = [-1, 0, 1, 4];
    const rows = [
      [2, 0, like, 0],
      [2, 1, FOLLOW, 0],
      [2, 0, rating, 0],
      [2, 2, repost, 0],
      [2, -4, reply, 0],
      [-1, 0, like, -1],
      [-1, 0, like, 0],
      [-1, 1, like, 0],
      [0, 1, repost, -1]
    ];
    const {selective_reactions, reactions} = selectiveReactions(
      3,
      byActor({
        actor: rows.map((row) => row[0]!),
        target: rows.map((row) => row[1]!),
        kind: rows.map((row) => row[2]!),
        day: rows.map((row) => row[3]!)
      })
    );
    expect(Array.from(reactions)).toEqual([3, 2, 0]);
    // Account 0: 1 (day −1) + 1/2 + 1/4, fewest actions first; account 1: 1 + 1/2.
    expect(Array.from(selective_reactions)).toEqual([1 + 1 / 2 + 1 / 4, 1 + 1 / 2, 0]);
  });

  it("adds an account's terms fewest actions first, whatever the order of the actions", () => {
    // Six reactors who act 13, 11, 10, 7, 3 and 1 times that day each like account 0 once (and account 1 the other
    // times): fewest first the terms sum to a number other than in the order the actions come.
    const counts = [13, 11, 10, 7, 3, 1];
    const actor = counts.flatMap((n, i) => new Array<number>(n).fill(2 + i));
    const target = counts.flatMap((n) => [0, ...new Array<number>(n - 1).fill(1)]);
    const actions = {actor, target, kind: actor.map(() => 4), day: actor.map(() => 0)};
    const fewestFirst = [...counts].reverse().reduce((sum, n) => sum + 1 / n, 0);
    expect(fewestFirst).not.toBe(counts.reduce((sum, n) => sum + 1 / n, 0));
    expect(selectiveReactions(8, byActor(actions)).selective_reactions[0]).toBe(fewestFirst);
  });

  it("agrees with counting each actor-day in a map", () => {
    const action = fc.tuple(
      fc.integer({min: -3, max: 5}),
      fc.integer({min: -2, max: 5}),
      fc.integer({min: FOLLOW, max: 6}),
      fc.integer({min: -2, max: 2})
    );
    fc.assert(
      fc.property(fc.array(action, {maxLength: 120}), (rows) => {
        const actionsOf = new Map<string, number>();
        for (const [actor, , kind, day] of rows) {
          if (kind !== FOLLOW) actionsOf.set(`${actor}@${day}`, (actionsOf.get(`${actor}@${day}`) ?? 0) + 1);
        }
        const terms: number[][] = Array.from({length: 6}, () => []);
        for (const [actor, target, kind, day] of rows) {
          if (kind >= 0 && target >= 0 && actor !== target) terms[target]!.push(actionsOf.get(`${actor}@${day}`)!);
        }
        const {selective_reactions, reactions} = selectiveReactions(
          6,
          byActor({
            actor: rows.map((row) => row[0]),
            target: rows.map((row) => row[1]),
            kind: rows.map((row) => row[2]),
            day: rows.map((row) => row[3])
          })
        );
        expect(Array.from(reactions)).toEqual(terms.map((list) => list.length));
        const sums = terms.map((list) => list.sort((a, b) => a - b).reduce((sum, actions) => sum + 1 / actions, 0));
        expect(Array.from(selective_reactions)).toEqual(sums);
      })
    );
  });
});

describe("kloutFeatures(db) followers, lists and persons", () => {
  it("takes reported followers, else the follower in-degree, and joins an account to the person its id names", async () => {
    const follow = (follower: string, followee: string) => ({
      follower_id: follower,
      followee_id: followee,
      network: "t"
    });
    const stored = await memoryWorld({
      accounts: [
        account("t:a", {followers: 5, listed: 2}),
        account("t:b"),
        account("t:c", {followers: 0}),
        account("p:x"),
        account("t:y", {person_id: "p:x"})
      ],
      // t:b reports nothing: followed by t:a (twice) and t:c, and by itself, which does not count: in-degree 2.
      // t:a and t:c report their counts, which stand whatever the follow graph says.
      follows: [
        follow("t:a", "t:b"),
        follow("t:a", "t:b"),
        follow("t:c", "t:b"),
        follow("t:b", "t:b"),
        follow("t:b", "t:a"),
        follow("t:a", "t:c")
      ]
    });
    try {
      const {accounts, features} = await kloutFeatures(stored);
      expect(accounts.accountIds).toEqual(["p:x", "t:a", "t:b", "t:c", "t:y"]);
      expect(Array.from(features.followers)).toEqual([0, 5, 2, 0, 0]);
      expect(Array.from(features.listed)).toEqual([0, 2, 0, 0, 0]);
      // p:x has no person, so its key is its id, which is t:y's person: one person of two accounts.
      expect(Int32Array.from(features.person)).toEqual(personIndex(["p:x", "t:a", "t:b", "t:c", "p:x"]).persons);
    } finally {
      stored.close();
    }
  });
});

describe("kloutFeatures(db) reactions", () => {
  it("counts reactions and distinct reactors from other accounts, reactors outside the accounts included", async () => {
    const day = (d: number, h = 12) => new Date(Date.UTC(2026, 2, d, h));
    const action = (actor: string, target: string, kind: string, ts: Date) => ({
      ts,
      network: "t",
      actor_id: actor,
      target_id: target,
      kind
    });
    const stored = await memoryWorld({
      accounts: ["t:t", "t:a", "t:z"].map((id) => account(id)),
      interactions: [
        // 1 March: t:a likes t:t twice, follows it (not an action) and rates t:z (an action, not a reaction):
        // 3 actions, each like worth 1/3. t:o, no account, mentions t:t: its one action, worth 1.
        action("t:a", "t:t", "like", day(1, 9)),
        action("t:a", "t:t", "like", day(1, 10)),
        action("t:a", "t:t", "follow", day(1, 11)),
        action("t:a", "t:z", "rating", day(1, 12)),
        action("t:o", "t:t", "mention", day(1, 13)),
        action("t:t", "t:t", "like", day(1, 14)),
        // 2 March: t:a's one action, a repost of t:t, worth 1.
        action("t:a", "t:t", "repost", day(2))
      ]
    });
    try {
      const {accounts, features} = await kloutFeatures(stored);
      const t = accounts.accountIds.indexOf("t:t");
      expect(features.reactions[t]).toBe(4);
      expect(features.distinct_reactors[t]).toBe(2);
      // Fewest actions first: the two terms of 1, then the two of 1/3.
      expect(features.selective_reactions[t]).toBe(1 + 1 + 1 / 3 + 1 / 3);
      const z = accounts.accountIds.indexOf("t:z");
      expect([features.reactions[z], features.distinct_reactors[z], features.selective_reactions[z]]).toEqual([
        0, 0, 0
      ]);
    } finally {
      stored.close();
    }
  });
});

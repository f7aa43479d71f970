/** Score moments: leave-one-post-out deltas of the Klout- and Kred-style values, worked out by hand. */
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {NodeDb} from "../../loaders/node-db.js";
import type {Interaction} from "../../loaders/schema.js";
import {scoreMoments} from "../../scoring/moments.js";
import {memoryWorld} from "../helpers/world.js";

const T0 = Date.UTC(2026, 2, 1);
const hour = (h: number) => new Date(T0 + h * 3_600_000);
const account = (id: string, extra: object = {}) => ({account_id: id, network: "t", handle: id, ...extra});
const post = (id: string, h: number, text: string | null = null) => ({
  post_id: id,
  account_id: "t:a",
  network: "t",
  created_at: hour(h),
  kind: "post" as const,
  ...(text === null ? {} : {text})
});
const react = (actor: string, postId: string, h: number, kind: Interaction["kind"]): Interaction => ({
  ts: hour(h),
  network: "t",
  actor_id: actor,
  target_id: "t:a",
  post_id: postId,
  kind
});

/**
 * t:a posts p0 (before the range), p1 and p2 (inside) and p3 (after). On day 1: t:b reposts p1 (its only action
 * that day: selective weight 1); t:c reposts p1 and replies to p2 (two actions that day: 1/2 each); t:big
 * (20,000 followers) mentions p3 on day 3, after the range and the window. p0 draws nothing. t:d mentions t:top
 * 20 times on day 1 (no post): t:top holds the network's most Kred points.
 */
let db: NodeDb;
beforeAll(async () => {
  db = await memoryWorld({
    accounts: [
      account("t:a"),
      account("t:b"),
      account("t:c"),
      account("t:d"),
      account("t:top"),
      account("t:big", {followers: 20_000})
    ],
    posts: [post("t:p0", -30), post("t:p1", 1, "first <b>post</b>"), post("t:p2", 2), post("t:p3", 60)],
    interactions: [
      react("t:b", "t:p1", 5, "repost"),
      react("t:c", "t:p1", 6, "repost"),
      react("t:c", "t:p2", 7, "reply"),
      react("t:big", "t:p3", 70, "mention"),
      ...Array.from({length: 20}, (): Interaction => ({
        ...react("t:d", "", 3, "mention"),
        target_id: "t:top",
        post_id: null
      }))
    ]
  });
});
afterAll(() => db?.close());

const FROM = T0 - 3_600_000; // one hour before 1 March
const TO = T0 + 48 * 3_600_000; // 3 March, 00:00 (window end, exclusive)

describe("scoreMoments(db, account, {method: 'klout'})", () => {
  it("lists each post's delta: the value with its reactions minus the value without them", async () => {
    // Reactor influence weighted 0 (no PageRank in the arithmetic); followers and listed are 0 anyway.
    const result = await scoreMoments(db, "t:a", {from: FROM, to: TO, weights: {network: 0}});
    // In the window t:a has posts p0, p1, p2 (3 posts) and reactions: selective 1 + 1/2 + 1/2 = 2, 3 reactions,
    // 2 distinct reactors, amplification 3/3 = 1: s = ln 3 + ln 3 + 0.5 · ln 2.
    const value = 2 * Math.log(3) + 0.5 * Math.log(2);
    expect(result.value_to).toBeCloseTo(value, 12);
    // The value at FROM: no reactions yet, no posts in its window but p0 → 0.
    expect(result.value_from).toBe(0);
    // Without p1's reactions (b's repost, c's repost): selective 1/2, 1 reaction, 1 reactor (b reacted only to
    // p1; c also replied to p2), amplification 1/3.
    const withoutP1 = Math.log(1.5) + Math.log(2) + 0.5 * Math.log(1 + 1 / 3);
    // Without p2's reply: selective 3/2, 2 reactions, still 2 reactors, amplification 2/3.
    const withoutP2 = Math.log(2.5) + Math.log(3) + 0.5 * Math.log(1 + 2 / 3);
    expect(result.moments.map((m) => m.post_id)).toEqual(["t:p1", "t:p2"]);
    expect(result.moments[0]).toEqual({
      post_id: "t:p1",
      created_at: T0 + 3_600_000,
      text: "first <b>post</b>",
      reactions: {repost: 2},
      delta: expect.closeTo(value - withoutP1, 12)
    });
    expect(result.moments[1]!.reactions).toEqual({reply: 1});
    expect(result.moments[1]!.delta).toBeCloseTo(value - withoutP2, 12);
  });

  it("keeps the largest deltas up to the limit", async () => {
    const result = await scoreMoments(db, "t:a", {from: FROM, to: TO, limit: 1});
    expect(result.moments.map((m) => m.post_id)).toEqual(["t:p1"]);
  });
});

describe("scoreMoments(db, account, {method: 'kred'})", () => {
  it("takes each post's points off, the big actor's at five times", async () => {
    // Window to 4 March covers every reaction. t:a: P = 10 + 10 + 10 + 50 = 80; t:top: 20 · 10 = 200, the top.
    // Kred = 1 + 999 · (ln(1 + P) / ln 201)^0.5.
    const kred = (points: number) => 1 + 999 * Math.sqrt(Math.log1p(points) / Math.log(201));
    const to = T0 + 72 * 3_600_000;
    const result = await scoreMoments(db, "t:a", {from: FROM, to, method: "kred"});
    expect(result.value_to).toBeCloseTo(kred(80), 9);
    // Without p3's big mention P = 30; without p1's two reposts 60; without p2's reply 70.
    expect(result.moments.map((m) => m.post_id)).toEqual(["t:p3", "t:p1", "t:p2"]);
    const deltas = result.moments.map((m) => m.delta);
    [kred(80) - kred(30), kred(80) - kred(60), kred(80) - kred(70)].forEach((delta, i) =>
      expect(deltas[i]).toBeCloseTo(delta, 9)
    );
    expect(result.moments[0]!.reactions).toEqual({mention: 1});
  });
});

describe("scoreMoments errors", () => {
  it("refuses methods that cannot leave reactions out, unknown accounts and reversed dates", async () => {
    await expect(scoreMoments(db, "t:a", {from: FROM, to: TO, method: "pagerank"})).rejects.toThrow(
      /scoring\/moments: pagerank cannot leave a post's reactions out; methods that can: klout/
    );
    await expect(scoreMoments(db, "t:zz", {from: FROM, to: TO})).rejects.toThrow('no account "t:zz"');
    await expect(scoreMoments(db, "t:a", {from: TO, to: FROM})).rejects.toThrow("from must be before to");
  });
});

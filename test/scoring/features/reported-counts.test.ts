/**
 * Reported counts: followers and following as reported, else the follow graph's degrees, listed as reported;
 * values worked out by hand from a five-account world.
 */
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {NodeDb} from "../../../loaders/node-db.js";
import {reportedCounts} from "../../../scoring/features/reported-counts.js";
import {memoryWorld} from "../../helpers/world.js";

const follow = (follower: string, followee: string) => ({follower_id: follower, followee_id: followee, network: "t"});

/**
 * t:a reports 9 followers, 0 following and 3 listed, so its follows do not count. t:b reports nothing: followed
 * by a, by c twice and by itself (not counted), following a: in-degree 2, out-degree 1. t:c
 * reports 2 following and nothing else: in-degree 0, following 2. t:d has neither counts nor follows; t:e reports
 * 0 followers although x follows it. x is not an account.
 */
const WORLD = {
  accounts: [
    {account_id: "t:a", network: "t", handle: "a", followers: 9, following: 0, listed: 3},
    {account_id: "t:b", network: "t", handle: "b"},
    {account_id: "t:c", network: "t", handle: "c", following: 2},
    {account_id: "t:d", network: "t", handle: "d"},
    {account_id: "t:e", network: "t", handle: "e", followers: 0}
  ],
  follows: [
    follow("t:a", "t:b"),
    follow("t:c", "t:b"),
    follow("t:c", "t:b"),
    follow("t:b", "t:b"),
    follow("t:b", "t:a"),
    follow("t:x", "t:e"),
    follow("t:x", "t:a")
  ]
};

let db: NodeDb;
beforeAll(async () => {
  db = await memoryWorld(WORLD);
});
afterAll(() => db?.close());

describe("reportedCounts(db)", () => {
  it("takes the reported counts, else the follow graph's distinct degrees, in account order", async () => {
    const counts = await reportedCounts(db);
    expect(Array.from(counts.followers)).toEqual([9, 2, 0, 0, 0]);
    expect(Array.from(counts.following)).toEqual([0, 1, 2, 0, 0]);
    expect(Array.from(counts.listed)).toEqual([3, 0, 0, 0, 0]);
  });
});

/**
 * One topic's members by PeerIndex-style Authority, and the topics of a dataset by size, on a small world worked
 * out by hand.
 */
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {NodeDb} from "../../../loaders/node-db.js";
import type {Interaction, Post} from "../../../loaders/schema.js";
import {topicFingerprints, topicMembersByAuthority, topicSizes} from "../../../scoring/methods/peerindex-topics.js";
import {memoryWorld, type WorldRows} from "../../helpers/world.js";

const june = (day: number) => new Date(Date.UTC(2026, 5, day));
const account = (id: string) => ({account_id: id, network: "t", handle: id});
const post = (id: string, author: string, topics?: string[]): Post => ({
  post_id: id,
  account_id: author,
  network: "t",
  created_at: june(1),
  kind: "post",
  topics
});
const react = (actor: string, target: string, postId: string | null, kind: Interaction["kind"] = "like") => ({
  ts: june(2),
  network: "t",
  actor_id: actor,
  target_id: target,
  post_id: postId,
  kind
});

/**
 * physics: a posts p1 and p2, b posts p3; c reacts to p1 and p2 (two reactions to a), d to p1, c to p3.
 * cooking: e posts p4, a reacts to it.
 */
const WORLD: WorldRows = {
  accounts: ["t:a", "t:b", "t:c", "t:d", "t:e", "t:idle"].map(account),
  posts: [
    post("t:p1", "t:a", ["physics"]),
    post("t:p2", "t:a", ["physics"]),
    post("t:p3", "t:b", ["physics"]),
    post("t:p4", "t:e", ["cooking"])
  ],
  interactions: [
    react("t:c", "t:a", "t:p1"),
    react("t:c", "t:a", "t:p2", "repost"),
    react("t:d", "t:a", "t:p1"),
    react("t:c", "t:b", "t:p3", "reply"),
    react("t:a", "t:e", "t:p4")
  ]
};

/*
 * Personalised PageRank by hand (damping 0.85, teleport uniform over the topic's members, dangling mass to them).
 * physics, members a, b, c, d; edges c→a (2), c→b (1), d→a (1); a and b dangling. With
 * s = (0.15 + 0.85·(x_a + x_b)) / 4:
 *   x_c = x_d = s, x_a = s + 0.85·(2/3·s + s) = (1 + 0.85·5/3) s, x_b = s + 0.85·(1/3·s) = (1 + 0.85/3) s;
 *   total (4 + 0.85·2) s = 5.7 s = 1.
 *   Mid-rank percentiles among 4: c, d tie at the bottom, (0 + 2/2)/4 = 25; b (2 + 1/2)/4 = 62.5; a 87.5.
 * cooking, members a, e; edge a→e; e dangling: x_a = s, x_e = 1.85 s with s = (0.15 + 0.85·x_e)/2, total 2.85 s.
 */
const S = 1 / 5.7;

describe("topicMembersByAuthority(db, topic)", () => {
  let db: NodeDb;
  beforeAll(async () => {
    db = await memoryWorld(WORLD);
  });
  afterAll(() => db?.close());

  it("lists the topic's members by Authority, highest first, ties by account id", async () => {
    const members = await topicMembersByAuthority(db, "physics");
    expect(members.map(({account_id, authority, members, posts}) => [account_id, authority, members, posts])).toEqual([
      ["t:a", 87.5, 4, 2],
      ["t:b", 62.5, 4, 1],
      ["t:c", 25, 4, 0],
      ["t:d", 25, 4, 0]
    ]);
    const pagerank = Object.fromEntries(members.map((member) => [member.account_id, member.pagerank]));
    expect(pagerank["t:a"]).toBeCloseTo((1 + (0.85 * 5) / 3) * S, 9);
    expect(pagerank["t:b"]).toBeCloseTo((1 + 0.85 / 3) * S, 9);
    expect(pagerank["t:c"]).toBeCloseTo(S, 9);
    expect(pagerank["t:d"]).toBeCloseTo(S, 9);
    expect(members.every((member) => member.topic === "physics")).toBe(true);
  });

  it("scores only the topic asked for, which gives what scoring every topic gives", async () => {
    const cooking = await topicMembersByAuthority(db, "cooking");
    expect(cooking.map(({account_id, authority}) => [account_id, authority])).toEqual([
      ["t:e", 75],
      ["t:a", 25]
    ]);
    expect(cooking[0]!.pagerank).toBeCloseTo(1.85 / 2.85, 9);
    const fingerprints = await topicFingerprints(db);
    for (const {account_id, ...entry} of [...cooking, ...(await topicMembersByAuthority(db, "physics"))]) {
      expect(fingerprints.get(account_id)).toContainEqual(entry);
    }
  });

  it("is empty for a topic nobody took part in, or one outside the window", async () => {
    expect(await topicMembersByAuthority(db, "gardening")).toEqual([]);
    expect(await topicMembersByAuthority(db, "physics", {at: june(1).getTime(), windowDays: 30})).toEqual([]);
  });
});

describe("topicSizes(db)", () => {
  it("lists the topics with their members and posts, the largest first", async () => {
    const db = await memoryWorld(WORLD);
    const sizes = await topicSizes(db);
    db.close();
    expect(sizes).toEqual([
      {topic: "physics", members: 4, posts: 3},
      {topic: "cooking", members: 2, posts: 1}
    ]);
  });

  it("counts a post that lists a topic twice once for it, as post and as what a reaction is about", async () => {
    // a posts p1 (physics twice), b posts p2 (physics, cooking, physics); c reacts to each once.
    const db = await memoryWorld({
      accounts: ["t:a", "t:b", "t:c"].map(account),
      posts: [post("t:p1", "t:a", ["physics", "physics"]), post("t:p2", "t:b", ["physics", "cooking", "physics"])],
      interactions: [react("t:c", "t:a", "t:p1"), react("t:c", "t:b", "t:p2")]
    });
    const sizes = await topicSizes(db);
    const physics = await topicMembersByAuthority(db, "physics");
    db.close();
    expect(sizes).toEqual([
      {topic: "physics", members: 3, posts: 2},
      {topic: "cooking", members: 2, posts: 1}
    ]);
    // Edges c→a and c→b of one reaction each: a and b alike (c→a counted twice would lift a above b).
    const pagerank = Object.fromEntries(physics.map((member) => [member.account_id, member.pagerank]));
    expect(pagerank["t:a"]).toBeCloseTo(pagerank["t:b"]!, 12);
    expect(pagerank["t:a"]).toBeGreaterThan(pagerank["t:c"]!);
  });

  it("has the one topic `all` on data whose posts carry none, and none on data without activity", async () => {
    const untagged = await memoryWorld({...WORLD, posts: WORLD.posts!.map((p) => ({...p, topics: null}))});
    const sizes = await topicSizes(untagged);
    const all = await topicMembersByAuthority(untagged, "all");
    untagged.close();
    // Every account but t:idle takes part; the four posts are the output.
    expect(sizes).toEqual([{topic: "all", members: 5, posts: 4}]);
    expect(all.map((member) => member.account_id).sort()).toEqual(["t:a", "t:b", "t:c", "t:d", "t:e"]);
    const empty = await memoryWorld({accounts: WORLD.accounts});
    expect(await topicSizes(empty)).toEqual([]);
    empty.close();
  });
});

describe("reactions to or from an account missing from the accounts table", () => {
  it("count for the account on the other end, and draw no edge", async () => {
    // No posts: the one topic `all`, whose output is the reactions made. a→b, a→x and y→b, x and y unknown.
    const db = await memoryWorld({
      accounts: ["t:a", "t:b"].map(account),
      interactions: [react("t:a", "t:b", null), react("t:a", "t:x", null), react("t:y", "t:b", null)]
    });
    const sizes = await topicSizes(db);
    const members = await topicMembersByAuthority(db, "all");
    db.close();
    // a made two reactions, b drew two; the one edge a→b, b dangling: x_a = s, x_b = 1.85 s, s = 1 / 2.85.
    expect(sizes).toEqual([{topic: "all", members: 2, posts: 2}]);
    expect(members.map(({account_id, authority, posts}) => [account_id, authority, posts])).toEqual([
      ["t:b", 75, 0],
      ["t:a", 25, 2]
    ]);
    expect(members[0]!.pagerank).toBeCloseTo(1.85 / 2.85, 9);
    expect(members[1]!.pagerank).toBeCloseTo(1 / 2.85, 9);
  });
});

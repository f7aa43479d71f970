/**
 * The PeerIndex-style methods on small worlds worked out by hand: per-topic personalised PageRank and its
 * percentiles, the 120-day window, Audience's discounts, Activity's diminishing returns, the overall score, the
 * topic fingerprint, the `all` topic of data without topics, and the same rows on both engines.
 */
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {NodeDb} from "../../../loaders/node-db.js";
import type {Interaction, Post} from "../../../loaders/schema.js";
import {readWeightsFile} from "../../../loaders/weights-file.js";
import type {Db} from "../../../scoring/db.js";
import {
  availableMethods,
  resolveWindow,
  scoreMethod,
  scoreMethods,
  type MethodOptions
} from "../../../scoring/index.js";
import {
  PEERINDEX_WEIGHTS,
  peerindex,
  peerindexScore,
  topicFingerprint,
  topicFingerprints
} from "../../../scoring/methods/peerindex.js";
import {overallAuthority, topicActivity} from "../../../scoring/methods/peerindex-topics.js";
import {FIXTURE_WORLD} from "../../helpers/fixture-world.js";
import {memoryWorld, openNative, openWasm, tempDir, writeWorld, type WorldRows} from "../../helpers/world.js";

const june = (day: number) => new Date(Date.UTC(2026, 5, day));
const account = (id: string) => ({account_id: id, network: id.split(":")[0]!, handle: id});
const post = (id: string, author: string, created: Date, topics?: string[]): Post => ({
  post_id: id,
  account_id: author,
  network: author.split(":")[0]!,
  created_at: created,
  kind: "post",
  topics
});
const react = (
  actor: string,
  target: string,
  postId: string | null,
  ts: Date,
  kind: Interaction["kind"] = "repost"
) => ({
  ts,
  network: actor.split(":")[0]!,
  actor_id: actor,
  target_id: target,
  post_id: postId,
  kind
});

/**
 * Topic world, network t, accounts a–e. Posts of 1 June: p1 by a [physics], p2 by b [physics], p3 by c
 * [cooking], p4 by b [cooking]; p0 by b [physics] on 1 December 2025. Reactions:
 *   physics: d→a (p1, 2 June), e→a (p1, 2 June), e→b (p2, 3 June);
 *   cooking: a→c, b→c, d→c (p3, 3 June), a→b, d→b, e→b (p4, 4 June);
 *   d→b on p0 on 1 January 2026, older than 120 days before the last event (4 June).
 * The default window is [4 February, 4 June + 1 ms): p0 and the reaction of 1 January fall outside.
 */
const TOPIC_WORLD: WorldRows = {
  accounts: ["t:a", "t:b", "t:c", "t:d", "t:e"].map(account),
  posts: [
    post("t:p0", "t:b", new Date(Date.UTC(2025, 11, 1)), ["physics"]),
    post("t:p1", "t:a", june(1), ["physics"]),
    post("t:p2", "t:b", june(1), ["physics"]),
    post("t:p3", "t:c", june(1), ["cooking"]),
    post("t:p4", "t:b", june(1), ["cooking"])
  ],
  interactions: [
    react("t:d", "t:b", "t:p0", new Date(Date.UTC(2026, 0, 1))),
    react("t:d", "t:a", "t:p1", june(2)),
    react("t:e", "t:a", "t:p1", june(2), "like"),
    react("t:e", "t:b", "t:p2", june(3), "reply"),
    react("t:a", "t:c", "t:p3", june(3)),
    react("t:b", "t:c", "t:p3", june(3)),
    react("t:d", "t:c", "t:p3", june(3)),
    react("t:a", "t:b", "t:p4", june(4)),
    react("t:d", "t:b", "t:p4", june(4)),
    react("t:e", "t:b", "t:p4", june(4))
  ]
};

/*
 * Personalised PageRank by hand (damping 0.85, teleport uniform over the topic's members, dangling mass to them).
 * physics, members a, b, d, e; edges d→a, e→a, e→b; a and b dangling. With s = (0.15 + 0.85·(x_a + x_b)) / 4:
 *   x_d = x_e = s, x_a = s + 0.85·(s + s/2) = 2.275 s, x_b = s + 0.85·s/2 = 1.425 s, total 5.7 s = 1.
 *   Percentiles (mid-rank, 4 members): d, e 25; b 62.5; a 87.5.
 * cooking, members a, b, c, d, e; edges a→c, a→b, b→c, d→c, d→b, e→b; c dangling. s = (0.15 + 0.85·x_c) / 5:
 *   x_a = x_d = x_e = s, x_b = s + 0.85·(s/2 + s/2 + s) = 2.7 s, x_c = s + 0.85·(s/2 + 2.7 s + s/2) = 4.145 s,
 *   total 9.845 s = 1. Percentiles (5 members): a, d, e 30; b 70; c 90.
 * networkx.pagerank on the same graphs (tol 1e-15) agrees: physics a 0.3991228070175443, b 0.25,
 *   d = e 0.17543859649122784; cooking a = d = e 0.10157440325038072, b 0.2742508887760291, c 0.42102590147282903.
 */
const PHYSICS = {a: 2.275 / 5.7, b: 1.425 / 5.7, d: 1 / 5.7, e: 1 / 5.7};
const COOKING = {a: 1 / 9.845, b: 2.7 / 9.845, c: 4.145 / 9.845, d: 1 / 9.845, e: 1 / 9.845};

let topicDb: NodeDb;

beforeAll(async () => {
  topicDb = await memoryWorld(TOPIC_WORLD);
});
afterAll(() => topicDb?.close());

async function valuesOf(db: Db, methodId: string, options: MethodOptions = {}) {
  return Object.fromEntries((await scoreMethod(db, methodId, options)).map((row) => [row.account_id, row.value]));
}

async function scoresOf(db: Db, methodId: string) {
  return Object.fromEntries((await scoreMethod(db, methodId)).map((row) => [row.account_id, row.score]));
}

function expectClose(actual: Record<string, number>, expected: Record<string, number>, digits = 10) {
  expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort());
  for (const [id, value] of Object.entries(expected)) expect(actual[id], id).toBeCloseTo(value, digits);
}

/** Topic → {account → [authority, pagerank]} from the fingerprints of every account. */
async function topicTable(db: Db, options = {}) {
  const table: Record<string, Record<string, [number, number]>> = {};
  for (const [id, entries] of await topicFingerprints(db, options)) {
    for (const entry of entries) (table[entry.topic] ??= {})[id.split(":")[1]!] = [entry.authority, entry.pagerank];
  }
  return table;
}

describe("per-topic Authority", () => {
  it("is the personalised PageRank of the topic's reactions, as a percentile among its members", async () => {
    const table = await topicTable(topicDb);
    expect(Object.keys(table).sort()).toEqual(["cooking", "physics"]);
    expectClose(Object.fromEntries(Object.entries(table.physics!).map(([id, [, pr]]) => [id, pr])), PHYSICS);
    expectClose(Object.fromEntries(Object.entries(table.cooking!).map(([id, [, pr]]) => [id, pr])), COOKING);
    expect(Object.fromEntries(Object.entries(table.physics!).map(([id, [pct]]) => [id, pct]))).toEqual({
      a: 87.5,
      b: 62.5,
      d: 25,
      e: 25
    });
    expect(Object.fromEntries(Object.entries(table.cooking!).map(([id, [pct]]) => [id, pct]))).toEqual({
      a: 30,
      b: 70,
      c: 90,
      d: 30,
      e: 30
    });
  });

  it("ignores reactions on other topics' posts", async () => {
    // b draws 4 reactions in the window (1 on physics, 3 on cooking), a draws 2 (physics); on physics only b's
    // one counts, so a stays ahead of b there (87.5 against 62.5), as worked out above.
    const [a, b] = [await topicFingerprint(topicDb, "t:a"), await topicFingerprint(topicDb, "t:b")];
    expect(a.find((entry) => entry.topic === "physics")!.authority).toBe(87.5);
    expect(b.find((entry) => entry.topic === "physics")!.authority).toBe(62.5);
  });

  it("leaves out reactions older than the 120-day window, and counts them in a longer one", async () => {
    // Over 365 days, p0 and d→b (1 January) join physics: edges d→a, d→b, e→a, e→b make a and b symmetric:
    // x_d = x_e = s, x_a = x_b = s + 0.85·(s/2 + s/2) = 1.85 s, total 5.7 s.
    const longer = (await topicTable(topicDb, {windowDays: 365})).physics!;
    expect(longer.a![1]).toBeCloseTo(1.85 / 5.7, 10);
    expect(longer.b![1]).toBeCloseTo(1.85 / 5.7, 10);
    expect((await topicTable(topicDb)).physics!.b![1]).toBeCloseTo(1.425 / 5.7, 10);
  });
});

describe("peerindex-authority", () => {
  it("averages the topic percentiles with the account's participation in each topic as weights", async () => {
    // Participation (posts + reactions made + received, in the window):
    //   physics: a 1 + 0 + 2 = 3, b 1 + 0 + 1 = 2, d 0 + 1 + 0 = 1, e 0 + 2 + 0 = 2;
    //   cooking: a 0 + 2 + 0 = 2, b 1 + 1 + 3 = 5, c 1 + 0 + 3 = 4, d 0 + 2 + 0 = 2, e 0 + 1 + 0 = 1.
    expectClose(await valuesOf(topicDb, "peerindex-authority"), {
      "t:a": (3 * 87.5 + 2 * 30) / 5, // 64.5
      "t:b": (2 * 62.5 + 5 * 70) / 7, // 67.857…
      "t:c": 90,
      "t:d": (1 * 25 + 2 * 30) / 3, // 28.33…
      "t:e": (2 * 25 + 1 * 30) / 3 // 26.66…
    });
    expect(await scoresOf(topicDb, "peerindex-authority")).toEqual({
      "t:a": 65,
      "t:b": 68,
      "t:c": 90,
      "t:d": 28,
      "t:e": 27
    });
  });

  it("overallAuthority(n, topics) is 0 for an account in no topic", () => {
    const topics = [
      {members: Int32Array.of(0), participation: Float64Array.of(3), authority: Float64Array.of(80)},
      {members: Int32Array.of(0, 1), participation: Float64Array.of(1, 1), authority: Float64Array.of(40, 60)}
    ];
    expect([...overallAuthority(3, topics)]).toEqual([(3 * 80 + 40) / 4, 60, 0]);
  });
});

describe("peerindex-audience", () => {
  it("counts distinct reactors, a silent one (no post in the window) as half", async () => {
    // Every actor acts once per active day (a 2 actions on 2 days, b 1 on 1, d 3 on 3, e 3 on 3), so the 99th
    // percentile rate is 1 and nobody is discounted as busy. d and e posted nothing in the window: 0.5 each.
    // a: d, e → 1; b: e, a, d → 2; c: a, b, d → 2.5; d, e: 0.
    expect(await valuesOf(topicDb, "peerindex-audience")).toEqual({"t:a": 1, "t:b": 2, "t:c": 2.5, "t:d": 0, "t:e": 0});
    // Percentiles among the 5 accounts: d, e (0 + 2/2)/5 = 20; a 50; b 70; c 90.
    expect(await scoresOf(topicDb, "peerindex-audience")).toEqual({
      "t:a": 50,
      "t:b": 70,
      "t:c": 90,
      "t:d": 20,
      "t:e": 20
    });
  });

  it("discounts a reactor far busier than the population's 99th percentile", async () => {
    // 101 ordinary reactors r000…r100 each post once and react once (rate 1 per day); the spammer reacts to 50
    // accounts on one day (rate 50) and posts once. quantile_disc(rates, 0.99) over the 102 actors is the
    // ⌈0.99 · 102⌉ = 101st smallest rate, 1, so the spammer counts min(1, 1/50) = 0.02.
    // star: 101 ordinary reactors and the spammer = 101.02; quiet: r000 = 1; spammed: the spammer alone = 0.02.
    const ordinary = Array.from({length: 101}, (_, i) => `s:r${String(i).padStart(3, "0")}`);
    const targets = ["s:star", "s:spammed", ...Array.from({length: 48}, (_, i) => `s:x${i}`)];
    const db = await memoryWorld({
      accounts: [...ordinary, "s:spammer", "s:quiet", ...targets].map(account),
      posts: [...ordinary, "s:spammer"].map((id) => post(`${id}-post`, id, june(1))),
      interactions: [
        ...ordinary.map((id) => react(id, "s:star", null, june(2))),
        react("s:r000", "s:quiet", null, june(3)),
        ...targets.map((target) => react("s:spammer", target, null, june(2)))
      ]
    });
    const audience = await valuesOf(db, "peerindex-audience");
    db.close();
    expect(audience["s:star"]).toBeCloseTo(101.02, 12);
    expect(audience["s:quiet"]).toBe(1);
    expect(audience["s:spammed"]).toBeCloseTo(0.02, 12);
  });

  it("adds the worths in reactor order, whatever the order of the stored reactions", async () => {
    // 200 ordinary actors (rate 1) make the 99th percentile rate 1 (the 200th smallest of 202). b3 reacts to 3
    // accounts on one day (worth 1/3), b4 to 4 (worth 1/4); t draws b3, b4, r000 and r001. In reactor order
    // 1/3 + 1/4 + 1 + 1 gives 2.583333333333333; the ones first would give 2.5833333333333335.
    const ordinary = Array.from({length: 200}, (_, i) => `s:r${String(i).padStart(3, "0")}`);
    const others = ["s:x1", "s:x2", "s:x3"];
    const interactions = [
      ...ordinary.map((id, i) => react(id, i < 2 ? "s:t" : "s:x1", null, june(2))),
      ...["s:t", ...others.slice(0, 2)].map((target) => react("s:b3", target, null, june(2))),
      ...["s:t", ...others].map((target) => react("s:b4", target, null, june(2)))
    ];
    for (const stored of [interactions, [...interactions].reverse()]) {
      const db = await memoryWorld({
        accounts: [...ordinary, "s:b3", "s:b4", "s:t", ...others].map(account),
        posts: [...ordinary, "s:b3", "s:b4"].map((id) => post(`${id}-post`, id, june(1))),
        interactions: stored
      });
      const audience = await valuesOf(db, "peerindex-audience");
      db.close();
      expect(audience["s:t"]).toBe(1 / 3 + 1 / 4 + 1 + 1);
      expect(audience["s:t"]).not.toBe(1 + 1 + 1 / 3 + 1 / 4);
    }
  });
});

describe("peerindex-activity", () => {
  it("sums ln(1 + posts / the topic's median poster) over the account's topics", async () => {
    // Posters in the window: physics a 1, b 1 (median 1); cooking c 1, b 1 (median 1).
    expectClose(await valuesOf(topicDb, "peerindex-activity"), {
      "t:a": Math.log(2),
      "t:b": 2 * Math.log(2),
      "t:c": Math.log(2),
      "t:d": 0,
      "t:e": 0
    });
  });

  it("has diminishing returns: doubling the posts raises it by less than double", () => {
    // One topic, posters with 1, 2, 4 and 8 posts: median (2 + 4) / 2 = 3.
    const [one, two, four, eight] = topicActivity(4, [
      {members: Int32Array.of(0, 1, 2, 3), output: Float64Array.of(1, 2, 4, 8)}
    ]);
    [4 / 3, 5 / 3, 7 / 3, 11 / 3].forEach((ratio, i) =>
      expect([one, two, four, eight][i]).toBeCloseTo(Math.log(ratio), 14)
    );
    expect(two! / one!).toBeLessThan(2);
    expect(four! / two!).toBeLessThan(2);
    expect(eight! / four!).toBeLessThan(2);
    expect(two!).toBeGreaterThan(one!);
  });
});

describe("peerindex", () => {
  it("combines the component percentiles with weights 0.5, 0.25, 0.25, shown as 1 + 0.99·S", async () => {
    // Percentiles among the 5 accounts, from the values above:
    //   Authority a 64.5, b 67.9, c 90, d 28.3, e 26.7 → e 10, d 30, a 50, b 70, c 90;
    //   Audience → a 50, b 70, c 90, d 20, e 20; Activity a = c ln 2, b 2 ln 2, d = e 0 → a 60, b 90, c 60, d 20, e 20.
    // S: a 0.5·50 + 0.25·50 + 0.25·60 = 52.5; b 35 + 17.5 + 22.5 = 75; c 45 + 22.5 + 15 = 82.5; d 15 + 5 + 5 = 25;
    //    e 5 + 5 + 5 = 15. Display round(1 + 0.99·S): 53, 75, 83, 26, 16.
    expectClose(await valuesOf(topicDb, "peerindex"), {"t:a": 52.5, "t:b": 75, "t:c": 82.5, "t:d": 25, "t:e": 15});
    expect(await scoresOf(topicDb, "peerindex")).toEqual({"t:a": 53, "t:b": 75, "t:c": 83, "t:d": 26, "t:e": 16});
  });

  it("takes its weights from a weights object", async () => {
    // Authority alone: S is the Authority percentile (e 10, d 30, a 50, b 70, c 90).
    const alone = await valuesOf(topicDb, "peerindex", {weights: {authority: 1, audience: 0, activity: 0}});
    expectClose(alone, {"t:a": 50, "t:b": 70, "t:c": 90, "t:d": 30, "t:e": 10});
    await expect(
      scoreMethod(topicDb, "peerindex", {weights: {authority: 0, audience: 0, activity: 0}})
    ).rejects.toThrow("scoring/methods/peerindex: the weights of authority, audience, activity sum to 0");
  });

  it("peerindexScore(percentiles, weights) is their weighted mean", () => {
    const score = peerindexScore({authority: [25, 75], audience: [50, 50], activity: [25, 75]}, PEERINDEX_WEIGHTS);
    expect([...score]).toEqual([0.5 * 25 + 0.25 * 50 + 0.25 * 25, 0.5 * 75 + 0.25 * 50 + 0.25 * 75]);
  });

  it("explains each score by its components' terms, which add up to it", async () => {
    // From the percentiles above: a's terms are 0.5·50 = 25, 0.25·50 = 12.5 and 0.25·60 = 15 (S = 52.5).
    const decomposition = peerindex.decomposition!;
    const options = {window: await resolveWindow(topicDb, undefined, 120), weights: PEERINDEX_WEIGHTS};
    const features = await decomposition.features(topicDb, options);
    const terms = decomposition.contributions(features, PEERINDEX_WEIGHTS);
    const a = features.accountIds.indexOf("t:a");
    expect(features.networks[a]).toBe("t");
    expect(terms.authority!.contribution[a]).toBeCloseTo(25, 12);
    expect(terms.audience!.contribution[a]).toBeCloseTo(12.5, 12);
    expect(terms.activity!.contribution[a]).toBeCloseTo(15, 12);
    expect(terms.activity!.input[a]).toBeCloseTo(Math.log(2), 12);
  });
});

describe("data/weights/peerindex.json", () => {
  it("holds the defaults", () => {
    expect(readWeightsFile("data/weights/peerindex.json")).toEqual({method: "peerindex", weights: PEERINDEX_WEIGHTS});
  });
});

describe("topicFingerprint(db, accountId)", () => {
  /**
   * Account f:s. q1 [alpha, beta] reacted to by r1: both topics are {s, r1} with r1→s, so s scores (1 + 1/2)/2 = 75
   * in each. q2 [gamma] reacted to by r1 and r2: s tops 3 members, (2 + 1/2)/3 = 83.3. q3 [delta] draws nothing
   * while o's [delta] post draws r1: s and r1 tie with the teleport share only, (0 + 2/2)/3 = 33.3. q4 [epsilon]
   * drawn by r2 and o's [epsilon] post by r1: s and o tie at the top of 4, (2 + 2/2)/4 = 75. s reacts to o's
   * [zeta] post: s has the teleport share only, 25 of 2. Order: gamma 83.3; epsilon 75 (4 members) before alpha
   * and beta 75 (2 members, by name); delta 33.3; zeta 25.
   */
  const world: WorldRows = {
    accounts: ["f:s", "f:o", "f:r1", "f:r2", "f:lone"].map(account),
    posts: [
      post("f:q1", "f:s", june(1), ["alpha", "beta"]),
      post("f:q2", "f:s", june(1), ["gamma"]),
      post("f:q3", "f:s", june(1), ["delta"]),
      post("f:q4", "f:s", june(1), ["epsilon"]),
      post("f:o3", "f:o", june(1), ["delta"]),
      post("f:o4", "f:o", june(1), ["epsilon"]),
      post("f:o5", "f:o", june(1), ["zeta"])
    ],
    interactions: [
      react("f:r1", "f:s", "f:q1", june(2)),
      react("f:r1", "f:s", "f:q2", june(2)),
      react("f:r2", "f:s", "f:q2", june(2)),
      react("f:r1", "f:o", "f:o3", june(2)),
      react("f:r2", "f:s", "f:q4", june(2)),
      react("f:r1", "f:o", "f:o4", june(2)),
      react("f:s", "f:o", "f:o5", june(2))
    ]
  };

  it("lists the account's topics by authority, the larger topic first on ties, then by name", async () => {
    const db = await memoryWorld(world);
    const fingerprint = await topicFingerprint(db, "f:s");
    const lone = await topicFingerprint(db, "f:lone");
    const all = await topicFingerprints(db);
    db.close();
    const rounded = (authority: number) => Number(authority.toFixed(9));
    expect(
      fingerprint.map(({topic, authority, members, posts}) => [topic, rounded(authority), members, posts])
    ).toEqual([
      ["gamma", rounded(250 / 3), 3, 1],
      ["epsilon", 75, 4, 1],
      ["alpha", 75, 2, 1],
      ["beta", 75, 2, 1],
      ["delta", rounded(100 / 3), 3, 1],
      ["zeta", 25, 2, 0]
    ]);
    expect(lone).toEqual([]);
    // Scoring only f:s's topics gives what scoring every topic gives.
    expect(all.get("f:s")).toEqual(fingerprint);
    expect(all.has("f:lone")).toBe(false);
  });
});

describe("data without topics", () => {
  it("scores the whole reaction graph as the one topic `all`", async () => {
    // The fixture world's posts carry no topics. Its reaction graph (b→a 1, c→a 2, d→b 1, a→c 1, y→x 2) has every
    // account as a member, so the personalised PageRank is PageRank; numpy.linalg.solve on
    // (I − 0.85·M − 0.85/6·1·dᵀ) p = 0.15/6·1 gives the values below (test/scoring/methods.test.ts). b and x,
    // and d and y, are in the same positions and tie: percentiles y, d 1/6; b, x 1/2; c 9/12; a 11/12.
    const temp = tempDir();
    await writeWorld(temp.dir, FIXTURE_WORLD);
    const db = await openNative(temp.dir);
    const table = await topicTable(db);
    const activity = await valuesOf(db, "peerindex-activity");
    db.close();
    temp.remove();
    expect(Object.keys(table)).toEqual(["all"]);
    const expected: Record<string, [number, number]> = {
      a: [(11 / 12) * 100, 0.4178430265386787],
      c: [75, 0.38904573687182376],
      b: [50, 0.06267645398080182],
      x: [50, 0.06267645398080181],
      d: [(1 / 6) * 100, 0.03387916431394693],
      y: [(1 / 6) * 100, 0.03387916431394693]
    };
    for (const [id, [percentile, pagerank]] of Object.entries(expected)) {
      expect(table.all![id]![0]).toBeCloseTo(percentile, 12);
      expect(table.all![id]![1]).toBeCloseTo(pagerank, 9);
    }
    // Output is posts: twitter:a 2, mastodon:x 1, median 1.5.
    expect(activity["twitter:a"]).toBeCloseTo(Math.log(1 + 2 / 1.5), 12);
    expect(activity["mastodon:x"]).toBeCloseTo(Math.log(1 + 1 / 1.5), 12);
    expect(activity["twitter:b"]).toBe(0);
  });

  it("counts reactions made as output on a network without posts", async () => {
    // Network h has no posts: h:1 reacts to h:2 three times, h:3 once, h:2 to h:1 twice, all on 2 June.
    // Activity: made 3, 2, 1, median 2 → ln 2.5, ln 2, ln 1.5.
    // Authority: no dangling node, so x_3 = 0.15/3 = 0.05, x_2 = 0.05 + 0.85·(x_1 + x_3), x_1 = 0.05 + 0.85·x_2,
    // giving x_2 = 0.135 / 0.2775 = 18/37 and x_1 = 17.15/37 (networkx: 0.4864864864864858, 0.46351351351351405).
    // Audience: rates 3, 2, 1 per day, the 99th percentile is 3, nobody is silent (h has no posts): h:2 2, h:1 1.
    const db = await memoryWorld({
      accounts: ["h:1", "h:2", "h:3"].map(account),
      interactions: [
        react("h:1", "h:2", null, june(2)),
        react("h:1", "h:2", null, june(2), "mention"),
        react("h:1", "h:2", null, june(2), "reply"),
        react("h:3", "h:2", null, june(2)),
        react("h:2", "h:1", null, june(2)),
        react("h:2", "h:1", null, june(2))
      ]
    });
    const activity = await valuesOf(db, "peerindex-activity");
    const table = await topicTable(db);
    const audience = await valuesOf(db, "peerindex-audience");
    db.close();
    expectClose(activity, {"h:1": Math.log(2.5), "h:2": Math.log(2), "h:3": Math.log(1.5)}, 12);
    expect(table.all!["2"]![1]).toBeCloseTo(18 / 37, 10);
    expect(table.all!["1"]![1]).toBeCloseTo(17.15 / 37, 10);
    expect(table.all!["3"]![1]).toBeCloseTo(0.05, 10);
    expect(audience).toEqual({"h:1": 1, "h:2": 2, "h:3": 0});
  });
});

describe("on both engines", () => {
  it("gives identical rows on native DuckDB and duckdb-wasm", {timeout: 120_000}, async () => {
    const temp = tempDir();
    await writeWorld(temp.dir, TOPIC_WORLD);
    const native = await openNative(temp.dir);
    const wasm = await openWasm(temp.dir);
    const ids = ["peerindex", "peerindex-authority", "peerindex-audience", "peerindex-activity"];
    expect((await availableMethods(native, ids)).available).toEqual(ids);
    const [a, b] = [await scoreMethods(native, ids), await scoreMethods(wasm, ids)];
    expect(a).toHaveLength(5 * ids.length);
    expect(b).toEqual(a);
    expect(await topicFingerprint(wasm, "t:b")).toEqual(await topicFingerprint(native, "t:b"));
    native.close();
    temp.remove();
  });

  it("are unavailable on data without reactions", async () => {
    const db = await memoryWorld({accounts: [account("z:q")], posts: [post("z:p", "z:q", june(1), ["x"])]});
    const {unavailable} = await availableMethods(db, ["peerindex"]);
    db.close();
    expect(unavailable).toEqual([
      {
        method: "peerindex",
        reason: "the data has no reactions (repost, reply, mention, quote, like, comment, share) between accounts"
      }
    ]);
  });
});

/**
 * The Twitalyzer-style metrics: entity counts and every ratio worked out by hand on small worlds, the ranges
 * the method card promises on random worlds (fast-check, fixed seed), and the same rows on both engines.
 */
import fc from "fast-check";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {NodeDb} from "../../../loaders/node-db.js";
import {readWeightsFile} from "../../../loaders/weights-file.js";
import type {Interaction, Post} from "../../../loaders/schema.js";
import type {Db} from "../../../scoring/db.js";
import {accountList} from "../../../scoring/features/accounts.js";
import {postEntities, updateCounts, updateFeatures} from "../../../scoring/features/twitalyzer.js";
import {availableMethods, scoreMethod, scoreMethods, type ScoreRow} from "../../../scoring/index.js";
import {TWITALYZER_IMPACT_WEIGHTS} from "../../../scoring/methods/twitalyzer.js";
import {
  memoryWorld,
  openNative,
  openWasm,
  refillWorld,
  tempDir,
  writeWorld,
  type WorldRows
} from "../../helpers/world.js";

const march = (day: number, hour = 0) => new Date(Date.UTC(2026, 2, day, hour));
const account = (id: string, extra: object = {}) => ({
  account_id: id,
  network: id.split(":")[0]!,
  handle: id,
  ...extra
});
const post = (id: string, author: string, created_at: Date, extra: Partial<Post> = {}): Post => ({
  post_id: id,
  account_id: author,
  network: author.split(":")[0]!,
  created_at,
  kind: "post",
  ...extra
});
const act = (actor: string, target: string, ts: Date, kind: Interaction["kind"], post_id?: string): Interaction => ({
  ts,
  network: actor.split(":")[0]!,
  actor_id: actor,
  target_id: target,
  kind,
  ...(post_id ? {post_id} : {})
});

/** Scored as of 31 March: velocity over [24 March, 31 March), the others over the 90 days before. */
const AT = {at: Date.UTC(2026, 2, 31)};

/**
 * Network t: t:a reports 100 followers, t:b 10; t:c reports none and is followed by t:a and t:b (in-degree 2);
 * t:d reports none. Network m: m:y mentions m:x.
 *
 * Updates in the 90-day window (signal marked *, retweet of another person marked R):
 *   t:a: a1 "#Higgs" *, a2 "Good morning", a3 a link *, a4 no text but a mention interaction *, a5 a repost
 *        of b1 * R, a6 "RT @carol: …" * R, a7 no text and no interaction, a8 "ART … a@b.com" (neither a
 *        retweet marker nor a mention). 8 updates, 5 signal, 2 retweets of others.
 *   t:b: b1 "hello", b2 a reply without text * (a reply addresses a person), b3 a repost of its own b1 * (a
 *        retweet, not of another person). 3 updates, 2 signal, 0 retweets of others.
 *   t:c: none. t:d: one post in 2025, outside the window.
 * Posting dates: a1–a4 and b1 (24 March 00:00, the inclusive start) and b2 fall in velocity's 7 days; a5–a8
 * and b3 (23 March 23:00) do not.
 *
 * References (mentions and replies, not to oneself) in t: b→a mention, b→a reply, c→a mention, a→b mention
 * (post a4), a→c mention, d→c reply: 6; a→a is left out. Reposts: c→a twice, d→a, a→b (post a5). Quote: b→a.
 */
const WORLD: WorldRows = {
  accounts: [
    account("t:a", {followers: 100}),
    account("t:b", {followers: 10}),
    account("t:c"),
    account("t:d"),
    account("m:x"),
    account("m:y")
  ],
  posts: [
    post("t:a1", "t:a", march(24), {text: "Reading about the #Higgs boson"}),
    post("t:a2", "t:a", march(25), {text: "Good morning"}),
    post("t:a3", "t:a", march(26), {text: "see http://example.org"}),
    post("t:a4", "t:a", march(27)),
    post("t:a5", "t:a", march(10), {kind: "repost", parent_post_id: "t:b1"}),
    post("t:a6", "t:a", march(11), {text: "RT @carol: great talk"}),
    post("t:a7", "t:a", march(12)),
    post("t:a8", "t:a", march(13), {text: "ART is smart, heart; mail a@b.com"}),
    post("t:b1", "t:b", march(24), {text: "hello"}),
    post("t:b2", "t:b", march(30), {kind: "reply", parent_post_id: "t:a1"}),
    post("t:b3", "t:b", march(23, 23), {kind: "repost", parent_post_id: "t:b1"}),
    post("t:d1", "t:d", new Date(Date.UTC(2025, 5, 1)), {text: "#old"})
  ],
  interactions: [
    act("t:b", "t:a", march(5), "mention"),
    act("t:b", "t:a", march(30), "reply", "t:a1"),
    act("t:c", "t:a", march(6), "mention"),
    act("t:a", "t:b", march(27), "mention", "t:a4"),
    act("t:a", "t:c", march(7), "mention"),
    act("t:d", "t:c", march(8), "reply"),
    act("t:a", "t:a", march(9), "mention"),
    act("t:c", "t:a", march(16), "repost"),
    act("t:c", "t:a", march(17), "repost"),
    act("t:d", "t:a", march(18), "repost"),
    act("t:a", "t:b", march(10), "repost", "t:b1"),
    act("t:b", "t:a", march(19), "quote"),
    act("m:y", "m:x", march(20), "mention")
  ],
  follows: [
    {follower_id: "t:a", followee_id: "t:c", network: "t"},
    {follower_id: "t:b", followee_id: "t:c", network: "t"}
  ]
};

let native: NodeDb;
let wasm: Db;
const temp = tempDir();

beforeAll(async () => {
  await writeWorld(temp.dir, WORLD);
  native = await openNative(temp.dir);
  wasm = await openWasm(temp.dir);
});
afterAll(() => {
  native?.close();
  temp.remove();
});

async function scored(methodId: string, options: object = AT): Promise<Record<string, ScoreRow>> {
  return Object.fromEntries((await scoreMethod(native, methodId, options)).map((row) => [row.account_id, row]));
}
const valuesOf = (rows: Record<string, ScoreRow>) =>
  Object.fromEntries(Object.values(rows).map((r) => [r.account_id, r.value]));

describe("postEntities(db)", () => {
  it("counts mentions, links and hashtags in text, and mention interactions where there is no text", async () => {
    const db = await memoryWorld({
      accounts: [account("t:a"), account("t:b"), account("t:c")],
      posts: [
        post("t:1", "t:a", march(1), {text: "RT @carol: see https://x.org and http://y.org #Higgs #2012 #日本"}),
        post("t:2", "t:a", march(1), {text: "ART is smart, heart; mail a@b.com, a#b"}),
        post("t:3", "t:a", march(1), {text: "via @élan"}),
        post("t:4", "t:a", march(1)),
        post("t:5", "t:a", march(1), {kind: "quote"})
      ],
      interactions: [
        act("t:a", "t:b", march(1), "mention", "t:4"),
        act("t:a", "t:c", march(1), "mention", "t:4"),
        act("t:a", "t:c", march(1), "mention", "t:4")
      ]
    });
    try {
      expect(await postEntities(db)).toEqual([
        // One mention; two links; #Higgs and #日本 (#2012 has no letter); the RT marker.
        {post_id: "t:1", account_id: "t:a", mentions: 1, links: 2, hashtags: 2, retweet: true},
        // "ART" and "heart" hold "rt" inside a word; an e-mail address and a#b are not entities.
        {post_id: "t:2", account_id: "t:a", mentions: 0, links: 0, hashtags: 0, retweet: false},
        // "via" is a retweet marker; @élan is a mention in any script.
        {post_id: "t:3", account_id: "t:a", mentions: 1, links: 0, hashtags: 0, retweet: true},
        // No text: the accounts it mentioned, t:b and t:c, each once.
        {post_id: "t:4", account_id: "t:a", mentions: 2, links: 0, hashtags: 0, retweet: false},
        // No text, no interaction: a quote is a retweet.
        {post_id: "t:5", account_id: "t:a", mentions: 0, links: 0, hashtags: 0, retweet: true}
      ]);
    } finally {
      db.close();
    }
  });
});

describe("twitalyzer-signal-to-noise and twitalyzer-generosity", () => {
  it("are the shares of updates with signal and of retweets of others, shown as percentages", async () => {
    // t:a 5 of 8 and 2 of 8; t:b 2 of 3 and 0 of 3; no updates: 0.
    const signal = await scored("twitalyzer-signal-to-noise");
    expect(valuesOf(signal)).toEqual({"t:a": 5 / 8, "t:b": 2 / 3, "t:c": 0, "t:d": 0, "m:x": 0, "m:y": 0});
    expect(signal["t:a"]!.score).toBe(62.5);
    const generosity = await scored("twitalyzer-generosity");
    expect(valuesOf(generosity)).toEqual({"t:a": 2 / 8, "t:b": 0, "t:c": 0, "t:d": 0, "m:x": 0, "m:y": 0});
    expect(generosity["t:a"]!.score).toBe(25);
  });
});

describe("twitalyzer-velocity", () => {
  it("counts updates over 7 days and shows their mid-rank percentile among all accounts", async () => {
    const rows = await scored("twitalyzer-velocity");
    // [24 March, 31 March): t:a a1–a4 = 4, t:b b1 (at the start) and b2 = 2, everyone else 0.
    expect(valuesOf(rows)).toEqual({"t:a": 4, "t:b": 2, "t:c": 0, "t:d": 0, "m:x": 0, "m:y": 0});
    // Six values, four zeros: zeros (0 + 4/2)/6 = 1/3, t:b (4 + 1/2)/6 = 0.75, t:a (5 + 1/2)/6 = 11/12.
    expect(rows["t:a"]!.score).toBeCloseTo((100 * 11) / 12, 12);
    expect(rows["t:b"]!.score).toBeCloseTo(75, 12);
    expect(rows["m:x"]!.score).toBeCloseTo(100 / 3, 12);
  });
});

describe("twitalyzer-clout", () => {
  it("divides references received by all references made in the network", async () => {
    // t: a received 3 of 6, b 1, c 2, d 0. m: x received the only one.
    const rows = await scored("twitalyzer-clout");
    expect(valuesOf(rows)).toEqual({"t:a": 3 / 6, "t:b": 1 / 6, "t:c": 2 / 6, "t:d": 0, "m:x": 1, "m:y": 0});
    expect(rows["t:a"]!.score).toBe(50);
  });
});

describe("twitalyzer-engagement", () => {
  it("divides the people an account references by the people who reference it (at least 1)", async () => {
    // a references {b, c} and is referenced by {b, c}: 2/2. b: {a}/{a} = 1. c: {a}/{a, d} = 1/2.
    // d references {c}, nobody references d: 1/1. m:y references {x}: 1/1; m:x: 0/{y} = 0.
    const rows = await scored("twitalyzer-engagement");
    expect(valuesOf(rows)).toEqual({"t:a": 1, "t:b": 1, "t:c": 1 / 2, "t:d": 1, "m:x": 0, "m:y": 1});
    expect(rows["t:a"]!.score).toBe(100);
  });
});

describe("twitalyzer-impact", () => {
  it("is the equal-weight mean of its components' mid-rank percentiles within each network", async () => {
    // Components in t (a, b, c, d) and their mid-rank percentiles among the four:
    //   followers 100, 10, 2, 0          → .875, .625, .375, .125
    //   referencers or quoters 2, 1, 2, 0 ({b, c}, {a}, {a, d}, {}) → .75, .375, .75, .125
    //   retweeters 2, 1, 0, 0 ({c, d}, {a})  → .875, .625, .25, .25
    //   retweeted 1, 0, 1, 1 ({b}, {}, {a}, {a}) → .625, .125, .625, .625
    //   updates 8, 3, 0, 0               → .875, .625, .25, .25
    // a: (.875 + .75 + .875 + .625 + .875)/5 = 80; b: 2.375/5 = 47.5; c: 2.25/5 = 45; d: 1.375/5 = 27.5.
    // In m (x, y): followers 0, 0 → .5, .5; referencers 1, 0 → .75, .25; the rest all 0 → .5 each.
    // x: (.5 + .75 + .5 + .5 + .5)/5 = 55; y: (.5 + .25 + .5 + .5 + .5)/5 = 45.
    const rows = await scored("twitalyzer-impact");
    const expected = {"t:a": 80, "t:b": 47.5, "t:c": 45, "t:d": 27.5, "m:x": 55, "m:y": 45};
    for (const [id, value] of Object.entries(expected)) {
      expect(rows[id]!.value).toBeCloseTo(value, 12);
      expect(rows[id]!.score).toBeCloseTo(value, 12);
    }
  });

  it("takes weights, and refuses weights that sum to 0", async () => {
    // Followers alone: the followers percentile, a .875 → 87.5.
    const none = {references: 0, retweeters: 0, retweeted: 0, updates: 0};
    const rows = await scored("twitalyzer-impact", {...AT, weights: none});
    expect(rows["t:a"]!.value).toBeCloseTo(87.5, 12);
    // Followers counted three times: a = (3·.875 + .75 + .875 + .625 + .875)/7·100 = 5.75/7·100.
    const tripled = await scored("twitalyzer-impact", {...AT, weights: {followers: 3}});
    expect(tripled["t:a"]!.value).toBeCloseTo((5.75 / 7) * 100, 12);
    await expect(scoreMethod(native, "twitalyzer-impact", {weights: {...none, followers: 0}})).rejects.toThrow(
      "scoring/methods/twitalyzer: impact weights sum to 0"
    );
  });
});

describe("data/weights/twitalyzer-impact.json", () => {
  it("is a valid preset holding the method's defaults", () => {
    expect(readWeightsFile("data/weights/twitalyzer-impact.json")).toEqual({
      method: "twitalyzer-impact",
      weights: TWITALYZER_IMPACT_WEIGHTS
    });
  });
});

describe("availability", () => {
  it("says which metrics the data cannot feed: no posts, or no references", async () => {
    const db = await memoryWorld({
      accounts: [account("t:1"), account("t:2")],
      interactions: [act("t:1", "t:2", march(1), "repost")]
    });
    try {
      const ids = [
        "twitalyzer-signal-to-noise",
        "twitalyzer-generosity",
        "twitalyzer-velocity",
        "twitalyzer-clout",
        "twitalyzer-engagement",
        "twitalyzer-impact"
      ];
      const noPosts = "the data has no posts, so no updates to count";
      const noReferences = "the data has no references (mentions or replies)";
      expect(await availableMethods(db, ids)).toEqual({
        available: ["twitalyzer-impact"],
        unavailable: [
          {method: "twitalyzer-signal-to-noise", reason: noPosts},
          {method: "twitalyzer-generosity", reason: noPosts},
          {method: "twitalyzer-velocity", reason: noPosts},
          {method: "twitalyzer-clout", reason: noReferences},
          {method: "twitalyzer-engagement", reason: noReferences}
        ]
      });
    } finally {
      db.close();
    }
  });
});

const TWITALYZER_IDS = [
  "twitalyzer-signal-to-noise",
  "twitalyzer-generosity",
  "twitalyzer-velocity",
  "twitalyzer-clout",
  "twitalyzer-engagement",
  "twitalyzer-impact"
];

describe("engines", () => {
  it("give identical Twitalyzer rows and entity counts on native DuckDB and duckdb-wasm", async () => {
    const [a, b] = [await scoreMethods(native, TWITALYZER_IDS, AT), await scoreMethods(wasm, TWITALYZER_IDS, AT)];
    expect(a).toHaveLength(6 * TWITALYZER_IDS.length);
    expect(b).toEqual(a);
    expect(await postEntities(wasm)).toEqual(await postEntities(native));
  });
});

// Random worlds: 4 accounts on t and 3 on m, posts with texts built from entity fragments, interactions
// within one week of March.
const ACCOUNTS = ["t:0", "t:1", "t:2", "t:3", "m:0", "m:1", "m:2"];
const member = (network: string, n: number) => `${network}:${n % (network === "t" ? 4 : 3)}`;
const FRAGMENTS = ["hello", "@bob", "http://x.org", "#tag", "RT", "via", "heart", "a@b.com", "#1"];
const arbitraryPost = fc
  .record({
    network: fc.constantFrom("t", "m"),
    author: fc.nat(3),
    hour: fc.nat(24 * 7),
    kind: fc.constantFrom<Post["kind"]>("post", "reply", "repost", "quote"),
    words: fc.option(fc.array(fc.constantFrom(...FRAGMENTS), {maxLength: 4}))
  })
  .map(({network, author, hour, kind, words}) => ({
    network,
    account_id: member(network, author),
    created_at: march(1, hour),
    kind,
    ...(words ? {text: words.join(" ")} : {})
  }));
const arbitraryInteraction = fc
  .record({
    network: fc.constantFrom("t", "m"),
    actor: fc.nat(3),
    target: fc.nat(3),
    hour: fc.nat(24 * 7),
    kind: fc.constantFrom<Interaction["kind"]>("repost", "reply", "mention", "quote", "like")
  })
  .map(({network, actor, target, hour, kind}) =>
    act(member(network, actor), member(network, target), march(1, hour), kind)
  );
// Each run scores six methods on one world.
const SETTINGS = {seed: 20261125, numRuns: 20};

describe("twitalyzer properties", () => {
  let db: NodeDb;
  beforeAll(async () => {
    db = await memoryWorld({});
  });
  afterAll(() => db?.close());

  it("keeps ratios in [0, 1], percentiles in (0, 100) and each network's clout summing to 1", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(arbitraryPost, {maxLength: 20}),
        fc.array(arbitraryInteraction, {maxLength: 25}),
        async (posts, interactions) => {
          await refillWorld(db, {
            accounts: ACCOUNTS.map((id) => account(id)),
            posts: posts.map((p, i) => ({...p, post_id: `${p.network}:p${i}`})),
            interactions
          });
          const at = {at: Date.UTC(2026, 2, 9)};
          const rows = await scoreMethods(db, TWITALYZER_IDS, at);
          const of = (id: string) => rows.filter((row) => row.method === id);
          for (const id of ["twitalyzer-signal-to-noise", "twitalyzer-generosity", "twitalyzer-clout"]) {
            for (const row of of(id)) {
              expect(row.value).toBeGreaterThanOrEqual(0);
              expect(row.value).toBeLessThanOrEqual(1);
            }
          }
          for (const id of ["twitalyzer-velocity", "twitalyzer-impact"]) {
            for (const row of of(id)) {
              expect(row.score).toBeGreaterThan(0);
              expect(row.score).toBeLessThan(100);
            }
          }
          for (const network of ["t", "m"]) {
            const references = interactions.filter(
              (r) => r.network === network && (r.kind === "mention" || r.kind === "reply") && r.actor_id !== r.target_id
            ).length;
            const clout = of("twitalyzer-clout")
              .filter((row) => row.account_id.startsWith(`${network}:`))
              .reduce((sum, row) => sum + row.value, 0);
            expect(clout).toBeCloseTo(references > 0 ? 1 : 0, 12);
          }
        }
      ),
      SETTINGS
    );
  }, 180_000);

  it("counts updates with signal as the entity counts of postEntities say, and every update once", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(arbitraryPost, {maxLength: 20}),
        fc.array(arbitraryInteraction, {maxLength: 25}),
        async (generated, interactions) => {
          const posts = generated.map((p, i) => ({...p, post_id: `${p.network}:p${i}`}));
          await refillWorld(db, {accounts: ACCOUNTS.map((id) => account(id)), posts, interactions});
          const window = {from: Date.UTC(2026, 2, 2), to: Date.UTC(2026, 2, 6)};
          const kinds = new Map(posts.map((p) => [p.post_id, p.kind]));
          const expected = new Map(ACCOUNTS.map((id) => [id, {updates: 0, signal: 0}]));
          for (const entities of await postEntities(db, window)) {
            const counts = expected.get(entities.account_id)!;
            counts.updates++;
            const {mentions, links, hashtags, retweet} = entities;
            if (mentions > 0 || links > 0 || hashtags > 0 || retweet || kinds.get(entities.post_id) === "reply") {
              counts.signal++;
            }
          }
          const {accountIds} = await accountList(db);
          const {columns} = await updateFeatures(db, window);
          expect(Array.from(columns.updates)).toEqual(accountIds.map((id) => expected.get(id)!.updates));
          expect(Array.from(columns.signal_updates)).toEqual(accountIds.map((id) => expected.get(id)!.signal));
          expect((await updateCounts(db, window)).columns.updates).toEqual(columns.updates);
        }
      ),
      SETTINGS
    );
  }, 180_000);
});

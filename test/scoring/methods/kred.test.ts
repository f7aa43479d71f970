/**
 * The Kred-style methods: points, Influence and Outreach levels worked out by hand on small worlds, the
 * properties the method card promises on random worlds (fast-check, fixed seed), and the same rows on both
 * engines.
 */
import fc from "fast-check";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {NodeDb} from "../../../loaders/node-db.js";
import {readWeightsFile} from "../../../loaders/weights-file.js";
import type {Interaction} from "../../../loaders/schema.js";
import type {Db} from "../../../scoring/db.js";
import {kredInfluencePoints} from "../../../scoring/features/kred-points.js";
import {availableMethods, scoreMethod, scoreMethods, type MethodOptions} from "../../../scoring/index.js";
import {
  KRED_INFLUENCE_WEIGHTS,
  kredInfluence,
  outreachLevel,
  outreachThreshold
} from "../../../scoring/methods/kred.js";
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
const act = (actor: string, target: string, ts: Date, kind: Interaction["kind"]): Interaction => ({
  ts,
  network: actor.split(":")[0]!,
  actor_id: actor,
  target_id: target,
  kind
});

/** Scoring window of the Influence world: 30 days ending at 31 March, i.e. [1 March, 31 March). */
const WINDOW = {at: Date.UTC(2026, 2, 31), windowDays: 30};

/**
 * Influence world. Network t: t:big reports 20,000 followers (a big actor), t:edge exactly 10,000 (not more
 * than 10,000, so not big); t:b and t:c report none. Network m: m:y reposts m:x twice. Network z: one account,
 * no actions.
 *
 * Points of t:a in [1 March, 31 March): repost by b at 1 March 00:00 (the inclusive start) 10, reply by b 10,
 * mention by c 10, quote by c 10, repost by big 10·5 = 50, mention by edge 10, like by b 0, follow by c 1,
 * follow by big 1·5 = 5; its mention of itself 0; b's reposts just before the start and at 31 March 00:00 (the
 * exclusive end) 0. Total 10+10+10+10+50+10+0+1+5 = 106.
 * t:b: reply by a 10 and mention by big 50 = 60. t:c, t:big, t:edge: 0. m:x: 2 reposts = 20. z:q: 0.
 */
const INFLUENCE_WORLD: WorldRows = {
  accounts: [
    account("t:a"),
    account("t:b"),
    account("t:c"),
    account("t:big", {followers: 20_000}),
    account("t:edge", {followers: 10_000}),
    account("m:x"),
    account("m:y"),
    account("z:q")
  ],
  interactions: [
    act("t:b", "t:a", march(1), "repost"),
    act("t:b", "t:a", march(2), "reply"),
    act("t:c", "t:a", march(3), "mention"),
    act("t:c", "t:a", march(4), "quote"),
    act("t:big", "t:a", march(5), "repost"),
    act("t:edge", "t:a", march(6), "mention"),
    act("t:b", "t:a", march(7), "like"),
    act("t:c", "t:a", march(8), "follow"),
    act("t:big", "t:a", march(9), "follow"),
    act("t:a", "t:a", march(10), "mention"),
    act("t:b", "t:a", new Date(Date.UTC(2026, 2, 1) - 1), "repost"),
    act("t:b", "t:a", march(31), "repost"),
    act("t:a", "t:b", march(11), "reply"),
    act("t:big", "t:b", march(12), "mention"),
    act("m:y", "m:x", march(13), "repost"),
    act("m:y", "m:x", march(14), "repost")
  ]
};

let native: NodeDb;
let wasm: Db;
const temp = tempDir();

beforeAll(async () => {
  await writeWorld(temp.dir, INFLUENCE_WORLD);
  native = await openNative(temp.dir);
  wasm = await openWasm(temp.dir);
});
afterAll(() => {
  native?.close();
  temp.remove();
});

async function scored(db: Db, methodId: string, options: MethodOptions = {}) {
  return new Map((await scoreMethod(db, methodId, options)).map((row) => [row.account_id, row]));
}

describe("kredInfluencePoints(db, window, points, bonus)", () => {
  it("counts 10 per repost, reply, mention or quote, 1 per follow, ×5 from actors above 10,000 followers", async () => {
    const rows = await kredInfluencePoints(
      native,
      {from: Date.UTC(2026, 2, 1), to: Date.UTC(2026, 2, 31)},
      KRED_INFLUENCE_WEIGHTS,
      {bigActorFollowers: 10_000, bigActorMultiplier: 5}
    );
    expect(Object.fromEntries(rows.map((row) => [row.account_id, row.points]))).toEqual({
      "m:x": 20,
      "m:y": 0,
      "t:a": 106,
      "t:b": 60,
      "t:big": 0,
      "t:c": 0,
      "t:edge": 0,
      "z:q": 0
    });
  });
});

describe("kred", () => {
  it("puts each network's top account at 1000 and the others on the log curve with γ = 0.5", async () => {
    const rows = await scored(native, "kred", WINDOW);
    // t:a tops t (106 points), m:x tops m (20 points): both 1000, both rank 1.
    expect(rows.get("t:a")).toMatchObject({value: 1000, score: 1000, rank: 1});
    expect(rows.get("m:x")).toMatchObject({value: 1000, score: 1000, rank: 1});
    // t:b: 1 + 999·√(ln 61 / ln 107) = 1 + 999·√(4.110874 / 4.672829) = 1 + 999·0.937944 = 938.007.
    expect(rows.get("t:b")!.value).toBeCloseTo(1 + 999 * Math.sqrt(Math.log(61) / Math.log(107)), 9);
    expect(rows.get("t:b")!.value).toBeCloseTo(938.007, 3);
    expect(rows.get("t:b")).toMatchObject({score: 938, rank: 3});
    // No points: 1. z has nobody with points, so its lone account is at 1 too.
    for (const id of ["t:c", "t:big", "t:edge", "m:y", "z:q"]) expect(rows.get(id)).toMatchObject({value: 1, score: 1});
  });

  it("counts only the default 90 days before the data's end", async () => {
    // The data's last event is t:b's repost at 31 March 00:00, so the window is the 90 days before
    // 31 March 00:00:00.001: it holds every action, and t:a also gets the repost 1 ms before 1 March and the one
    // at 31 March, 106 + 20 = 126 points, still the top.
    const rows = await scored(native, "kred");
    // t:b: 1 + 999·√(ln 61 / ln 127) = 1 + 999·√(4.110874 / 4.844187) = 1 + 999·0.921206 = 921.285.
    expect(rows.get("t:b")!.value).toBeCloseTo(1 + 999 * Math.sqrt(Math.log(61) / Math.log(127)), 9);
  });

  it("takes weights: without the big-actor bonus t:a has 62 points and t:b 20", async () => {
    // t:a: 106 − 50 + 10 − 5 + 1 = 62; t:b: 10 + 10 = 20. γ = 1: t:b = 1 + 999·ln 21 / ln 63
    // = 1 + 999·3.044522 / 4.143135 = 735.101.
    const rows = await scored(native, "kred", {...WINDOW, weights: {big_actor_multiplier: 1, gamma: 1}});
    expect(rows.get("t:b")!.value).toBeCloseTo(1 + (999 * Math.log(21)) / Math.log(63), 9);
    expect(rows.get("t:b")!.value).toBeCloseTo(735.101, 3);
    // A like worth 10 lifts t:a to 116 and t:b stays at 60: 1 + 999·√(ln 61 / ln 117).
    const withLikes = await scored(native, "kred", {...WINDOW, weights: {like: 10}});
    expect(withLikes.get("t:b")!.value).toBeCloseTo(1 + 999 * Math.sqrt(Math.log(61) / Math.log(117)), 9);
  });

  it("rejects a curve exponent of 0", async () => {
    await expect(scoreMethod(native, "kred", {weights: {gamma: 0}})).rejects.toThrow(
      "scoring/methods/kred: gamma must be positive, got 0"
    );
  });
});

describe("kred-global", () => {
  it("puts only the dataset's top account at 1000", async () => {
    const rows = await scored(native, "kred-global", WINDOW);
    expect(rows.get("t:a")).toMatchObject({value: 1000, rank: 1});
    // m:x: 1 + 999·√(ln 21 / ln 107) = 1 + 999·√(3.044522 / 4.672829) = 1 + 999·0.807179 = 807.371.
    expect(rows.get("m:x")!.value).toBeCloseTo(1 + 999 * Math.sqrt(Math.log(21) / Math.log(107)), 9);
    expect(rows.get("m:x")).toMatchObject({score: 807, rank: 3});
  });
});

describe("data/weights/kred.json", () => {
  it("is a valid preset holding the method's defaults", () => {
    expect(readWeightsFile("data/weights/kred.json")).toEqual({method: "kred", weights: KRED_INFLUENCE_WEIGHTS});
  });
});

describe("kredInfluence(points, communities, gamma)", () => {
  it("maps the top of each community to 1000 and zero points to 1", () => {
    // ln 10 / ln 100 = 1/2, so with γ = 1 the middle account scores 1 + 999/2 = 500.5.
    expect(Array.from(kredInfluence([0, 9, 99, 5], ["t", "t", "t", "m"], 1))).toEqual([1, 500.5, 1000, 1000]);
    expect(Array.from(kredInfluence([0, 0], undefined, 2))).toEqual([1, 1]);
  });
});

/**
 * Outreach world: each account's actions on others, all far in the past (outreach is cumulative over all time).
 * t:o99 makes 9 reposts (90) and 9 follows (9) = 99 points; t:o100 10 reposts = 100; t:o269 26 replies (260)
 * and 9 follows = 269; t:o270 27 mentions = 270. t:o270 also mentions itself and likes others: 0 points.
 */
const OUTREACH_WORLD: WorldRows = {
  accounts: ["t:o99", "t:o100", "t:o269", "t:o270", "t:target"].map((id) => account(id)),
  interactions: [
    ...actions("t:o99", 9, "repost"),
    ...actions("t:o99", 9, "follow"),
    ...actions("t:o100", 10, "repost"),
    ...actions("t:o269", 26, "reply"),
    ...actions("t:o269", 9, "follow"),
    ...actions("t:o270", 27, "mention"),
    act("t:o270", "t:o270", new Date(Date.UTC(2020, 0, 1)), "mention"),
    ...actions("t:o270", 5, "like")
  ]
};

function actions(actor: string, count: number, kind: Interaction["kind"]): Interaction[] {
  return Array.from({length: count}, (_, i) => act(actor, "t:target", new Date(Date.UTC(2020, 0, 1 + i)), kind));
}

describe("kred-outreach", () => {
  it("counts points for what an account does for others over all time, and shows the level", async () => {
    const db = await memoryWorld(OUTREACH_WORLD);
    try {
      // Scored as of 2026, six years after the actions: cumulative, so they all count.
      const rows = await scored(db, "kred-outreach", {at: Date.UTC(2026, 0, 1)});
      const levels = Object.fromEntries([...rows].map(([id, row]) => [id, [row.value, row.score]]));
      // Level 1 at 100 points and level 2 at 270 (published).
      expect(levels).toEqual({
        "t:o99": [99, 0],
        "t:o100": [100, 1],
        "t:o269": [269, 1],
        "t:o270": [270, 2],
        "t:target": [0, 0]
      });
    } finally {
      db.close();
    }
  });

  it("has thresholds 100, 270 (published), then ×1.7 increments: 559, 1050, …, 83,089 for level 12", () => {
    // 100 + 170 = 270; + 289 = 559; + 491.3 = 1050.3 → 1050; level 12: 100·(1.7¹² − 1)/0.7 = 83,088.9.
    expect([1, 2, 3, 4, 12].map(outreachThreshold)).toEqual([100, 270, 559, 1050, 83_089]);
    expect([0, 99, 100, 269, 270, 558, 559, 83_088, 83_089].map(outreachLevel)).toEqual([0, 0, 1, 1, 2, 2, 3, 11, 12]);
  });
});

describe("availability", () => {
  it("says Kred has nothing to count in data without interactions", async () => {
    const db = await memoryWorld({accounts: [account("t:1")]});
    try {
      const reason =
        "the data has no interactions that earn Kred points (repost, reply, mention, quote, comment, share, like, follow)";
      expect(await availableMethods(db, ["kred", "kred-outreach"])).toEqual({
        available: [],
        unavailable: [
          {method: "kred", reason},
          {method: "kred-outreach", reason}
        ]
      });
    } finally {
      db.close();
    }
  });
});

describe("engines", () => {
  it("give identical Kred rows on native DuckDB and duckdb-wasm", async () => {
    const ids = ["kred", "kred-global", "kred-outreach"];
    const [a, b] = [await scoreMethods(native, ids, WINDOW), await scoreMethods(wasm, ids, WINDOW)];
    expect(a).toHaveLength(8 * ids.length);
    expect(b).toEqual(a);
    const weights = {kred: {like: 2.5, big_actor_multiplier: 3.3, gamma: 1.7}};
    expect(await scoreMethods(wasm, ["kred"], {weights})).toEqual(await scoreMethods(native, ["kred"], {weights}));
  });
});

// Random worlds: 4 accounts on t (one a big actor) and 3 on m, actions within one week of March.
const ACCOUNTS = ["t:0", "t:1", "t:2", "t:3", "m:0", "m:1", "m:2"];
const arbitraryAction = (kinds: Interaction["kind"][]) =>
  fc
    .record({network: fc.constantFrom("t", "m"), actor: fc.nat(3), target: fc.nat(3), hour: fc.nat(24 * 7)})
    .chain((r) => fc.constantFrom(...kinds).map((kind) => ({...r, kind})))
    .map(({network, actor, target, hour, kind}) => {
      const size = network === "t" ? 4 : 3;
      return act(`${network}:${actor % size}`, `${network}:${target % size}`, march(1, hour), kind);
    });
const ALL_KINDS: Interaction["kind"][] = ["repost", "reply", "mention", "quote", "like", "follow", "comment"];
const world = (interactions: Interaction[]): WorldRows => ({
  accounts: ACCOUNTS.map((id) => account(id, id === "t:3" ? {followers: 50_000} : {})),
  interactions
});
const SETTINGS = {seed: 20261125, numRuns: 30};
const PROPERTY_TIMEOUT = 180_000;
const AT = {at: Date.UTC(2026, 2, 9)} as const;

describe("kred properties", () => {
  let db: NodeDb;
  beforeAll(async () => {
    db = await memoryWorld({});
  });
  afterAll(() => db?.close());

  async function values(rows: WorldRows, methodId: string, options: MethodOptions = AT) {
    await refillWorld(db, rows);
    return Object.fromEntries((await scoreMethod(db, methodId, options)).map((row) => [row.account_id, row]));
  }

  it(
    "adding a reaction received never lowers Kred Influence, and scores stay in 1–1000",
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(arbitraryAction(ALL_KINDS), {maxLength: 25}),
          arbitraryAction(["repost", "reply", "mention", "quote"]),
          async (base, extra) => {
            fc.pre(extra.actor_id !== extra.target_id);
            const before = await values(world(base), "kred");
            const after = await values(world([...base, extra]), "kred");
            expect(after[extra.target_id]!.value).toBeGreaterThanOrEqual(before[extra.target_id]!.value);
            for (const row of Object.values(after)) {
              expect(row.value).toBeGreaterThanOrEqual(1);
              expect(row.value).toBeLessThanOrEqual(1000);
              expect(row.score).toBe(Math.round(row.value));
            }
            // Every network with any points has an account at exactly 1000.
            for (const network of ["t", "m"]) {
              const inNetwork = Object.values(after).filter((row) => row.account_id.startsWith(`${network}:`));
              if (inNetwork.some((row) => row.value > 1))
                expect(inNetwork.some((row) => row.value === 1000)).toBe(true);
            }
          }
        ),
        SETTINGS
      );
    },
    PROPERTY_TIMEOUT
  );

  it(
    "adding actions or scoring later never lowers anyone's Outreach points or level",
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(arbitraryAction(ALL_KINDS), {maxLength: 25}),
          fc.array(arbitraryAction(ALL_KINDS), {minLength: 1, maxLength: 5}),
          fc.nat(24 * 7),
          async (base, extra, hours) => {
            const before = await values(world(base), "kred-outreach");
            const after = await values(world([...base, ...extra]), "kred-outreach");
            const earlier = await values(world(base), "kred-outreach", {at: AT.at - hours * 3_600_000});
            for (const id of ACCOUNTS) {
              expect(after[id]!.value).toBeGreaterThanOrEqual(before[id]!.value);
              expect(after[id]!.score).toBeGreaterThanOrEqual(before[id]!.score);
              expect(before[id]!.value).toBeGreaterThanOrEqual(earlier[id]!.value);
            }
          }
        ),
        SETTINGS
      );
    },
    PROPERTY_TIMEOUT
  );
});

describe("kred with Louvain communities", () => {
  // Two cliques on one network: a1, a2, a3 repost each other, and so do b1, b2, b3, b4; a1 reposts a2 and b1
  // reposts b3 once more, and a1 mentions b1 once, the one tie between the cliques. 10 points per action.
  const clique = (names: string[]) => names.flatMap((x) => names.filter((y) => y !== x).map((y) => [x, y]));
  const reposts = [
    ...clique(["t:a1", "t:a2", "t:a3"]),
    ...clique(["t:b1", "t:b2", "t:b3", "t:b4"]),
    ["t:a1", "t:a2"],
    ["t:b1", "t:b3"]
  ].map(([actor, target]) => act(actor!, target!, march(10), "repost"));
  const world: WorldRows = {
    accounts: ["t:a1", "t:a2", "t:a3", "t:b1", "t:b2", "t:b3", "t:b4"].map((id) => account(id)),
    interactions: [...reposts, act("t:a1", "t:b1", march(10), "mention")]
  };
  let db: NodeDb;
  beforeAll(async () => {
    db = await memoryWorld(world);
  });
  afterAll(() => db?.close());

  const scores = async (weights: Record<string, number>) =>
    Object.fromEntries(
      (await scoreMethod(db, "kred", {...WINDOW, weights})).map((row) => [row.account_id, Math.round(row.value)])
    );

  it("puts 1000 at the top of each clique with Louvain communities, and at the network's top without", async () => {
    // Points: a2 30 (a1 twice, a3), a1 20, a3 20; b3 40 (b1 twice, b2, b4), b1 40 (3 reposts and a1's mention),
    // b2 30, b4 30. Networks: one scale, top 40 (b1 and b3). Louvain: the cliques, tops a2 (30) and b1, b3 (40).
    const curve = (points: number, top: number) => 1 + 999 * Math.sqrt(Math.log1p(points) / Math.log1p(top));
    const network = await scores({community_louvain: 0});
    expect(network).toEqual({
      "t:a1": Math.round(curve(20, 40)),
      "t:a2": Math.round(curve(30, 40)),
      "t:a3": Math.round(curve(20, 40)),
      "t:b1": 1000,
      "t:b2": Math.round(curve(30, 40)),
      "t:b3": 1000,
      "t:b4": Math.round(curve(30, 40))
    });
    const louvain = await scores({community_louvain: 1});
    expect(louvain).toEqual({
      ...network,
      "t:a1": Math.round(curve(20, 30)),
      "t:a2": 1000,
      "t:a3": Math.round(curve(20, 30))
    });
    // The same communities every time: the order Louvain visits nodes in comes from a seeded generator.
    expect(await scores({community_louvain: 1})).toEqual(louvain);
  });

  it("refuses a community choice other than 0 or 1", async () => {
    await expect(scoreMethod(db, "kred", {...WINDOW, weights: {community_louvain: 0.5}})).rejects.toThrow(
      "community_louvain must be 0 (networks) or 1 (Louvain), got 0.5"
    );
  });
});

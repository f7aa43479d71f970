/**
 * The Klout-style score: its value worked out by hand on a tiny world, and the properties the method card
 * promises, checked on random worlds (fast-check, fixed seed).
 */
import fc from "fast-check";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {NodeDb} from "../../../loaders/node-db.js";
import type {Interaction} from "../../../loaders/schema.js";
import {KLOUT_ANCHORS} from "../../../scoring/methods/klout.js";
import {getMethod} from "../../../scoring/methods/index.js";
import {scoreMethod} from "../../../scoring/index.js";
import {syntheticKloutFeatures} from "../../../bench/synthetic-features.js";
import {midRankPercentiles, percentileScale} from "../../../scoring/scales.js";
import {memoryWorld, refillWorld, type WorldRows} from "../../helpers/world.js";

const T0 = Date.UTC(2026, 2, 1);
const hour = (h: number) => new Date(T0 + h * 3_600_000);

let db: NodeDb;
beforeAll(async () => void (db = await memoryWorld({})));
afterAll(() => db?.close());

async function kloutValues(rows: WorldRows): Promise<Record<string, number>> {
  await refillWorld(db, rows);
  const scored = await scoreMethod(db, "klout");
  return Object.fromEntries(scored.map((row) => [row.account_id, row.value]));
}

const account = (id: string, extra: object = {}) => ({
  account_id: id,
  network: id.split(":")[0]!,
  handle: id,
  ...extra
});
const reaction = (actor: string, target: string, h: number, kind: Interaction["kind"] = "repost"): Interaction => ({
  ts: hour(h),
  network: actor.split(":")[0]!,
  actor_id: actor,
  target_id: target,
  kind
});

describe("klout value", () => {
  it("is the weighted sum of log-features, worked out by hand", async () => {
    // t:b reposts t:a twice on one day (each worth 1/2) and t:c once (worth 1). No posts in the data, so no
    // amplification; no follows or reported counts.
    const values = await kloutValues({
      accounts: [account("t:a"), account("t:b"), account("t:c")],
      interactions: [reaction("t:b", "t:a", 1), reaction("t:b", "t:a", 2), reaction("t:c", "t:a", 3)]
    });
    // PageRank of the reaction graph b→a (weight 2), c→a (weight 1), with a dangling, d = 0.85, n = 3.
    // b and c receive only teleport and a's dangling share: p_b = p_c = x = 0.15/3 + 0.85·p_a/3, and
    // p_a = 1 − 2x. Substituting: x(1 + 1.7/3) = 0.05 + 0.85/3, so x = 0.212766 and p_a = 0.574468.
    const pa = 1 - 2 * ((0.05 + 0.85 / 3) / (1 + 1.7 / 3));
    const expected = Math.log1p(1 / 2 + 1 / 2 + 1) + Math.log1p(2) + Math.log1p(3 * pa);
    expect(values["t:a"]).toBeCloseTo(expected, 10);
    // t:b and t:c drew no reactions, so nothing counts, not even their PageRank (teleport share only).
    expect(values["t:b"]).toBe(0);
  });

  it("combines one person's networks by the 3-norm", async () => {
    const values = await kloutValues({
      accounts: [account("t:a", {person_id: "p1"}), account("m:a", {person_id: "p1"}), account("t:b"), account("m:b")],
      interactions: [reaction("t:b", "t:a", 1), reaction("m:b", "m:a", 1)]
    });
    const alone = await kloutValues({
      accounts: [account("t:a"), account("m:a"), account("t:b"), account("m:b")],
      interactions: [reaction("t:b", "t:a", 1), reaction("m:b", "m:a", 1)]
    });
    const combined = (alone["t:a"]! ** 3 + alone["m:a"]! ** 3) ** (1 / 3);
    expect(values["t:a"]).toBeCloseTo(combined, 10);
    expect(values["m:a"]).toBeCloseTo(combined, 10);
  });
});

describe("klout display", () => {
  it("maps mid-rank percentiles through the anchors (median 40, top 5% at 63)", () => {
    expect(Array.from(midRankPercentiles([10, 20, 20, 30]))).toEqual([0.125, 0.5, 0.5, 0.875]);
    const values = Float64Array.from({length: 1000}, (_, i) => i);
    const scores = percentileScale(values, KLOUT_ANCHORS);
    // Value 499.5 would sit at percentile 0.5; value 500 is at (500 + 0.5)/1000 = 0.5005 → 40 + 0.0005/0.45·23.
    expect(scores[500]).toBeCloseTo(40 + (0.0005 / 0.45) * 23, 10);
    // Value 950 is at 0.9505, just past the 0.95 anchor: 63 + 0.0005/0.049·27.
    expect(scores[950]).toBeCloseTo(63 + (0.0005 / 0.049) * 27, 10);
    expect(Math.min(...scores)).toBeGreaterThanOrEqual(1);
    expect(Math.max(...scores)).toBeLessThanOrEqual(100);
  });
});

// Random small worlds: 4 Twitter and 3 Mastodon accounts, reactions within one week.
const ACCOUNTS = ["t:0", "t:1", "t:2", "t:3", "m:0", "m:1", "m:2"];
const arbitraryReaction = fc
  .record({
    network: fc.constantFrom("t", "m"),
    actor: fc.nat(3),
    target: fc.nat(3),
    hour: fc.nat(24 * 7),
    kind: fc.constantFrom<Interaction["kind"]>("repost", "reply", "mention", "like", "quote")
  })
  .map(({network, actor, target, hour: h, kind}) => {
    const size = network === "t" ? 4 : 3;
    return reaction(`${network}:${actor % size}`, `${network}:${target % size}`, h, kind);
  });
const world = (interactions: Interaction[], persons: Record<string, string> = {}): WorldRows => ({
  accounts: ACCOUNTS.map((id) => account(id, persons[id] ? {person_id: persons[id]} : {})),
  interactions
});
const SETTINGS = {seed: 20261125, numRuns: 20};
// Each run scores two to four worlds in DuckDB.
const PROPERTY_TIMEOUT = 180_000;

describe("klout properties", () => {
  it(
    "adding a reaction received never lowers the receiver's value",
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(arbitraryReaction, {maxLength: 25}), arbitraryReaction, async (base, extra) => {
          fc.pre(extra.actor_id !== extra.target_id);
          const before = await kloutValues(world(base));
          const after = await kloutValues(world([...base, extra]));
          expect(after[extra.target_id]!).toBeGreaterThanOrEqual(before[extra.target_id]! - 1e-9);
        }),
        SETTINGS
      );
    },
    PROPERTY_TIMEOUT
  );

  it(
    "adding posts that draw no reactions never raises the value",
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(arbitraryReaction, {maxLength: 25}),
          fc.nat(6),
          fc.nat(5),
          async (base, who, count) => {
            const author = ACCOUNTS[who]!;
            const posts = Array.from({length: count + 1}, (_, i) => ({
              post_id: `${author}:p${i}`,
              account_id: author,
              network: author.split(":")[0]!,
              created_at: hour(i),
              kind: "post" as const
            }));
            const before = await kloutValues({...world(base), posts: posts.slice(0, 1)});
            const after = await kloutValues({...world(base), posts});
            expect(after[author]!).toBeLessThanOrEqual(before[author]! + 1e-9);
          }
        ),
        SETTINGS
      );
    },
    PROPERTY_TIMEOUT
  );

  it(
    "linking a second network never lowers a person's value, and an inactive one changes nothing",
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(arbitraryReaction, {maxLength: 25}), async (base) => {
          const alone = await kloutValues(world(base));
          const linked = await kloutValues(world(base, {"t:0": "p", "m:0": "p"}));
          expect(linked["t:0"]!).toBeGreaterThanOrEqual(alone["t:0"]! - 1e-9);
          const quiet = base.filter((r) => r.actor_id !== "m:2" && r.target_id !== "m:2");
          const withInactive = await kloutValues(world(quiet, {"t:1": "q", "m:2": "q"}));
          const withoutLink = await kloutValues(world(quiet));
          // m:2 has no activity, but the PageRank teleport still gives it a small network score; an inactive
          // network is one whose score is 0, so compare with the 3-norm directly.
          const expected = (withoutLink["t:1"]! ** 3 + withoutLink["m:2"]! ** 3) ** (1 / 3);
          expect(withInactive["t:1"]!).toBeCloseTo(expected, 9);
        }),
        SETTINGS
      );
    },
    PROPERTY_TIMEOUT
  );

  it(
    "relabelling accounts changes nothing but the labels",
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(arbitraryReaction, {maxLength: 25}), async (base) => {
          const rename = (id: string) => id.replace(/^t:(\d)$/, (_, d) => `t:${3 - Number(d)}`);
          const original = await kloutValues(world(base));
          const renamed = await kloutValues(
            world(base.map((r) => ({...r, actor_id: rename(r.actor_id), target_id: rename(r.target_id)})))
          );
          for (const id of ACCOUNTS) expect(renamed[rename(id)]).toBeCloseTo(original[id]!, 9);
        }),
        SETTINGS
      );
    },
    PROPERTY_TIMEOUT
  );
});

describe("Klout-style re-weighting", () => {
  it("re-weights one feature table again and again without one result changing another", () => {
    const klout = getMethod("klout");
    const decomposition = klout.decomposition!;
    const table = syntheticKloutFeatures(2_000, 3);
    // A copy of the table object gets arrays of its own: what each call gives on a table used for nothing else.
    const alone = (weights: Record<string, number>) => decomposition.combine({...table}, weights);
    const heavier = {...klout.weights!, followers: 2};
    const first = decomposition.combine(table, klout.weights!);
    const kept = first.slice();
    const second = decomposition.combine(table, heavier);
    expect(first).toEqual(kept);
    const parts = decomposition.contributions!(table, klout.weights!);
    expect(second).not.toEqual(first);
    expect(first).toEqual(alone(klout.weights!));
    expect(second).toEqual(alone(heavier));
    expect(parts).toEqual(decomposition.contributions!({...table}, klout.weights!));
  });
});

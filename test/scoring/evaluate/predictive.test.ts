import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {NodeDb} from "../../../loaders/node-db.js";
import type {Db} from "../../../scoring/db.js";
import {evaluatePredictive} from "../../../scoring/evaluate/predictive.js";
import {evaluateTruth} from "../../../scoring/evaluate/truth.js";
import {memoryWorld, openNative, openWasm, tempDir, writeWorld, type WorldRows} from "../../helpers/world.js";
import {TRUTH_WORLD} from "./truth-world.js";

const day = (n: number) => new Date(Date.UTC(2026, 0, n));
const UNTIL = day(10).getTime();

/**
 * Before 10 January: b reposts a (day 1), c reposts a (day 6), d replies to b (day 7), a mentions c (day 8):
 * a, b, c and d are known. From 10 January on: e replies to c at exactly midnight on the 10th (counted; e is not
 * known, having done nothing before), b reposts a (11th), c likes b (11th), d likes b (12th), e reposts b
 * (12th), d rates c (13th, counted), a follows d (12th, a follow: not counted), c mentions itself (12th, not
 * counted). Reactions received from the 10th on: a 1, b 3, c 2, d 0.
 */
const WORLD: WorldRows = {
  accounts: ["a", "b", "c", "d", "e"].map((id) => ({account_id: id, network: "t", handle: id})),
  interactions: [
    {ts: day(1), network: "t", actor_id: "b", target_id: "a", kind: "repost"},
    {ts: day(6), network: "t", actor_id: "c", target_id: "a", kind: "repost"},
    {ts: day(7), network: "t", actor_id: "d", target_id: "b", kind: "reply"},
    {ts: day(8), network: "t", actor_id: "a", target_id: "c", kind: "mention"},
    {ts: day(10), network: "t", actor_id: "e", target_id: "c", kind: "reply"},
    {ts: day(11), network: "t", actor_id: "b", target_id: "a", kind: "repost"},
    {ts: day(11), network: "t", actor_id: "c", target_id: "b", kind: "like"},
    {ts: day(12), network: "t", actor_id: "d", target_id: "b", kind: "like"},
    {ts: day(12), network: "t", actor_id: "e", target_id: "b", kind: "repost"},
    {ts: day(13), network: "t", actor_id: "d", target_id: "c", kind: "rating"},
    {ts: day(12), network: "t", actor_id: "a", target_id: "d", kind: "follow"},
    {ts: day(12), network: "t", actor_id: "c", target_id: "c", kind: "mention"}
  ]
};

/**
 * By hand, outcome y = a 1, b 3, c 2, d 0 (average ranks a 2, b 4, c 3, d 1; deviations from 2.5: −.5, 1.5, .5,
 * −1.5, Σy² = 5):
 * - reactions before the 10th, all time: a 2, b 1, c 1, d 0 (ranks 4, 2.5, 2.5, 1; deviations 1.5, 0, 0, −1.5):
 *   Σxy = −.75 + 2.25 = 1.5, Σx² = 4.5, ρ = 1.5 / √22.5. Kendall: a–b and a–c discordant, a–d, b–d, c–d
 *   concordant, b–c tied in x: (3 − 2) / √((6 − 1) · 6).
 * - reposts before the 10th: a 2, the rest 0 (deviations 1.5, −.5, −.5, −.5): Σxy = −.75 − .75 − .25 + .75 = −1,
 *   Σx² = 3, ρ = −1 / √15. Kendall: a–d concordant, a–b and a–c discordant, the rest tied in x:
 *   (1 − 2) / √((6 − 3) · 6).
 * - reactions over the 5 days before the 10th: a 1, b 1, c 1, d 0 (deviations .5, .5, .5, −1.5):
 *   Σxy = −.25 + .75 + .25 + 2.25 = 3, Σx² = 3, ρ = 3 / √15.
 * - reactions all time against a 2-day horizon, [10th, 12th): a 1, b 1, c 1, d 0 (deviations .5, .5, .5, −1.5,
 *   Σy² = 3): Σxy = .75 + 2.25 = 3, ρ = 3 / √(4.5 · 3).
 * These agree with scipy.stats.spearmanr and kendalltau.
 */
describe("evaluatePredictive", () => {
  let db: NodeDb;
  beforeAll(async () => {
    db = await memoryWorld(WORLD);
  });
  afterAll(() => db.close());

  it("correlates scores before the date with reactions received from it on, as computed by hand", async () => {
    const result = await evaluatePredictive(db, {until: UNTIL, methods: ["reactions", "reposts"]});
    expect(result.accounts).toBe(4);
    expect(result.reactions).toBe(6);
    expect(result.skipped).toEqual([]);
    const [reactions, reposts] = result.methods;
    expect(reactions.method).toBe("reactions");
    expect(reactions.spearman).toBeCloseTo(1.5 / Math.sqrt(22.5), 12);
    expect(reactions.kendall).toBeCloseTo(1 / Math.sqrt(30), 12);
    expect(reposts.method).toBe("reposts");
    expect(reposts.spearman).toBeCloseTo(-1 / Math.sqrt(15), 12);
    expect(reposts.kendall).toBeCloseTo(-1 / Math.sqrt(18), 12);
  });

  it("scores over the window ending at the date when given windowDays", async () => {
    const result = await evaluatePredictive(db, {until: UNTIL, methods: ["reactions"], windowDays: 5});
    expect(result.methods[0].spearman).toBeCloseTo(3 / Math.sqrt(15), 12);
  });

  it("counts reactions only up to the horizon when given horizonDays", async () => {
    const result = await evaluatePredictive(db, {until: UNTIL, methods: ["reactions"], horizonDays: 2});
    expect(result.reactions).toBe(3);
    expect(result.methods[0].spearman).toBeCloseTo(3 / Math.sqrt(13.5), 12);
  });

  it("skips the methods the data cannot feed, with the reason", async () => {
    const result = await evaluatePredictive(db, {until: UNTIL, methods: ["reactions", "indegree"]});
    expect(result.methods.map((m) => m.method)).toEqual(["reactions"]);
    expect(result.skipped).toEqual([{method: "indegree", reason: "the data has no follow graph"}]);
  });

  it("refuses a date that is not a time and a horizon that is not positive", async () => {
    await expect(evaluatePredictive(db, {until: NaN})).rejects.toThrow(
      "scoring/evaluate/predictive: until must be a time, got NaN"
    );
    await expect(evaluatePredictive(db, {until: UNTIL, horizonDays: 0})).rejects.toThrow(
      "scoring/evaluate/predictive: horizonDays must be a positive number of days, got 0"
    );
  });
});

describe("the evaluations on both engines", () => {
  const temp = tempDir();
  let native: Db & {close(): void};
  let wasm: Db;
  beforeAll(async () => {
    await writeWorld(temp.dir, {
      ...TRUTH_WORLD,
      interactions: WORLD.interactions,
      accounts: [...TRUTH_WORLD.accounts!, ...WORLD.accounts!]
    });
    native = await openNative(temp.dir);
    wasm = await openWasm(temp.dir);
  });
  afterAll(() => {
    native.close();
    temp.remove();
  });

  it("give the same results on duckdb-wasm as on native DuckDB", async () => {
    const predictive = {until: UNTIL, methods: ["reactions", "followers"], horizonDays: 3};
    expect(await evaluatePredictive(wasm, predictive)).toEqual(await evaluatePredictive(native, predictive));
    const truth = {methods: ["followers", "reactions"], k: 2, runs: 50, p: 0.5};
    expect(await evaluateTruth(wasm, truth)).toEqual(await evaluateTruth(native, truth));
  });
});

import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {NodeDb} from "../../../loaders/node-db.js";
import {evaluateTruth, MissingTruthError} from "../../../scoring/evaluate/truth.js";
import {memoryWorld} from "../../helpers/world.js";
import {TRUTH_WORLD} from "./truth-world.js";

/**
 * By hand (average ranks, 1 = smallest; mid-rank percentiles (rank − ½)/5 without ties):
 *
 * followers [10, 50, 40, 30, 5]: ranks a 2, b 5, c 4, d 3, e 1 against truth 5, 4, 3, 2, 1: d = −3, 1, 1, 1, 0,
 *   Σd² = 12, ρ = 1 − 6·12 / (5·24) = 0.4. Kendall: a is below b, c, d (3 discordant), the 7 other pairs agree:
 *   (7 − 3) / 10 = 0.4. Against spread ranks a 5, b 4, c 1.5, d 3, e 1.5 (c and e tie at 1): deviations from 3
 *   x −1, 2, 1, 0, −2 and y 2, 1, −1.5, 0, −1.5: Σxy = 1.5, Σx² = 10, Σy² = 9.5, ρ = 1.5 / √95. Top 2 {b, c}
 *   against the truth's {a, b}: 1/2. Percentiles a .3, b .9, c .7, d .5, e .1 against truth .9, .7, .5, .3, .1:
 *   spammer c +20 points; ring d +20, e 0, median +10.
 * indegree [2, 1, 0, 1, 0]: average ranks a 5, b 3.5, c 1.5, d 3.5, e 1.5; deviations 2, .5, −1.5, .5, −1.5
 *   against truth 2, 1, 0, −1, −2: Σxy = 7, Σx² = 9, Σy² = 10, ρ = 7 / √90. Kendall tau-b: concordant a with all
 *   4, b–c, b–e, d–e (7), discordant c–d (1), tied in x b–d and c–e (n₁ = 2): 6 / √(8·10). Against spread:
 *   Σxy = 4 + .5 + 2.25 + 0 + 2.25 = 9, Σy² = 9.5, ρ = 9 / √85.5. Top 2: a, then b and d tie at 1 and b comes
 *   first by id: {a, b}, precision 1. Percentiles c, e .2 (two tied at the bottom), b, d .6, a .9: spammer c
 *   .2 − .5 = −30; ring d +30, e +10, median +20.
 * truth against spread: Σxy = 4 + 1 + 0 + 0 + 3 = 8, ρ = 8 / √95.
 * These correlations agree with scipy.stats.spearmanr and kendalltau.
 */
describe("evaluateTruth", () => {
  let db: NodeDb;
  beforeAll(async () => {
    db = await memoryWorld(TRUTH_WORLD);
  });
  afterAll(() => db.close());

  it("gives per method the correlations, spread correlation, precision at k and inflation computed by hand", async () => {
    const result = await evaluateTruth(db, {methods: ["followers", "indegree"], k: 2, p: 1, runs: 5});
    expect(result.accounts).toBe(5);
    expect(result.k).toBe(2);
    expect(result.roles).toEqual({organic: 2, ring: 2, spammer: 1});
    expect(result.truthSpreadSpearman).toBeCloseTo(8 / Math.sqrt(95), 12);
    expect(result.skipped).toEqual([]);
    const [followers, indegree] = result.methods;
    expect(followers.method).toBe("followers");
    expect(followers.spearman).toBeCloseTo(0.4, 12);
    expect(followers.kendall).toBeCloseTo(0.4, 12);
    expect(followers.spreadSpearman).toBeCloseTo(1.5 / Math.sqrt(95), 12);
    expect(followers.precisionAtK).toBe(0.5);
    expect(Object.keys(followers.inflation)).toEqual(["ring", "spammer"]);
    expect(followers.inflation.spammer).toBeCloseTo(20, 10);
    expect(followers.inflation.ring).toBeCloseTo(10, 10);
    expect(indegree.method).toBe("indegree");
    expect(indegree.spearman).toBeCloseTo(7 / Math.sqrt(90), 12);
    expect(indegree.kendall).toBeCloseTo(6 / Math.sqrt(80), 12);
    expect(indegree.spreadSpearman).toBeCloseTo(9 / Math.sqrt(85.5), 12);
    expect(indegree.precisionAtK).toBe(1);
    expect(indegree.inflation.spammer).toBeCloseTo(-30, 10);
    expect(indegree.inflation.ring).toBeCloseTo(20, 10);
  });

  it("skips the methods the data cannot feed, with the reason", async () => {
    const result = await evaluateTruth(db, {methods: ["followers", "twitterrank"], p: 1, runs: 1});
    expect(result.methods.map((m) => m.method)).toEqual(["followers"]);
    expect(result.skipped).toEqual([{method: "twitterrank", reason: "no post carries topics"}]);
  });

  it("caps k at the number of accounts", async () => {
    const result = await evaluateTruth(db, {methods: ["followers"], k: 50, p: 1, runs: 1});
    expect(result.k).toBe(5);
    expect(result.methods[0].precisionAtK).toBe(1);
  });

  it("refuses a dataset without truth rows, pointing to sway simulate and sway evaluate predictive", async () => {
    const empty = await memoryWorld({accounts: TRUTH_WORLD.accounts});
    try {
      const error = await evaluateTruth(empty, {methods: ["followers"]}).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MissingTruthError);
      expect((error as Error).message).toMatch(/^scoring\/evaluate\/truth: the truth table is empty/);
      expect((error as Error).message).toContain("`sway simulate`");
      expect((error as Error).message).toContain("`sway evaluate predictive`");
    } finally {
      empty.close();
    }
  });

  it("refuses a k that is not a positive integer", async () => {
    await expect(evaluateTruth(db, {k: 0})).rejects.toThrow(
      "scoring/evaluate/truth: k must be a positive integer, got 0"
    );
  });
});

/** `sway evaluate truth` and `sway evaluate predictive` as a user runs them, on hand-built worlds. */
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {TRUTH_WORLD} from "../scoring/evaluate/truth-world.js";
import {FIXTURE_WORLD} from "../helpers/fixture-world.js";
import {tempDir, writeWorld} from "../helpers/world.js";
import {sway, swayInProcess} from "./run-sway.js";

const temp = tempDir();
const world = join(temp.dir, "world");
const noTruth = join(temp.dir, "no-truth");

beforeAll(async () => {
  await writeWorld(world, TRUTH_WORLD);
  await writeWorld(noTruth, FIXTURE_WORLD);
});
afterAll(() => temp.remove());

/** With p = 1 the spread is certain; the expected values are computed by hand in test/scoring/evaluate/truth.test.ts. */
const FLAGS = ["--methods", "followers,indegree", "--k", "2", "--p", "1", "--runs", "5"];

describe("sway evaluate truth", {timeout: 120_000}, () => {
  it("prints with --json one object per method, best Spearman first, with the values computed by hand", async () => {
    const {stdout, stderr, code} = await sway("evaluate", "truth", world, ...FLAGS, "--json");
    expect([code, stderr]).toEqual([0, ""]);
    const rows = JSON.parse(stdout) as Record<string, unknown>[];
    for (const row of rows) {
      expect(Object.keys(row)).toEqual([
        "method",
        "spearman",
        "kendall",
        "spreadSpearman",
        "precisionAtK",
        "inflation"
      ]);
    }
    expect(rows).toEqual([
      {
        method: "indegree",
        spearman: expect.closeTo(7 / Math.sqrt(90), 12),
        kendall: expect.closeTo(6 / Math.sqrt(80), 12),
        spreadSpearman: expect.closeTo(9 / Math.sqrt(85.5), 12),
        precisionAtK: 1,
        inflation: {ring: expect.closeTo(20, 10), spammer: expect.closeTo(-30, 10)}
      },
      {
        method: "followers",
        spearman: expect.closeTo(0.4, 12),
        kendall: expect.closeTo(0.4, 12),
        spreadSpearman: expect.closeTo(1.5 / Math.sqrt(95), 12),
        precisionAtK: 0.5,
        inflation: {ring: expect.closeTo(10, 10), spammer: expect.closeTo(20, 10)}
      }
    ]);
  });

  it("prints a table with the accounts per role, the spread model and one inflation column per role", async () => {
    const {stdout, code} = await swayInProcess("evaluate", "truth", world, ...FLAGS);
    expect(code).toBe(0);
    const lines = stdout.split("\n");
    expect(lines[0]).toBe("5 accounts with a true influence (organic 2, ring 2, spammer 1).");
    // Spearman of truth and spread: 8 / √95 = 0.8208.
    expect(lines[1]).toBe(
      "Spread: IC over the follow graph, uniform p = 1, 5 live-edge samples, seed 1; Spearman with the true influence 0.821."
    );
    expect(lines[3]).toMatch(/^method\s+spearman\s+kendall\s+spread\s+P@2\s+ring\s+spammer$/);
    expect(lines[4]).toMatch(/^indegree\s+0\.738\s+0\.671\s+0\.973\s+1\.000\s+\+20\.0\s+-30\.0$/);
    expect(lines[5]).toMatch(/^followers\s+0\.400\s+0\.400\s+0\.154\s+0\.500\s+\+10\.0\s+\+20\.0$/);
  });

  it("skips the methods the data cannot feed under --methods all, with the reason on stderr", async () => {
    const {stdout, stderr, code} = await swayInProcess("evaluate", "truth", world, "--p", "1", "--runs", "1", "--json");
    expect(code).toBe(0);
    expect(stderr).toContain("sway: skipping twitterrank: no post carries topics\n");
    expect(JSON.parse(stdout).map((row: {method: string}) => row.method)).toContain("followers");
  });

  it("explains a world without truth, an unavailable method and bad flags in one line", async () => {
    const missing = await swayInProcess("evaluate", "truth", noTruth, "--methods", "followers");
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(
      `sway: ${noTruth} has no truth table rows: only a simulated world knows its true influence. Generate one with ` +
        "`sway simulate`, or measure predictive validity with `sway evaluate predictive`.\n"
    );
    const unavailable = await swayInProcess("evaluate", "truth", world, "--methods", "twitterrank");
    expect([unavailable.code, unavailable.stderr]).toEqual([
      1,
      `sway: twitterrank cannot score ${world}: no post carries topics\n`
    ]);
    const p = await swayInProcess("evaluate", "truth", world, "--p", "2");
    expect([p.code, p.stderr]).toEqual([1, 'sway: --p must be in (0, 1], got "2"\n']);
    const lt = await swayInProcess("evaluate", "truth", world, "--model", "lt", "--p", "0.1");
    expect([lt.code, lt.stderr]).toEqual([1, "sway: --p applies to --model ic only\n"]);
  });
});

describe("sway evaluate predictive", {timeout: 120_000}, () => {
  // FIXTURE_WORLD: before 3 March, b and c repost a (1st), c replies to a and d mentions b (2nd), mastodon y
  // reposts x (1st, 2nd); from 3 March on, a likes c (a's self-mention does not count). Known before the 3rd:
  // twitter a, b, c, d and mastodon x, y. Reactions received from the 3rd on: c 1, the others 0: average ranks
  // c 6, the other five 3; deviations from 3.5: c +2.5, the others −.5; Σy² = 7.5.
  // Reactions before: a 3, x 2, b 1, c, d, y 0: ranks 6, 5, 4, 2, 2, 2; deviations 2.5, 1.5, .5, −1.5 (×3);
  // Σx² = 15.5; Σxy = −1.25 − .75 − .25 − 3.75 + .75 + .75 = −4.5; ρ = −4.5 / √116.25.
  // Kendall: c is below a, b and x in x but above them in y (3 discordant), tied with d and y in x; the other
  // pairs tie in y: n₀ = 15, n₁ = 3, n₂ = 10, τ_b = −3 / √(12 · 5). Both agree with scipy.
  it("prints with --json one object per method with the Spearman computed by hand", async () => {
    const {stdout, code} = await sway(
      "evaluate",
      "predictive",
      noTruth,
      "--until",
      "2026-03-03",
      "-m",
      "reactions",
      "--json"
    );
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual([
      {
        method: "reactions",
        n: 6,
        spearman: expect.closeTo(-4.5 / Math.sqrt(116.25), 12),
        kendall: expect.closeTo(-3 / Math.sqrt(60), 12)
      }
    ]);
  });

  it("prints the period, the accounts and reactions counted, and a table", async () => {
    const {stdout, code} = await swayInProcess(
      "evaluate",
      "predictive",
      noTruth,
      "--until",
      "2026-03-03",
      "-m",
      "reactions"
    );
    expect(code).toBe(0);
    expect(stdout).toContain(
      "Scores before 2026-03-03T00:00:00.000Z, against the reactions received from then to the end of the data"
    );
    expect(stdout).toContain("6 accounts known before the date received 1 reactions after it.");
    expect(stdout).toMatch(/\nreactions\s+-0\.417\s+-0\.387\n$/);
  });

  it("requires --until and refuses a date it cannot read", async () => {
    const none = await swayInProcess("evaluate", "predictive", noTruth);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain("required option '--until <date>' not specified");
    const bad = await swayInProcess("evaluate", "predictive", noTruth, "--until", "soon");
    expect([bad.code, bad.stderr]).toEqual([
      1,
      'sway: --until: "soon" is not a date (use ISO 8601, e.g. 2012-07-04)\n'
    ]);
  });
});

/** `sway cascade` as a user runs it, on the fixture world. */
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {FIXTURE_WORLD} from "../helpers/fixture-world.js";
import {tempDir, writeWorld} from "../helpers/world.js";
import {sway, swayInProcess} from "./run-sway.js";

const temp = tempDir();
const world = join(temp.dir, "world");

beforeAll(() => writeWorld(world, FIXTURE_WORLD));
afterAll(() => temp.remove());

/**
 * FIXTURE_WORLD's follows: twitter a, b and d follow c; mastodon x follows y. Influence runs followee → follower:
 * c → a, b, d and y → x. Its reactions, reacted-to → reactor with counts: a → b (1), a → c (2), b → d (1),
 * c → a (1, a's like), x → y (2).
 */
describe("sway cascade", {timeout: 120_000}, () => {
  it("chooses with --k the seeds of largest marginal gain: with certain edges c (4 accounts), then y (2)", async () => {
    const {stdout, stderr, code} = await sway("cascade", world, "--k", "2", "--p", "1", "--runs", "20", "--json");
    expect([code, stderr]).toEqual([0, ""]);
    const report = JSON.parse(stdout);
    expect(report).toMatchObject({
      model: "ic",
      graph: "follows",
      scheme: "uniform",
      p: 1,
      runs: 20,
      seed: 1,
      greedy: "celf"
    });
    expect(report.seeds).toEqual([
      {account_id: "twitter:c", gain: 4, spread: 4, handle: "carol"},
      {account_id: "mastodon:y", gain: 2, spread: 6, handle: "yuri@example.social"}
    ]);
    expect(report.spread).toEqual({mean: 6, standardError: 0, low: 6, high: 6, runs: 20});
  });

  it("estimates the spread of --seeds within Monte Carlo error of the exact expectation", async () => {
    // IC, p = 0.01 on every follow edge: c reaches each of its 3 followers with probability 0.01, y its one.
    // E = 2 + 4 · 0.01 = 2.04; Var = 4 · 0.01 · 0.99 (independent edges).
    const runs = 20_000;
    const {stdout, code} = await swayInProcess(
      "cascade",
      world,
      "--seeds",
      "twitter:c,mastodon:y",
      "--runs",
      String(runs),
      "--json"
    );
    expect(code).toBe(0);
    const {spread, seeds} = JSON.parse(stdout);
    expect(seeds).toEqual([
      {account_id: "twitter:c", handle: "carol"},
      {account_id: "mastodon:y", handle: "yuri@example.social"}
    ]);
    expect(Math.abs(spread.mean - 2.04)).toBeLessThan(4.5 * Math.sqrt(0.0396 / runs));
    expect(spread.low).toBeLessThan(spread.mean);
  });

  it("runs linear threshold on the interaction graph, where c reaches a, b and d for certain", async () => {
    // LT weights c(u, v) / Σ c(·, v): a, b and d each have one influencer (c, a and b), so weight 1 ≥ any
    // threshold: seeding c activates a, then b, then d, in every run.
    const {stdout, code} = await swayInProcess(
      "cascade",
      world,
      "--model",
      "lt",
      "--graph",
      "interactions",
      "--seeds",
      "twitter:c",
      "--runs",
      "50"
    );
    expect(code).toBe(0);
    expect(stdout).toBe(
      "LT over the interaction graph; 50 runs, seed 1.\nSeeds: twitter:c\nExpected spread 4.000 accounts (95% interval 4.000 to 4.000, 50 cascades).\n"
    );
  });

  it("uses the interaction counts under --probabilities multiplicity", async () => {
    // p = 0.5 per interaction: a → c (2 reactions) 0.75, a → b 0.5, b → d 0.5; from a: E = 1 + .5 + .75 + .25 = 2.5.
    // The spread lies in [1, 4], so its variance is at most 2.25.
    const runs = 20_000;
    const {stdout} = await swayInProcess(
      "cascade",
      world,
      "--graph",
      "interactions",
      "--probabilities",
      "multiplicity",
      "--p",
      "0.5",
      "--seeds",
      "twitter:a",
      "--runs",
      String(runs),
      "--json"
    );
    expect(Math.abs(JSON.parse(stdout).spread.mean - 2.5)).toBeLessThan(4.5 * Math.sqrt(2.25 / runs));
  });

  it("prints the chosen seeds as a table", async () => {
    const {stdout, code} = await swayInProcess(
      "cascade",
      world,
      "--k",
      "2",
      "--p",
      "1",
      "--runs",
      "5",
      "--greedy",
      "plain"
    );
    expect(code).toBe(0);
    expect(stdout).toContain("IC over the follow graph, uniform p = 1; 5 runs, seed 1.");
    expect(stdout).toMatch(
      /\n {3}1 {2}twitter:c\s+carol\s+4\.000\s+4\.000\n {3}2 {2}mastodon:y\s+yuri@example\.social\s+2\.000\s+6\.000\n/
    );
    expect(stdout).toContain("Expected spread 6.000 accounts");
  });

  it("explains bad input in one line", async () => {
    const cases: [string[], string][] = [
      [[], "sway: give either --seeds or --k\n"],
      [["--seeds", "twitter:a", "--k", "2"], "sway: give either --seeds or --k\n"],
      [["--seeds", "twitter:zed"], `sway: --seeds: ${world} has no account "twitter:zed"\n`],
      [["--k", "0"], 'sway: --k must be an integer of at least 1, got "0"\n'],
      [["--k", "2", "--model", "lt", "--p", "0.2"], "sway: --p applies to --model ic only\n"],
      [["--seeds", "twitter:a", "--greedy", "plain"], "sway: --greedy needs --k\n"],
      [["--seeds", "twitter:a", "--runs", "many"], 'sway: --runs must be an integer of at least 1, got "many"\n']
    ];
    for (const [flags, message] of cases) {
      const {code, stderr} = await swayInProcess("cascade", world, ...flags);
      expect([code, stderr]).toEqual([1, message]);
    }
  });
});

/** `sway simulate` as a user runs it: a separate process, its output, its exit code and the warehouse it writes. */
import {readFileSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {afterAll, describe, expect, it} from "vitest";
import {tempDir} from "../helpers/world.js";
import {sway} from "./run-sway.js";

const temp = tempDir();
afterAll(() => temp.remove());

describe("sway simulate", () => {
  it("writes a warehouse whose manifest records the recipe", async () => {
    const out = join(temp.dir, "world");
    const {stdout, code} = await sway(
      "simulate",
      "--seed",
      "7",
      "--accounts",
      "800",
      "--days",
      "20",
      "--scenarios",
      "spammers,follow-rings",
      "--out",
      out
    );
    expect(code).toBe(0);
    const recipe =
      "simulate:seed=7,accounts=800,days=20,start=2026-01-01,networks=sim-x+sim-mastodon,scenarios=spammers+follow-rings";
    expect(stdout.split("\n")[0]).toBe(recipe);
    const manifest = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8"));
    expect(manifest.tables.accounts.rows).toBe(800);
    expect(manifest.tables.truth.rows).toBe(800);
    expect(manifest.sources).toHaveLength(1);
    const [source] = manifest.sources;
    expect(source.format).toBe("simulate");
    expect(source.file).toBe(recipe);
    const total = Object.values(manifest.tables as Record<string, {rows: number}>).reduce((sum, t) => sum + t.rows, 0);
    expect(source.records_read).toBe(total);
    expect(source.records_accepted).toBe(total);
    expect(source.written.interactions).toBe(manifest.tables.interactions.rows);
  }, 120_000);

  it("reads a recipe file, options overriding it", async () => {
    const recipe = join(temp.dir, "recipe.json");
    writeFileSync(
      recipe,
      JSON.stringify({seed: 3, accounts: 5000, days: 10, networks: ["sim-one"], scenarios: "none"})
    );
    const out = join(temp.dir, "from-recipe");
    const {stdout, code} = await sway("simulate", "--recipe", recipe, "--accounts", "300", "--out", out);
    expect(code).toBe(0);
    expect(stdout).toContain("simulate:seed=3,accounts=300,days=10,start=2026-01-01,networks=sim-one,scenarios=none\n");
    expect(stdout).toContain(`warehouse ${out}: 300 accounts,`);
  }, 120_000);

  it("refuses a non-empty --out, bad options and bad recipes with one clear line", async () => {
    const taken = join(temp.dir, "taken");
    await sway("simulate", "--accounts", "100", "--days", "5", "--out", taken);
    const cases: [string[], string][] = [
      [
        ["--accounts", "100", "--out", taken],
        `sway: simulation/node-writer: ${taken} is not empty; choose another --out\n`
      ],
      [
        ["--accounts", "-3", "--out", join(temp.dir, "x")],
        "sway: simulation/recipe: --accounts must be a positive integer up to 2000000, got -3\n"
      ],
      [
        ["--scenarios", "spam", "--out", join(temp.dir, "x")],
        'sway: simulation/recipe: --scenarios: unknown scenario "spam"; known: all, spammers, follow-rings, engagement-pods, bought-followers, amplifier-bots, conversation, posting-hours\n'
      ],
      [
        ["--recipe", join(temp.dir, "missing.json"), "--out", join(temp.dir, "x")],
        `sway: simulation/recipe: cannot read ${join(temp.dir, "missing.json")}: ENOENT\n`
      ]
    ];
    const results = await Promise.all(cases.map(([args]) => sway("simulate", ...args)));
    results.forEach(({stderr, code}, i) => {
      expect(code).toBe(1);
      expect(stderr).toBe(cases[i]![1]);
    });
    const bad = join(temp.dir, "bad.json");
    writeFileSync(bad, JSON.stringify({accounts: 100, params: {reactionRate: 2}}));
    const {stderr} = await sway("simulate", "--recipe", bad, "--out", join(temp.dir, "x"));
    expect(stderr).toBe(`sway: simulation/recipe: ${bad}: params.reactionRate must be at most 1, got 2\n`);
  }, 180_000);
});

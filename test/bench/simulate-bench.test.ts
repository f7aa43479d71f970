import {readdirSync} from "node:fs";
import {afterAll, describe, expect, it} from "vitest";
import {emptyResults} from "../../bench/harness.js";
import {generationBudget, simulateBench} from "../../bench/simulate.bench.js";
import {resolveRecipe} from "../../simulation/recipe.js";
import {generateWorld} from "../../simulation/world.js";
import {tempDir} from "../helpers/world.js";

const temp = tempDir("sway-simulate-bench-");
afterAll(() => temp.remove());

describe("simulateBench", () => {
  it("times generation and writing, and reports the rows generateWorld makes for the same recipe", async () => {
    const results = emptyResults();
    await simulateBench([600], 3, {plan: {warmup: 0, repeats: 2}, workDir: temp.dir}, results);
    expect(results.rows.map((row) => [row.kernel, row.tool, row.size])).toEqual([
      ["simulate", "sway generateWorld", "600 accounts"],
      ["simulate", "sway writeWorldWarehouse", "600 accounts"]
    ]);
    for (const row of results.rows) {
      expect(row.minMs).toBeGreaterThan(0);
      expect(row.minMs).toBeLessThanOrEqual(row.medianMs);
      expect(row.medianMs).toBeLessThanOrEqual(row.maxMs);
    }
    const world = generateWorld(resolveRecipe({seed: 3, accounts: 600, days: 90, scenarios: "all"}));
    const [follows, posts, interactions] = [world.follows.follower, world.posts.author, world.interactions.actor].map(
      (column) => column.length.toLocaleString("en-US")
    );
    expect(results.notes).toHaveLength(1);
    expect(results.notes[0]).toMatch(
      new RegExp(
        `^simulate 600 accounts: ${follows} follows, ${posts} posts, ${interactions} interactions; ` +
          `generation used \\d+\\.\\d s of CPU \\(user \\+ system\\) per run`
      )
    );
    // No budget at this size, and every warehouse written was removed.
    expect(results.budgets).toEqual([]);
    expect(readdirSync(temp.dir)).toEqual([]);
  }, 120_000);
});

describe("generationBudget", () => {
  it("holds 100,000 accounts to under 10 s and sets nothing for other sizes", () => {
    expect(generationBudget(100_000, 9_940)).toEqual({
      name: "simulate 100k accounts",
      target: "< 10 s",
      measured: "9.9 s",
      met: true
    });
    expect(generationBudget(100_000, 10_000)).toMatchObject({measured: "10.0 s", met: false});
    expect(generationBudget(5_000, 100)).toBeUndefined();
  });
});

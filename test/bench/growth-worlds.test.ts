import {mkdtempSync, readFileSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, describe, expect, it} from "vitest";
import {growthRecipe} from "../../bench/growth-worlds.js";
import {readRecipe, simulateWarehouse} from "../../simulation/recipe-file.js";

const DEFAULT_WORLD = join(import.meta.dirname, "../../data/worlds/default.json");

describe("growthRecipe(accounts)", () => {
  const temp = mkdtempSync(join(tmpdir(), "sway-growth-"));
  afterAll(() => rmSync(temp, {recursive: true, force: true}));

  it("is the built-in world's recipe with only the number of accounts changed", () => {
    const builtIn = readRecipe(DEFAULT_WORLD);
    const recipe = growthRecipe(20_000);
    expect(recipe.accounts).toBe(20_000);
    expect(builtIn.accounts).toBe(2_000);
    expect({...recipe, accounts: builtIn.accounts}).toEqual(builtIn);
  });

  it("gives worlds of the asked number of accounts, the same world for the same size", async () => {
    const first = await simulateWarehouse(growthRecipe(60), join(temp, "a"));
    const second = await simulateWarehouse(growthRecipe(60), join(temp, "b"));
    expect(first.tables.accounts.rows).toBe(60);
    expect(first.tables.interactions.rows).toBeGreaterThan(0);
    expect(readFileSync(join(temp, "b", "interactions.parquet"))).toEqual(
      readFileSync(join(temp, "a", "interactions.parquet"))
    );
    expect(second.tables).toEqual(first.tables);
  });
});

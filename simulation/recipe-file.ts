/**
 * Recipes on disk (`data/worlds/*.json`) and the one call that turns a recipe into a warehouse: what
 * `sway simulate` and the site's data loader use. Node only.
 *
 * @example await simulateWarehouse("data/worlds/default.json", "out/world");
 */
import {readFileSync} from "node:fs";
import type {Manifest} from "../loaders/warehouse.js";
import {writeWorldWarehouse} from "./node-writer.js";
import {OPTIONS, RecipeError, resolveRecipe, type Recipe} from "./recipe.js";
import {generateWorld, type Progress} from "./world.js";

/** Reads and validates the recipe file at `path`; `overrides` (command-line options) take precedence. */
export function readRecipe(path: string, overrides: Record<string, unknown> = {}): Recipe {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new RecipeError(
      `simulation/recipe: cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new RecipeError(`simulation/recipe: ${path} is not valid JSON: ${(error as Error).message}`);
  }
  const file = resolveRecipe(parsed, path);
  resolveRecipe(overrides, OPTIONS);
  return resolveRecipe({...file, ...overrides}, path);
}

/** Generates the world of `recipe` (a recipe or the path of a recipe file) and writes it as a warehouse at `dir`. */
export async function simulateWarehouse(
  recipe: Recipe | string,
  dir: string,
  onProgress?: Progress
): Promise<Manifest> {
  const resolved = typeof recipe === "string" ? readRecipe(recipe) : recipe;
  return writeWorldWarehouse(generateWorld(resolved, onProgress), dir);
}

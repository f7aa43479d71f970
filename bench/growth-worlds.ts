/**
 * The inputs of the growth benchmark: simulated worlds that differ from the site's built-in world
 * (`data/worlds/default.json`) only in their number of accounts, so that time and memory are drawn against
 * input size with everything else (seed, days, networks, gaming scenarios) held fixed.
 */
import {fileURLToPath} from "node:url";
import {readRecipe} from "../simulation/recipe-file.js";
import type {Recipe} from "../simulation/recipe.js";

const DEFAULT_WORLD = fileURLToPath(new URL("../data/worlds/default.json", import.meta.url));

/** Account counts of the full run and of the quick run. */
export const GROWTH_ACCOUNTS = {full: [1_000, 5_000, 20_000, 50_000], quick: [200, 500]} as const;

/** The built-in world's recipe with `accounts` accounts. */
export function growthRecipe(accounts: number): Recipe {
  return readRecipe(DEFAULT_WORLD, {accounts});
}

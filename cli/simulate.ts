/**
 * `sway simulate`: generates a world whose true influence is known (simulation/) and writes it as a
 * warehouse, with the latent influence and each account's scenario role in the `truth` table.
 */
import {Command, InvalidArgumentError} from "commander";
import {readRecipe} from "../simulation/recipe-file.js";
import {OPTIONS, resolveRecipe} from "../simulation/recipe.js";
import {checkOutputDir, writeWorldWarehouse} from "../simulation/node-writer.js";
import {generateWorld} from "../simulation/world.js";
import {progressReporter} from "./progress.js";

interface SimulateFlags {
  out: string;
  recipe?: string;
  seed?: number;
  accounts?: number;
  days?: number;
  scenarios?: string;
  networks?: string;
  start?: string;
}

/** Commander parser for an integer option, naming the option when the value is not one. */
const integer = (option: string) => (value: string) => {
  if (!/^-?\d+$/.test(value.trim())) {
    throw new InvalidArgumentError(`simulation/recipe: ${option} must be an integer, got ${JSON.stringify(value)}`);
  }
  return Number(value);
};

export function simulateCommand(): Command {
  return new Command("simulate")
    .description("Generate a world whose true influence is known (with gaming scenarios) and write it as a warehouse.")
    .requiredOption("-o, --out <dir>", "warehouse folder to write (must not exist or be empty)")
    .option("--recipe <file>", "a recipe: JSON of generator parameters (see data/worlds/); options below override it")
    .option("--seed <n>", "random seed (same seed, same world)", integer("--seed"))
    .option("--accounts <n>", "number of accounts", integer("--accounts"))
    .option("--days <n>", "days of activity", integer("--days"))
    .option("--scenarios <list>", "gaming scenarios: all, none, or a comma list")
    .option("--networks <list>", "network names, comma separated (default sim-x,sim-mastodon)")
    .option("--start <date>", "first day of the world, YYYY-MM-DD")
    .action(async (flags: SimulateFlags) => {
      const overrides = Object.fromEntries(
        Object.entries({
          seed: flags.seed,
          accounts: flags.accounts,
          days: flags.days,
          scenarios: flags.scenarios,
          start: flags.start,
          networks: flags.networks?.split(",").map((name) => name.trim())
        }).filter(([, value]) => value !== undefined)
      );
      const recipe = flags.recipe ? readRecipe(flags.recipe, overrides) : resolveRecipe(overrides, OPTIONS);
      checkOutputDir(flags.out);
      const progress = progressReporter();
      const started = performance.now();
      const world = generateWorld(recipe, (stage, fraction) => progress.update(`simulating: ${stage}`, fraction));
      progress.update("writing the warehouse", 1);
      const manifest = await writeWorldWarehouse(world, flags.out);
      progress.done();
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      const totals = Object.entries(manifest.tables)
        .map(([table, {rows}]) => `${rows.toLocaleString("en-US")} ${table}`)
        .join(", ");
      process.stdout.write(`${manifest.sources[0]!.file}\nwarehouse ${flags.out}: ${totals} (${seconds} s)\n`);
    });
}

/**
 * The world the site shows, as one DuckDB database file (the form duckdb-wasm attaches fastest; STACK.md): a
 * simulated world generated from the recipe `data/worlds/default.json`, so its true influence is known.
 * Framework runs this with tsx from the project root and saves stdout as `data/world.duckdb`; it caches the
 * output until this file changes, so run `npm run clean` after editing the recipe.
 */
import {mkdtempSync, readFileSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {fileURLToPath} from "node:url";
import {exportDuckDbFile} from "../../loaders/warehouse.js";
import {simulateWarehouse} from "../../simulation/recipe-file.js";

const recipe = fileURLToPath(new URL("../../data/worlds/default.json", import.meta.url));
const temp = mkdtempSync(join(tmpdir(), "sway-world-"));
try {
  // Generate the world into a temporary warehouse.
  await simulateWarehouse(recipe, join(temp, "warehouse"));

  // Copy the warehouse into one checkpointed database file.
  const database = join(temp, "world.duckdb");
  await exportDuckDbFile(join(temp, "warehouse"), database);

  // Write the file's bytes to stdout, which Framework saves as the loader's output.
  process.stdout.write(readFileSync(database));
} finally {
  // Remove the temporary warehouse and database file.
  rmSync(temp, {recursive: true, force: true});
}

/**
 * The overview page's first view of the built-in world, computed when the site is built: the counts, the
 * methods the world can feed and, for each, the histogram's bins and the top of the leaderboard. The same
 * `scoring/` code as in the page, on native DuckDB, over the same world as `world.duckdb.ts` (the recipe
 * `data/worlds/default.json` is seeded, so both loaders generate identical worlds). The page shows this without
 * starting duckdb-wasm. Run `npm run clean` after editing the recipe or a method.
 */
import {mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {fileURLToPath} from "node:url";
import {openWarehouse} from "../../loaders/warehouse.js";
import {simulateWarehouse} from "../../simulation/recipe-file.js";
import {overviewSnapshot} from "../components/overview-scores.js";

const recipe = fileURLToPath(new URL("../../data/worlds/default.json", import.meta.url));
const temp = mkdtempSync(join(tmpdir(), "sway-overview-"));
try {
  // Generate the world into a temporary warehouse and open it on native DuckDB.
  await simulateWarehouse(recipe, join(temp, "warehouse"));
  const {db} = await openWarehouse(join(temp, "warehouse"));
  try {
    // Score it with every method it can feed and write the overview's view as JSON to stdout.
    process.stdout.write(JSON.stringify(await overviewSnapshot(db)));
  } finally {
    db.close();
  }
} finally {
  // Remove the temporary warehouse.
  rmSync(temp, {recursive: true, force: true});
}

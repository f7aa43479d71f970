/**
 * The world the site shows, as one DuckDB database file (the form duckdb-wasm attaches fastest; STACK.md).
 * For now it is the hand-written placeholder world; the simulation lab will generate the default world.
 * Framework runs this with tsx from the project root and saves stdout as `data/world.duckdb`.
 */
import {mkdtempSync, readFileSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {fileURLToPath} from "node:url";
import {importInto} from "../../loaders/import.js";
import {formatSourceReport} from "../../loaders/report.js";
import {exportDuckDbFile} from "../../loaders/warehouse.js";

const world = fileURLToPath(new URL("../../data/placeholder-world.json", import.meta.url));
const temp = mkdtempSync(join(tmpdir(), "sway-world-"));
try {
  // Import the world into a temporary warehouse; a rejected record is a bug in the world file, so it fails the build.
  const manifest = await importInto("sway-json", [world], join(temp, "warehouse"));
  for (const source of manifest.sources) {
    console.error(formatSourceReport(source));
    if (source.rejected > 0) throw new Error(`${source.file}: ${source.rejected} records rejected (see above)`);
  }

  // Copy the warehouse into one checkpointed database file.
  const database = join(temp, "world.duckdb");
  await exportDuckDbFile(join(temp, "warehouse"), database);

  // Write the file's bytes to stdout, which Framework saves as the loader's output.
  process.stdout.write(readFileSync(database));
} finally {
  // Remove the temporary warehouse and database file.
  rmSync(temp, {recursive: true, force: true});
}

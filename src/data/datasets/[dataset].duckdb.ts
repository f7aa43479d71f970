/**
 * One of the researcher's datasets as a DuckDB database file, like the built-in world (`../world.duckdb.ts`).
 * Framework runs this once per file the site configuration lists (`dynamicPaths`), passing the file's name as
 * `--dataset=<name>-<fingerprint>`, and saves stdout as `data/datasets/<that name>.duckdb`.
 */
import {mkdtempSync, readFileSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {parseArgs} from "node:util";
import {exportDuckDbFile} from "../../../loaders/warehouse.js";
import {siteDatasets} from "../site-datasets.js";

// Find the warehouse whose file is asked for; the fingerprint in the name says which version of it.
const {values} = parseArgs({options: {dataset: {type: "string"}}});
const dataset = siteDatasets().find((candidate) => candidate.file === values.dataset);
if (!dataset) throw new Error(`src/data/datasets: no dataset of SWAY_SITE_DATASETS has the file "${values.dataset}"`);

const temp = mkdtempSync(join(tmpdir(), "sway-dataset-"));
try {
  // Copy the warehouse into one checkpointed database file.
  const database = join(temp, "dataset.duckdb");
  await exportDuckDbFile(dataset.path, database);

  // Write the file's bytes to stdout, which Framework saves as the loader's output.
  process.stdout.write(readFileSync(database));
} finally {
  rmSync(temp, {recursive: true, force: true});
}

/**
 * Writes a generated world as a warehouse, fast. Per-row appending costs a native call per value, far too
 * slow for millions of rows; instead the world's typed arrays go into staging tables in bulk (one copy per
 * 2,048-row column vector through `DuckDBDataChunk`), and the canonical tables are built from the staging
 * tables by the joins of `warehouse-sql.ts`, which the browser's writer shares. Node only (native DuckDB).
 */
import {existsSync, readdirSync} from "node:fs";
import {DOUBLE, DuckDBDataChunk, INTEGER, UTINYINT, VARCHAR, type DuckDBType} from "@duckdb/node-api";
import {openNodeDb, type NodeDb} from "../loaders/node-db.js";
import type {SourceReport} from "../loaders/report.js";
import {TABLE_NAMES, type TableName} from "../loaders/schema.js";
import {writeWarehouseFiles, type Manifest} from "../loaders/warehouse.js";
import {describeRecipe} from "./recipe.js";
import {buildWorldTables, stagedType, type StagedType, type StagingTable} from "./warehouse-sql.js";
import type {World} from "./world.js";

const CHUNK_ROWS = 2048;

const DUCKDB_TYPES: Record<StagedType, DuckDBType> = {INTEGER, UTINYINT, DOUBLE, VARCHAR};

/** Creates staging table `name` and fills it from equally long columns, one data chunk at a time. */
async function stage(db: NodeDb, {name, columns}: StagingTable): Promise<void> {
  const sqlTypes = columns.map((column) => stagedType(column.data));
  const types = sqlTypes.map((type) => DUCKDB_TYPES[type]);
  await db.run(`CREATE TEMP TABLE ${name} (${columns.map((column, i) => `${column.name} ${sqlTypes[i]}`).join(", ")})`);
  const rows = columns[0]!.data.length;
  const appender = await db.connection.createAppender(name);
  // One chunk, refilled for every full 2,048 rows (allocating native vectors per chunk costs more than the
  // copy); the last, shorter one gets its own, since a vector's length is fixed when it is first read.
  const full = DuckDBDataChunk.create(types, CHUNK_ROWS);
  for (let from = 0; from < rows; from += CHUNK_ROWS) {
    const to = Math.min(rows, from + CHUNK_ROWS);
    const chunk = to - from === CHUNK_ROWS ? full : DuckDBDataChunk.create(types, to - from);
    columns.forEach(({data}, c) => {
      if (Array.isArray(data)) {
        chunk.setColumnValues(c, (data as readonly string[]).slice(from, to));
      } else {
        // Fixed-width vectors expose their native buffer as a typed array: one copy per vector.
        const vector = chunk.getColumnVector(c) as unknown as {
          items: {set(values: ArrayLike<number>): void};
          flush(): void;
        };
        vector.items.set((data as Int32Array).subarray(from, to));
        vector.flush();
      }
    });
    appender.appendDataChunk(chunk);
  }
  appender.closeSync();
}

/** Loads the world's columns into staging tables of `db` and builds the canonical tables from them. */
export async function loadWorld(db: NodeDb, world: World): Promise<void> {
  await buildWorldTables(world, {run: (sql, params) => db.run(sql, params), stage: (table) => stage(db, table)});
}

export class SimulationOutputError extends Error {
  override name = "SimulationOutputError";
}

/** Refuses a warehouse folder that exists and is not empty: nothing is overwritten silently. */
export function checkOutputDir(dir: string): void {
  if (existsSync(dir) && readdirSync(dir).length > 0) {
    throw new SimulationOutputError(`simulation/node-writer: ${dir} is not empty; choose another --out`);
  }
}

/** Writes `world` as a warehouse at `dir` (Parquet files, rejects.csv, manifest.json with the recipe). */
export async function writeWorldWarehouse(world: World, dir: string): Promise<Manifest> {
  checkOutputDir(dir);
  const db = await openNodeDb();
  try {
    await loadWorld(db, world);
    const written: Partial<Record<TableName, number>> = {};
    for (const table of TABLE_NAMES) {
      const [row] = await db.query<{n: number}>(`SELECT count(*) AS n FROM ${table}`);
      written[table] = row!.n;
    }
    const total = Object.values(written).reduce((sum, n) => sum + n, 0);
    const report: SourceReport = {
      format: "simulate",
      file: describeRecipe(world.recipe),
      records_read: total,
      records_accepted: total,
      rejected: 0,
      skipped: 0,
      rejected_by_reason: {},
      skipped_by_reason: {},
      rejected_examples: [],
      written,
      merged: {}
    };
    return await writeWarehouseFiles(db, dir, [report]);
  } finally {
    db.close();
  }
}

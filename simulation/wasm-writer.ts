/**
 * Loads a generated world into duckdb-wasm, in the browser or a Web Worker: each staging table crosses into
 * the engine as one Arrow IPC stream (typed arrays become Arrow vectors without a copy), and the canonical
 * tables are built by the same joins as the Node warehouse (`warehouse-sql.ts`). The stream is encoded here,
 * with this module's Arrow, so no Arrow object has to be shared with duckdb-wasm's own copy of the library.
 */
import {Table, Utf8, makeVector, tableToIPC, vectorFromArray, type Vector} from "apache-arrow";
import type {ArrowConnection} from "../loaders/browser-writer.js";
import type {Db} from "../scoring/db.js";
import {buildWorldTables, type ColumnData, type StagingTable} from "./warehouse-sql.js";
import type {World} from "./world.js";

/** The part of a duckdb-wasm connection used here: taking an Arrow stream as a new table. */
export type ArrowTarget = Pick<ArrowConnection, "insertArrowFromIPCStream">;

function vectorOf(data: ColumnData): Vector {
  if (data instanceof Int32Array) return makeVector(data);
  if (data instanceof Uint8Array) return makeVector(data);
  if (data instanceof Float64Array) return makeVector(data);
  return vectorFromArray(data, new Utf8());
}

/** Staging table `name` as an Arrow IPC stream. */
export function stagingIpc({columns}: StagingTable): Uint8Array {
  return tableToIPC(new Table(Object.fromEntries(columns.map(({name, data}) => [name, vectorOf(data)]))), "stream");
}

/**
 * Builds the canonical tables of `world` in duckdb-wasm: `db` runs the SQL, `connection` (the same connection)
 * takes the staging tables. `onStaged` is called with the share of the rows handed to the engine.
 *
 * Each staging table is encoded here while duckdb-wasm's worker inserts the one before, so the encoding costs
 * little time of its own; every insert has finished before the first join runs.
 */
export async function loadWorldWasm(
  db: Db,
  connection: ArrowTarget,
  world: World,
  onStaged?: (fraction: number) => void
): Promise<void> {
  const inserts: Promise<unknown>[] = [];
  await buildWorldTables(
    world,
    {
      run: async (sql, params) => {
        await Promise.all(inserts);
        return db.query(sql, params);
      },
      stage: async (table) => {
        const inserted = Promise.resolve(
          connection.insertArrowFromIPCStream(stagingIpc(table), {name: table.name, create: true})
        );
        // Awaited with the others before the next statement; until then a failure must not count as unhandled.
        inserted.catch(() => {});
        inserts.push(inserted);
      }
    },
    onStaged
  );
}

/**
 * An empty duckdb-wasm for uploaded data, served from node_modules like the site's (`duckdb.ts`: module
 * worker, local wasm, no extension). Each upload gets a fresh in-memory database of its own, so a new upload
 * never mixes with the last.
 */
import type {AsyncDuckDBConnection} from "@duckdb/duckdb-wasm";
import type {Db} from "../scoring/db.js";
import {startDuckDb} from "./duckdb.js";
import {wasmDb} from "./wasm-db.js";

export interface UploadEngine {
  /** A connection to a new, empty database, with the `Db` over it that scoring uses. */
  freshDatabase(): Promise<{connection: AsyncDuckDBConnection; db: Db}>;
  /** Stops the worker and frees its memory. */
  close(): Promise<void>;
}

/** Starts duckdb-wasm in a module worker. */
export async function startUploadEngine(): Promise<UploadEngine> {
  const {duckdb} = await startDuckDb();
  let uploads = 0;
  let last: AsyncDuckDBConnection | undefined;
  return {
    async freshDatabase() {
      await last?.close();
      const connection = (last = await duckdb.connect());
      // The schema name is a counter, never anything from the files.
      const schema = `upload${++uploads}`;
      await connection.query(`ATTACH ':memory:' AS ${schema}`);
      await connection.query(`USE ${schema}`);
      if (uploads > 1) await connection.query(`DETACH upload${uploads - 1}`);
      return {connection, db: wasmDb(connection)};
    },
    async close() {
      await last?.close();
      await duckdb.terminate();
    }
  };
}

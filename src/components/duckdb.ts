/**
 * duckdb-wasm in the browser, served from node_modules (never a CDN), holding one world attached read-only.
 *
 * The worker must be a module worker: Framework bundles node_modules code as ES modules, and a classic worker
 * fails on `export` (STACK.md). The world arrives as a DuckDB database file written by native DuckDB of the same
 * version, which needs no extension to read, unlike Parquet or JSON that duckdb-wasm would fetch an extension for.
 */
import {AsyncDuckDB, ConsoleLogger, LogLevel} from "@duckdb/duckdb-wasm";
import type {Db} from "../scoring/db.js";
import {wasmDb} from "./wasm-db.js";

export interface WorldDb extends Db {
  /** Stops the worker and frees its memory (a page calls this on invalidation). */
  close(): Promise<void>;
}

/** The name the database file gets inside duckdb-wasm's virtual file system; fixed, so no URL reaches SQL. */
const FILE_NAME = "world.duckdb";

/**
 * Starts duckdb-wasm in a module worker (`duckdb-worker.ts`: duckdb-wasm's own, set up so that Chromium caches the
 * compiled engine for the next page) with the wasm from node_modules; `whileCompiling` runs while the wasm compiles
 * (a page downloads its world meanwhile). The worker is terminated if either fails.
 */
export async function startDuckDb<T = void>(
  whileCompiling: () => Promise<T> = async () => undefined as T
): Promise<{duckdb: AsyncDuckDB; started: T}> {
  const worker = new Worker(import.meta.resolve("./duckdb-worker.js"), {type: "module"});
  // Warnings and errors only: duckdb-wasm logs every query at INFO level.
  const duckdb = new AsyncDuckDB(new ConsoleLogger(LogLevel.WARNING), worker);
  try {
    const [started] = await Promise.all([
      whileCompiling(),
      duckdb.instantiate(import.meta.resolve("@duckdb/duckdb-wasm/dist/duckdb-eh.wasm"))
    ]);
    return {duckdb, started};
  } catch (error) {
    await duckdb.terminate();
    throw error;
  }
}

/** Starts duckdb-wasm, fetches the database file at `url` and attaches it as the schema searched by default. */
export async function openWorld(url: string): Promise<WorldDb> {
  // Download the world while the wasm compiles.
  const {duckdb, started: file} = await startDuckDb(() => fetch(url));
  try {
    if (!file.ok) throw new Error(`${url}: HTTP ${file.status} ${file.statusText}`);
    await duckdb.registerFileBuffer(FILE_NAME, new Uint8Array(await file.arrayBuffer()));
    const connection = await duckdb.connect();
    await connection.query(`ATTACH '${FILE_NAME}' AS world (READ_ONLY)`);
    await connection.query("USE world");
    return {
      ...wasmDb(connection),
      async close() {
        await connection.close();
        await duckdb.terminate();
      }
    };
  } catch (error) {
    await duckdb.terminate();
    throw error;
  }
}

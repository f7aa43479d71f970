/**
 * duckdb-wasm, the browser's engine, in Node through its blocking build (`dist/duckdb-node-blocking.cjs`): a
 * fresh in-memory database per call, for benchmarks that time the browser's SQL engine without a browser.
 */
import {createRequire} from "node:module";
import {join} from "node:path";

export interface WasmConnection {
  query(sql: string): {toArray(): {toJSON(): Record<string, unknown>}[]};
  insertArrowFromIPCStream(buffer: Uint8Array, options: {name: string}): void;
}

export async function openWasmConnection(): Promise<WasmConnection> {
  const require = createRequire(import.meta.url);
  const duckdb = require("@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs");
  const dist = join(require.resolve("@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs"), "..");
  const bundles = {
    mvp: {mainModule: join(dist, "duckdb-mvp.wasm"), mainWorker: join(dist, "duckdb-node-mvp.worker.cjs")},
    eh: {mainModule: join(dist, "duckdb-eh.wasm"), mainWorker: join(dist, "duckdb-node-eh.worker.cjs")}
  };
  const bindings = await duckdb.createDuckDB(bundles, new duckdb.VoidLogger(), duckdb.NODE_RUNTIME);
  await bindings.instantiate();
  bindings.open({});
  return bindings.connect() as WasmConnection;
}

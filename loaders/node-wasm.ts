/**
 * duckdb-wasm, the browser's engine, in Node through its blocking build (`dist/duckdb-node-blocking.cjs`), for
 * tests that check the browser's results and benchmarks that time its SQL engine without a browser.
 */
import {createRequire} from "node:module";
import {join} from "node:path";

/** Instantiates duckdb-wasm's blocking Node build with an open in-memory database. */
export async function openWasmBindings<Bindings>(): Promise<Bindings> {
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
  return bindings as Bindings;
}

/**
 * The page side of the browser-load benchmark, bundled into a bench page by `bench/browser-load.bench.ts`.
 * duckdb-wasm starts as the site starts it (`src/components/duckdb.ts`: worker, then the exception-handling
 * wasm), from files served next to the page, never a CDN; then each `load` takes a database file the way the
 * site takes its worlds — fetch, register the bytes, ATTACH read-only — and asks it a first question.
 */
import {AsyncDuckDB, ConsoleLogger, LogLevel} from "@duckdb/duckdb-wasm";

/** The name the file gets inside duckdb-wasm's virtual file system, as in the site. */
const FILE_NAME = "bench.duckdb";

let duckdb: AsyncDuckDB | undefined;

/** Starts duckdb-wasm; resolves to the milliseconds it took (worker start and wasm compile). */
async function start(): Promise<number> {
  const started = performance.now();
  const worker = new Worker(new URL("duckdb/duckdb-browser-eh.worker.js", location.href));
  duckdb = new AsyncDuckDB(new ConsoleLogger(LogLevel.WARNING), worker);
  await duckdb.instantiate(new URL("duckdb/duckdb-eh.wasm", location.href).href);
  return performance.now() - started;
}

/** Fetches the database file at `url`, attaches it, counts its interactions and detaches it again. */
async function load(url: string): Promise<{ms: number; rows: number}> {
  if (!duckdb) throw new Error("bench/browser-load-page: start() first");
  const started = performance.now();
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  await duckdb.registerFileBuffer(FILE_NAME, new Uint8Array(await response.arrayBuffer()));
  const connection = await duckdb.connect();
  await connection.query(`ATTACH '${FILE_NAME}' AS bench (READ_ONLY)`);
  const result = await connection.query("SELECT count(*)::DOUBLE AS n FROM bench.interactions");
  const ms = performance.now() - started;
  const rows = Number(result.toArray()[0]!.toJSON().n);
  await connection.query("DETACH bench");
  await connection.close();
  await duckdb.dropFile(FILE_NAME);
  return {ms, rows};
}

/** What the page offers the benchmark, as `globalThis.swayBench`. */
export interface BenchPage {
  start: typeof start;
  load: typeof load;
}

Object.assign(globalThis, {swayBench: {start, load} satisfies BenchPage});

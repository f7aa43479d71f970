/**
 * The module worker duckdb-wasm runs in (`startDuckDb`): duckdb-wasm's own browser worker, after
 * `duckdb-worker-setup.ts`, which lets Chromium cache the compiled engine. Imports are evaluated in order, so the
 * setup runs before duckdb-wasm's code and before any message reaches the worker.
 */
import "./duckdb-worker-setup.js";
import "@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js";

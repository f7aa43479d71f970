/**
 * Runs in duckdb-wasm's worker before duckdb-wasm's own code (`duckdb-worker.ts` imports it first).
 *
 * To report download progress, duckdb-wasm pipes the wasm's response through a TransformStream when the global
 * exists, and hands WebAssembly a new Response built around that stream. That Response has no URL, so Chromium
 * cannot keep the compiled engine in its code cache: every page, on every visit, compiled the 34 MB module again and
 * re-optimised its hot functions on the way. Without the global, duckdb-wasm passes the fetch's own response, which
 * Chromium caches once the engine's hot code is optimised. Nothing in duckdb-wasm's worker uses TransformStream
 * otherwise, and Sway reads no download progress.
 */
delete (globalThis as {TransformStream?: unknown}).TransformStream;

export {};

/**
 * duckdb-wasm, the browser's engine, in Node through its blocking build (`dist/duckdb-node-blocking.cjs`): a
 * fresh in-memory database per call, for benchmarks that time the browser's SQL engine without a browser.
 */
import {openWasmBindings} from "../loaders/node-wasm.js";

export interface WasmConnection {
  query(sql: string): {toArray(): {toJSON(): Record<string, unknown>}[]};
  insertArrowFromIPCStream(buffer: Uint8Array, options: {name: string}): void;
}

export async function openWasmConnection(): Promise<WasmConnection> {
  return (await openWasmBindings<{connect(): WasmConnection}>()).connect();
}

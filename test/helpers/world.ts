/**
 * Small hand-made worlds for tests, written through the real warehouse writer, and the two engines opened
 * on them: native DuckDB on the warehouse, and duckdb-wasm (its Node build, the browser's engine) on the
 * `.duckdb` file the site ships.
 */
import {mkdtempSync, readFileSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {INTERACTION_KINDS, TABLE_NAMES, type RowOf, type TableName, type TableRow} from "../../loaders/schema.js";
import {WarehouseWriter, exportDuckDbFile, openWarehouse} from "../../loaders/warehouse.js";
import {openNodeDb, type NodeDb} from "../../loaders/node-db.js";
import {openWasmBindings} from "../../loaders/node-wasm.js";
import {TableAppender, createCanonicalTables} from "../../loaders/tables.js";
import type {Db} from "../../scoring/db.js";
import {mulberry32} from "../../scoring/random.js";
import {wasmDb} from "../../src/components/wasm-db.js";

export type WorldRows = {[T in TableName]?: RowOf<T>[]};

/** A fresh temporary folder, removed by the returned function. */
export function tempDir(prefix = "sway-test-"): {dir: string; remove: () => void} {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return {dir, remove: () => rmSync(dir, {recursive: true, force: true})};
}

/** Writes `rows` into a new warehouse at `dir` (as the source "fixture"). */
export async function writeWorld(dir: string, rows: WorldRows): Promise<void> {
  const writer = await WarehouseWriter.create(dir);
  const source = writer.source("fixture", "fixture");
  let line = 0;
  for (const [table, tableRows] of Object.entries(rows) as [TableName, RowOf<TableName>[]][]) {
    for (const row of tableRows) {
      if (!source.accept(++line, [{table, row} as TableRow])) throw new Error(`fixture row ${line} is invalid`);
    }
  }
  await writer.finish();
}

/** Opens the warehouse at `dir` on native DuckDB. */
export async function openNative(dir: string): Promise<NodeDb> {
  return (await openWarehouse(dir)).db;
}

/** Exports the warehouse at `dir` to a `.duckdb` file and attaches it read-only in duckdb-wasm, as the site does. */
export async function openWasm(dir: string): Promise<Db> {
  const file = join(dir, "world.duckdb");
  await exportDuckDbFile(dir, file);
  const bindings = await wasmBindings();
  const name = `world-${++attached}.duckdb`;
  bindings.registerFileBuffer(name, new Uint8Array(readFileSync(file)));
  const connection = bindings.connect();
  connection.query(`ATTACH '${name}' AS world${attached} (READ_ONLY)`);
  connection.query(`USE world${attached}`);
  return wasmDb(connection);
}

let attached = 0;

/** duckdb-wasm (its Node build) on an empty in-memory database. */
export async function memoryWasm(): Promise<Db> {
  return wasmDb((await wasmBindings()).connect());
}

interface WasmBindings {
  registerFileBuffer(name: string, buffer: Uint8Array): void;
  connect(): {query(sql: string): unknown} & Parameters<typeof wasmDb>[0];
}

let bindingsPromise: Promise<WasmBindings> | undefined;

function wasmBindings(): Promise<WasmBindings> {
  bindingsPromise ??= openWasmBindings<WasmBindings>();
  return bindingsPromise;
}

/** An in-memory native DuckDB holding `rows` (no files). */
export async function memoryWorld(rows: WorldRows): Promise<NodeDb> {
  const db = await openNodeDb();
  await createCanonicalTables(db);
  await fillWorld(db, rows);
  return db;
}

/** Replaces the canonical rows of `db` (made by `memoryWorld`) with `rows`: property tests reuse one database. */
export async function refillWorld(db: NodeDb, rows: WorldRows): Promise<void> {
  for (const table of TABLE_NAMES) await db.run(`DELETE FROM ${table}`);
  await fillWorld(db, rows);
}

async function fillWorld(db: NodeDb, rows: WorldRows): Promise<void> {
  const appender = await new TableAppender(db).open();
  for (const [table, tableRows] of Object.entries(rows) as [TableName, RowOf<TableName>[]][]) {
    for (const row of tableRows) appender.append(table, row);
  }
  appender.close();
}

/**
 * A random world of one network "t" for checking counts against a second query: `accounts` accounts (`t:00`, …)
 * and `interactions` interactions of every kind at random times over `days` days from `start`, between the accounts
 * and `strangers` ids with no account (`t:out1`, …), actions on oneself included. Deterministic for a `seed`.
 */
export function randomInteractions({
  seed,
  accounts,
  strangers,
  interactions,
  start,
  days
}: {
  seed: number;
  accounts: number;
  strangers: number;
  interactions: number;
  start: number;
  days: number;
}): WorldRows {
  const random = mulberry32(seed);
  const pick = <T>(values: readonly T[]) => values[Math.floor(random() * values.length)]!;
  const ids = Array.from({length: accounts}, (_, i) => `t:${String(i).padStart(2, "0")}`);
  const everyone = [...ids, ...Array.from({length: strangers}, (_, i) => `t:out${i + 1}`)];
  return {
    accounts: ids.map((id) => ({account_id: id, network: "t", handle: id})),
    interactions: Array.from({length: interactions}, () => ({
      ts: new Date(start + Math.floor(random() * days * 86_400_000)),
      network: "t",
      actor_id: pick(everyone),
      target_id: pick(everyone),
      kind: pick(INTERACTION_KINDS)
    }))
  };
}

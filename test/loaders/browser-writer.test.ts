/**
 * The browser's writer against the Node warehouse writer, as two independent implementations of the same sink:
 * each fixture format is read by its importer into both, and the canonical tables (every row, sorted) and the
 * import reports must be equal. The browser writer loads into duckdb-wasm (its Node build, the browser's engine);
 * the warehouse is read back from its Parquet files by native DuckDB.
 */
import {join} from "node:path";
import {afterEach, beforeAll, beforeEach, describe, expect, it} from "vitest";
import {BrowserWriter, type ArrowConnection} from "../../loaders/browser-writer.js";
import {detectFormat} from "../../loaders/detect.js";
import {getImporter} from "../../loaders/importers/index.js";
import {bytesInput, type Input} from "../../loaders/input.js";
import {openInput} from "../../loaders/node-input.js";
import {openWasmBindings} from "../../loaders/node-wasm.js";
import {TABLE_NAMES, type TableName} from "../../loaders/schema.js";
import {WarehouseWriter, openWarehouse} from "../../loaders/warehouse.js";
import type {Db} from "../../scoring/db.js";
import {wasmDb, type WasmConnection} from "../../src/components/wasm-db.js";
import {tempDir} from "../helpers/world.js";
import {FIXTURES, blueskyCar} from "./browser-fixtures.js";

let temp: ReturnType<typeof tempDir>;
beforeEach(() => void (temp = tempDir()));
afterEach(() => temp.remove());

type Connection = ArrowConnection & WasmConnection;
let bindings: {connect(): Connection};
beforeAll(async () => void (bindings = await openWasmBindings()));

/** Every row of `table`, sorted; lists as text so that both engines give plain values. */
async function tableRows(db: Db, table: TableName): Promise<unknown[]> {
  const select = table === "posts" ? "SELECT * REPLACE (topics::VARCHAR AS topics)" : "SELECT *";
  return db.query(`${select} FROM ${table} ORDER BY ALL`);
}

/** `input` read by the importer named `format` (or that recognises it) into a warehouse and a browser writer. */
async function importBoth(input: Input, format?: string) {
  const detection = format ? {importer: getImporter(format)} : await detectFormat(input);
  if (!detection) throw new Error(`${input.name} is not recognised`);
  const dir = join(temp.dir, "warehouse");
  const warehouse = await WarehouseWriter.create(dir);
  await detection.importer.read(input, warehouse, {});
  const manifest = await warehouse.finish();
  const {db: native} = await openWarehouse(dir);

  const browser = new BrowserWriter();
  await detection.importer.read(input, browser, {});
  const connection = bindings.connect();
  connection.query("ATTACH ':memory:' AS upload");
  connection.query("USE upload");
  const counts = await browser.finish(connection);
  const wasm = wasmDb(connection);
  try {
    const tables: Record<string, [unknown[], unknown[]]> = {};
    for (const table of TABLE_NAMES) tables[table] = [await tableRows(native, table), await tableRows(wasm, table)];
    return {manifest, browser, counts, tables};
  } finally {
    native.close();
    connection.query("USE memory");
    connection.query("DETACH upload");
  }
}

/** Each case: what it is, its input, and its format when edge-list detection (numbers only) would not claim it. */
const CASES: [string, () => Promise<Input>, string?][] = [
  ["a Mastodon export (folder)", () => openInput(join(FIXTURES, "mastodon/archive"))],
  ["an X archive (folder)", () => openInput(join(FIXTURES, "x-archive"))],
  ["a Bluesky repository CAR", async () => bytesInput("repo.car", await blueskyCar())],
  ["Twitter API v2 JSON", () => openInput(join(FIXTURES, "twitter-api/v2-search.json"))],
  ["Twitter API v1.1 JSON", () => openInput(join(FIXTURES, "twitter-api/v1-timeline.json"))],
  ["a Twitter stream (NDJSON)", () => openInput(join(FIXTURES, "twitter-api/stream.jsonl"))],
  ["an edge list with bad lines", () => openInput(join(FIXTURES, "edgelist/bad-lines.csv")), "edgelist"],
  ["a SNAP edge list", () => openInput(join(FIXTURES, "edgelist/messages.txt"))],
  ["a zstd Reddit dump", () => openInput(join(FIXTURES, "reddit/dump.ndjson.zst"))],
  ["canonical JSON", () => openInput(join(FIXTURES, "sway-json/small-world.json"))],
  ["an identities CSV", () => openInput(join(FIXTURES, "identities/identities.csv"))],
  ["GEXF", () => openInput(join(FIXTURES, "gexf/network.gexf"))],
  ["GraphML", () => openInput(join(FIXTURES, "graphml/network.graphml"))],
  ["Twitter15 cascades", () => openInput(join(FIXTURES, "cascades/twitter15"))]
];

describe("BrowserWriter", () => {
  it.each(CASES)("writes the same rows and report as the warehouse writer for %s", async (_, open, format) => {
    const {manifest, browser, counts, tables} = await importBoth(await open(), format);
    for (const table of TABLE_NAMES) {
      const [native, wasm] = tables[table]!;
      expect(wasm, table).toEqual(native);
      expect(counts[table], table).toBe(manifest.tables[table].rows);
    }
    expect(browser.sources).toEqual(manifest.sources);
    const rejected = manifest.sources.reduce((n, source) => n + source.rejected, 0);
    expect(browser.rejects).toHaveLength(rejected);
    // Something was read: a format whose rows all vanished would compare equal too.
    expect(manifest.sources.reduce((n, source) => n + source.records_accepted, 0)).toBeGreaterThan(0);
  });

  it("keeps every rejected record with its file, line and reason", async () => {
    const {browser} = await importBoth(await openInput(join(FIXTURES, "edgelist/bad-lines.csv")), "edgelist");
    expect(browser.rejects.length).toBeGreaterThan(0);
    for (const rejection of browser.rejects) {
      expect(rejection.source).toMatch(/bad-lines\.csv$/);
      expect(rejection.line).toBeGreaterThan(1);
      expect(rejection.reason).not.toBe("");
    }
  });
});

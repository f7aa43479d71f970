/**
 * The browser's world loader against the Node warehouse writer: the same world loaded into duckdb-wasm (its Node
 * build, the browser's engine) through Arrow gives canonical tables with the same rows as native DuckDB loading
 * it through data chunks.
 */
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {openNodeDb, type NodeDb} from "../../loaders/node-db.js";
import {openWasmBindings} from "../../loaders/node-wasm.js";
import {TABLE_NAMES} from "../../loaders/schema.js";
import type {Db} from "../../scoring/db.js";
import {loadWorld} from "../../simulation/node-writer.js";
import {resolveRecipe} from "../../simulation/recipe.js";
import {loadWorldWasm, stagingIpc, type ArrowTarget} from "../../simulation/wasm-writer.js";
import {stagedType, stagingTables} from "../../simulation/warehouse-sql.js";
import {generateWorld, type World} from "../../simulation/world.js";
import {wasmDb, type WasmConnection} from "../../src/components/wasm-db.js";

interface Bindings {
  connect(): WasmConnection & ArrowTarget;
}

let world: World;
let native: NodeDb;
let wasm: Db;
let connection: WasmConnection & ArrowTarget;
const staged: number[] = [];

beforeAll(async () => {
  world = generateWorld(resolveRecipe({seed: 3, accounts: 600, days: 21, scenarios: "all"}));
  native = await openNodeDb();
  await loadWorld(native, world);
  connection = (await openWasmBindings<Bindings>()).connect();
  wasm = wasmDb(connection);
  await loadWorldWasm(wasm, connection, world, (fraction) => staged.push(fraction));
});
afterAll(() => native?.close());

/** Order-independent fingerprint of a table: its row count and the xor of its row hashes. */
async function fingerprint(db: Db, table: string): Promise<string> {
  const [row] = await db.query<{h: string}>(
    `SELECT count(*)::VARCHAR || ':' || coalesce(bit_xor(hash(t))::VARCHAR, '') AS h FROM ${table} t`
  );
  return row!.h;
}

describe("loadWorldWasm(db, connection, world)", () => {
  it("builds every canonical table with the rows the Node writer builds", async () => {
    for (const table of TABLE_NAMES) {
      const expected = await fingerprint(native, table);
      expect(expected).not.toMatch(/^0:/);
      expect(await fingerprint(wasm, table), table).toBe(expected);
    }
  });

  it("gives the same rows, compared value by value, for the accounts and the first interactions", async () => {
    const accounts = "SELECT * FROM accounts ORDER BY account_id";
    expect(await wasm.query(accounts)).toEqual(await native.query(accounts));
    const interactions = "SELECT * FROM interactions ORDER BY ALL LIMIT 500";
    expect(await wasm.query(interactions)).toEqual(await native.query(interactions));
  });

  it("keeps only the canonical tables and reports the share staged, ending at 1", async () => {
    const tables = await wasm.query<{name: string}>("SELECT table_name AS name FROM duckdb_tables() ORDER BY 1");
    expect(tables.map((t) => t.name)).toEqual([...TABLE_NAMES].sort());
    expect(staged).toHaveLength(stagingTables(world).length);
    expect(staged.every((fraction, i) => i === 0 || fraction >= staged[i - 1]!)).toBe(true);
    expect(staged.at(-1)).toBe(1);
  });
});

describe("stagingIpc(table)", () => {
  it("gives duckdb-wasm the column types the Node writer declares", async () => {
    const table = stagingTables(world).find((t) => t.name === "s_accounts")!;
    await connection.insertArrowFromIPCStream(stagingIpc(table), {name: "typed_accounts", create: true});
    const columns = await wasm.query<{name: string; type: string}>(
      "SELECT column_name AS name, data_type AS type FROM duckdb_columns() WHERE table_name = 'typed_accounts' ORDER BY column_index"
    );
    expect(columns).toEqual(table.columns.map(({name, data}) => ({name, type: stagedType(data)})));
  });
});

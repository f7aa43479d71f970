/**
 * The browser's world loader against the Node warehouse writer: the same world loaded into duckdb-wasm (its Node
 * build, the browser's engine) as Arrow tables in the canonical shape gives the rows native DuckDB builds by
 * joining staging tables: two independent ways to the same warehouse.
 */
import {tableFromIPC, type Table} from "apache-arrow";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {openNodeDb, type NodeDb} from "../../loaders/node-db.js";
import {openWasmBindings} from "../../loaders/node-wasm.js";
import {TABLES, TABLE_NAMES} from "../../loaders/schema.js";
import type {Db} from "../../scoring/db.js";
import {loadWorld} from "../../simulation/node-writer.js";
import {resolveRecipe} from "../../simulation/recipe.js";
import {loadWorldWasm, worldTables, type ArrowTarget} from "../../simulation/wasm-writer.js";
import {generateWorld, type World} from "../../simulation/world.js";
import {wasmDb, type WasmConnection} from "../../src/components/wasm-db.js";

interface Bindings {
  connect(): WasmConnection & ArrowTarget;
}

let world: World;
let native: NodeDb;
let wasm: Db;
let connection: WasmConnection & ArrowTarget;
const loaded: number[] = [];
/** Names beyond ASCII (several bytes per character in UTF-8), given to the first accounts. */
const NAMES = [
  {handle: "zoë_ünal", displayName: "Zoë Ünal 🌍"},
  {handle: "nadia", displayName: "Надя Ли"}
];

beforeAll(async () => {
  world = generateWorld(resolveRecipe({seed: 3, accounts: 600, days: 21, scenarios: "all"}));
  NAMES.forEach(({handle, displayName}, account) => {
    world.population.handle[account] = handle;
    world.population.displayName[account] = displayName;
  });
  native = await openNodeDb();
  await loadWorld(native, world);
  connection = (await openWasmBindings<Bindings>()).connect();
  wasm = wasmDb(connection);
  await loadWorldWasm(wasm, connection, worldTables(world), (fraction) => loaded.push(fraction));
});
afterAll(() => native?.close());

/** Order-independent fingerprint of a table: its row count and the xor of its row hashes. */
async function fingerprint(db: Db, table: string): Promise<string> {
  const [row] = await db.query<{h: string}>(
    `SELECT count(*)::VARCHAR || ':' || coalesce(bit_xor(hash(t))::VARCHAR, '') AS h FROM ${table} t`
  );
  return row!.h;
}

describe("loadWorldWasm(db, connection, worldTables(world))", () => {
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

  it("keeps only the canonical tables and reports the share loaded, ending at 1", async () => {
    const tables = await wasm.query<{name: string}>("SELECT table_name AS name FROM duckdb_tables() ORDER BY 1");
    expect(tables.map((t) => t.name)).toEqual([...TABLE_NAMES].sort());
    expect(loaded).toHaveLength(TABLE_NAMES.length);
    expect(loaded.every((fraction, i) => i === 0 || fraction > loaded[i - 1]!)).toBe(true);
    expect(loaded.at(-1)).toBe(1);
  });

  it("writes only values of the schema's closed sets, which its tables here leave unchecked", async () => {
    for (const table of TABLE_NAMES) {
      for (const [column, spec] of Object.entries(TABLES[table] as Record<string, {values?: readonly string[]}>)) {
        if (!spec.values) continue;
        const [row] = await wasm.query<{n: number; outside: number}>(
          `SELECT count(${column})::INTEGER AS n, count(*) FILTER (WHERE ${column} NOT IN (SELECT unnest(?::VARCHAR[])))::INTEGER AS outside FROM ${table}`,
          [`[${spec.values.join(",")}]`]
        );
        expect(row!.outside, `${table}.${column}`).toBe(0);
      }
    }
  });

  it("keeps names and texts beyond ASCII whole", async () => {
    const id = (account: number) => `${world.networks[world.population.network[account]!]}:${account}`;
    const accounts = [];
    for (const account of NAMES.keys()) {
      accounts.push(
        ...(await wasm.query<{handle: string; display_name: string}>(
          "SELECT handle, display_name FROM accounts WHERE account_id = ?",
          [id(account)]
        ))
      );
    }
    expect(accounts.map((a) => ({handle: a.handle, displayName: a.display_name}))).toEqual(NAMES);
  });
});

describe("worldTables(world)", () => {
  it("gives each canonical table its columns in the schema's order and its row count", () => {
    for (const {name, rows, build} of worldTables(world)) {
      const table = build();
      expect(table.schema.fields.map((field) => field.name)).toEqual(Object.keys(TABLES[name]));
      expect(table.numRows, name).toBe(rows);
    }
  });

  it("encodes each table's stream once, the table build() makes", () => {
    for (const {name, build, stream} of worldTables(world)) {
      const encoded = stream();
      expect(stream(), name).toBe(encoded);
      const decoded = tableFromIPC(encoded);
      const built = build();
      expect(decoded.numRows, name).toBe(built.numRows);
      const types = (table: Table) => table.schema.fields.map((field) => `${field.name}: ${String(field.type)}`);
      expect(types(decoded), name).toEqual(types(built));
    }
  });
});

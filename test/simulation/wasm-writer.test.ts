/**
 * The browser's world loader against the Node warehouse writer: the same world loaded into duckdb-wasm (its Node
 * build, the browser's engine) as Arrow tables gives the canonical rows native DuckDB builds by joining staging
 * tables (two independent ways to the same warehouse), and the account codes and indexed interactions that the
 * feature queries make from them.
 */
import {tableFromIPC, type Table} from "apache-arrow";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {openNodeDb, type NodeDb} from "../../loaders/node-db.js";
import {openWasmBindings} from "../../loaders/node-wasm.js";
import {TABLES, TABLE_NAMES} from "../../loaders/schema.js";
import type {Db} from "../../scoring/db.js";
import {
  ACCOUNT_CODES_COLUMNS,
  ACCOUNT_CODES_SQL,
  indexedInteractionsColumns,
  indexedInteractionsSql
} from "../../scoring/features/indexed.js";
import {kloutFeatures} from "../../scoring/features/klout.js";
import {FOLLOW_EDGES_COLUMNS, followEdgesSql, followGraph} from "../../scoring/graphs.js";
import {withMemoizedDb} from "../../scoring/memo-db.js";
import {loadWorld} from "../../simulation/node-writer.js";
import {resolveRecipe} from "../../simulation/recipe.js";
import {
  WORLD_RELATIONS,
  loadWorldWasm,
  startWorldLoad,
  worldTables,
  type ArrowTarget
} from "../../simulation/wasm-writer.js";
import {generateWorld, type World} from "../../simulation/world.js";
import {wasmDb, type WasmConnection} from "../../src/components/wasm-db.js";

interface Bindings {
  connect(): WasmConnection & ArrowTarget;
}

let world: World;
let native: NodeDb;
let wasm: Db;
let connection: WasmConnection & ArrowTarget;
/** The view `loadWorldWasm` returns, and every statement sent through it. */
let scoring: Db;
const statements: string[] = [];
const loaded: number[] = [];
/** Names beyond ASCII (several bytes per character in UTF-8), given to the first accounts. */
const NAMES = [
  {handle: "zoë_ünal", displayName: "Zoë Ünal 🌍"},
  {handle: "nadia", displayName: "Надя Ли"}
];

const RECIPE = resolveRecipe({seed: 3, accounts: 600, days: 21, scenarios: "all"});

function giveNames(world: World): void {
  NAMES.forEach(({handle, displayName}, account) => {
    world.population.handle[account] = handle;
    world.population.displayName[account] = displayName;
  });
}

beforeAll(async () => {
  world = generateWorld(RECIPE);
  giveNames(world);
  native = await openNodeDb();
  await loadWorld(native, world);
  connection = (await openWasmBindings<Bindings>()).connect();
  wasm = wasmDb(connection);
  const counting: Db = {
    query: (sql, params) => (statements.push(sql), wasm.query(sql, params)),
    queryColumns: (sql, params) => (statements.push(sql), wasm.queryColumns(sql, params)),
    queryIntegers: (sql, params) => (statements.push(sql), wasm.queryIntegers(sql, params))
  };
  scoring = await loadWorldWasm(counting, connection, worldTables(world), (fraction) => loaded.push(fraction));
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

  it("holds the account codes, indexed interactions and follow edges that the queries make of the Node warehouse", async () => {
    const columns = async (db: Db, relation: string) =>
      await db.query<{name: string; type: string}>(
        `SELECT column_name AS name, column_type AS type FROM (DESCRIBE ${relation})`
      );
    // Kinds and networks are ENUMs of sorted values, read back as text.
    const asText = (relation: string, names: readonly string[]) =>
      `(SELECT ${names.map((name) => (/^(kind|network)$/.test(name) ? `${name}::VARCHAR AS ${name}` : name)).join(", ")} FROM ${relation})`;
    const expected = {
      [WORLD_RELATIONS.codes]: `(${ACCOUNT_CODES_SQL})`,
      [WORLD_RELATIONS.interactions]: `(${indexedInteractionsSql(`(${ACCOUNT_CODES_SQL})`)})`,
      [WORLD_RELATIONS.followEdges]: `(${followEdgesSql(`(${ACCOUNT_CODES_SQL})`)})`
    };
    for (const [table, query] of Object.entries(expected)) {
      const loaded = await columns(wasm, table);
      const reference = await columns(native, query);
      expect(
        loaded.map((c) => c.name),
        table
      ).toEqual(reference.map((c) => c.name));
      loaded.forEach(({name, type}, k) => {
        if (table === WORLD_RELATIONS.interactions && (name === "kind" || name === "network")) {
          expect(reference[k]!.type).toBe("VARCHAR");
          const values = [...type.matchAll(/'([^']*)'/g)].map((match) => match[1]!);
          expect(type, name).toMatch(/^ENUM\(/);
          expect(values, name).toEqual([...values].sort());
        } else expect(type, `${table}.${name}`).toBe(reference[k]!.type);
      });
      const rows = await fingerprint(native, query);
      expect(rows).not.toMatch(/^0:/);
      expect(
        await fingerprint(
          wasm,
          asText(
            table,
            loaded.map((c) => c.name)
          )
        ),
        table
      ).toBe(rows);
    }
  });

  it("returns a view whose feature queries read those tables instead of making them", async () => {
    const before = statements.length;
    const {features, graph} = await withMemoizedDb(scoring, async (db) => ({
      ...(await kloutFeatures(db)),
      graph: await followGraph(db)
    }));
    expect(features.reactions.some((count) => count > 0)).toBe(true);
    expect(graph.graph.targets.length).toBeGreaterThan(0);
    const sent = statements.slice(before);
    expect(sent.some((sql) => sql.includes(WORLD_RELATIONS.interactions))).toBe(true);
    expect(sent.some((sql) => sql.includes(WORLD_RELATIONS.followEdges))).toBe(true);
    // followEdgesSql joins each follow's follower and followee to their codes.
    expect(sent.filter((sql) => sql.includes("f.follower_id"))).toEqual([]);
    expect(sent.filter((sql) => sql.trimStart().startsWith("CREATE"))).toEqual([]);
  });

  it("keeps only the world's tables, with the canonical interactions a view, and reports the share loaded, ending at 1", async () => {
    const names = async (sql: string) => (await wasm.query<{name: string}>(sql)).map((t) => t.name);
    const tables = worldTables(world).map((table) => table.name);
    expect(await names("SELECT table_name AS name FROM duckdb_tables() ORDER BY 1")).toEqual([...tables].sort());
    expect(await names("SELECT view_name AS name FROM duckdb_views() WHERE NOT internal")).toEqual(["interactions"]);
    expect(new Set([...tables, "interactions"])).toEqual(
      new Set([...TABLE_NAMES, WORLD_RELATIONS.codes, WORLD_RELATIONS.interactions, WORLD_RELATIONS.followEdges])
    );
    expect(loaded).toHaveLength(tables.length);
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

describe("startWorldLoad(db, connection, networks)", () => {
  it("appends each stage's new rows as the stage is taken, and loads the tables loadWorldWasm loads", async () => {
    const target = (await openWasmBindings<Bindings>()).connect();
    const staged = wasmDb(target);
    const sent: string[] = [];
    const counting: Db = {
      query: (sql, params) => (sent.push(sql), staged.query(sql, params)),
      queryColumns: (sql, params) => (sent.push(sql), staged.queryColumns(sql, params)),
      queryIntegers: (sql, params) => (sent.push(sql), staged.queryIntegers(sql, params))
    };
    const appended: string[] = [];
    const recording: ArrowTarget = {
      insertArrowFromIPCStream: (buffer, options) => {
        appended.push(options!.name);
        return target.insertArrowFromIPCStream(buffer, options);
      }
    };
    const load = await startWorldLoad(counting, recording, RECIPE.networks);
    // Each stage, and the tables appended when it was taken.
    const taken: [string, string[]][] = [];
    const whole = generateWorld(RECIPE, undefined, ({stage, world: staged}) => {
      if (stage === "accounts") giveNames(staged);
      const before = appended.length;
      load.take(staged);
      taken.push([stage, appended.slice(before)]);
    });
    const beforeFinish = appended.length;
    const fractions: number[] = [];
    const view = await load.finish(whole, (fraction) => fractions.push(fraction));
    const accountTables = [
      "accounts",
      WORLD_RELATIONS.codes,
      "follows",
      WORLD_RELATIONS.followEdges,
      "identities",
      "truth"
    ];
    const activity = ["posts", WORLD_RELATIONS.interactions];
    expect(taken).toEqual([
      ["accounts", accountTables],
      ["posts", activity],
      ["reactions", activity],
      ["reactions", activity],
      ["reactions", activity]
    ]);
    expect(appended.slice(beforeFinish)).toEqual(activity);
    const names = (await staged.query<{name: string}>("SELECT table_name AS name FROM duckdb_tables()")).map(
      (t) => t.name
    );
    expect(names.sort()).toEqual(
      worldTables(world)
        .map((table) => table.name)
        .sort()
    );
    for (const table of [...names, "interactions"]) {
      expect(await fingerprint(staged, table), table).toBe(await fingerprint(wasm, table));
    }
    expect(fractions.every((fraction, i) => i === 0 || fraction > fractions[i - 1]!)).toBe(true);
    expect(fractions.at(-1)).toBe(1);
    // The view reads the loaded follow edges, as loadWorldWasm's does.
    const sentBefore = sent.length;
    await withMemoizedDb(view, followGraph);
    expect(sent.slice(sentBefore).some((sql) => sql.includes(WORLD_RELATIONS.followEdges))).toBe(true);
  });
});

describe("worldTables(world)", () => {
  it("gives each table its columns in the order they are declared, and its row count", () => {
    const declared = (columns: string) => columns.split(", ").map((column) => column.split(" ")[0]);
    const relations: Record<string, string[]> = {
      [WORLD_RELATIONS.codes]: declared(ACCOUNT_CODES_COLUMNS),
      [WORLD_RELATIONS.interactions]: declared(indexedInteractionsColumns()),
      [WORLD_RELATIONS.followEdges]: declared(FOLLOW_EDGES_COLUMNS)
    };
    for (const {name, rows, build} of worldTables(world)) {
      const table = build();
      const columns = name in relations ? relations[name] : Object.keys(TABLES[name as keyof typeof TABLES]);
      expect(
        table.schema.fields.map((field) => field.name),
        name
      ).toEqual(columns);
      expect(table.numRows, name).toBe(rows);
    }
    expect(worldTables(world).find((table) => table.name === WORLD_RELATIONS.interactions)!.rows).toBe(
      world.interactions.actor.length
    );
  });

  it("writes post ids as text, each its author's network, ':p' and the post's number", () => {
    const tables = worldTables(world);
    const posts = tables.find((table) => table.name === "posts")!.build();
    const interactions = tables.find((table) => table.name === WORLD_RELATIONS.interactions)!.build();
    const idOf = (post: number) =>
      post < 0 ? null : `${world.networks[world.population.network[world.posts.author[post]!]!]}:p${post}`;
    const columns: [Table, string, ArrayLike<number>][] = [
      [posts, "post_id", Int32Array.from({length: world.posts.author.length}, (_, post) => post)],
      [posts, "parent_post_id", world.posts.parent],
      [posts, "root_post_id", world.posts.root],
      [interactions, "post_id", world.interactions.post]
    ];
    for (const [table, name, post] of columns) {
      const column = table.getChild(name)!;
      // Plain text, not a dictionary of every post's id that the engine would decode for each column.
      expect(String(column.type), name).toBe("Utf8");
      expect(column.toArray(), name).toEqual(Array.from(post, idOf));
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

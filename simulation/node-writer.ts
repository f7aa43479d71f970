/**
 * Writes a generated world as a warehouse, fast. Per-row appending costs a native call per value, far too
 * slow for millions of rows; instead the world's typed arrays go into staging tables in bulk (one copy per
 * 2,048-row column vector through `DuckDBDataChunk`), strings only for the small tables (accounts and
 * the names of networks, kinds, roles, topics and text templates), and the canonical tables are built from
 * the staging tables by SQL joins. Node only (native DuckDB).
 */
import {existsSync, readdirSync} from "node:fs";
import {DOUBLE, DuckDBDataChunk, INTEGER, UTINYINT, VARCHAR, type DuckDBType} from "@duckdb/node-api";
import {openNodeDb, type NodeDb} from "../loaders/node-db.js";
import type {SourceReport} from "../loaders/report.js";
import {TABLE_NAMES, type TableName} from "../loaders/schema.js";
import {createCanonicalTables} from "../loaders/tables.js";
import {writeWarehouseFiles, type Manifest} from "../loaders/warehouse.js";
import {INTERACTION_KIND_NAMES, POST_KIND_NAMES} from "./builder.js";
import {describeRecipe} from "./recipe.js";
import {LINK_PREFIX, TEMPLATES} from "./texts.js";
import {TOPICS} from "./topics.js";
import type {World} from "./world.js";

type ColumnData = Int32Array | Uint8Array | Float64Array | readonly string[];
interface StagedColumn {
  name: string;
  data: ColumnData;
}

const CHUNK_ROWS = 2048;

function typeOf(data: ColumnData): {sql: string; type: DuckDBType} {
  if (data instanceof Int32Array) return {sql: "INTEGER", type: INTEGER};
  if (data instanceof Uint8Array) return {sql: "UTINYINT", type: UTINYINT};
  if (data instanceof Float64Array) return {sql: "DOUBLE", type: DOUBLE};
  return {sql: "VARCHAR", type: VARCHAR};
}

/** Creates staging table `name` and fills it from equally long columns, one data chunk at a time. */
async function stage(db: NodeDb, name: string, columns: StagedColumn[]): Promise<void> {
  const types = columns.map((column) => typeOf(column.data));
  await db.run(
    `CREATE TEMP TABLE ${name} (${columns.map((column, i) => `${column.name} ${types[i]!.sql}`).join(", ")})`
  );
  const rows = columns[0]!.data.length;
  const appender = await db.connection.createAppender(name);
  // One chunk, refilled for every full 2,048 rows (allocating native vectors per chunk costs more than the
  // copy); the last, shorter one gets its own, since a vector's length is fixed when it is first read.
  const full = DuckDBDataChunk.create(
    types.map((t) => t.type),
    CHUNK_ROWS
  );
  for (let from = 0; from < rows; from += CHUNK_ROWS) {
    const to = Math.min(rows, from + CHUNK_ROWS);
    const chunk =
      to - from === CHUNK_ROWS
        ? full
        : DuckDBDataChunk.create(
            types.map((t) => t.type),
            to - from
          );
    columns.forEach(({data}, c) => {
      if (Array.isArray(data)) {
        chunk.setColumnValues(c, (data as readonly string[]).slice(from, to));
      } else {
        // Fixed-width vectors expose their native buffer as a typed array: one copy per vector.
        const vector = chunk.getColumnVector(c) as unknown as {
          items: {set(values: ArrayLike<number>): void};
          flush(): void;
        };
        vector.items.set((data as Int32Array).subarray(from, to));
        vector.flush();
      }
    });
    appender.appendDataChunk(chunk);
  }
  appender.closeSync();
}

const codes = (names: readonly string[]): StagedColumn[] => [
  {name: "code", data: Int32Array.from(names, (_, i) => i)},
  {name: "name", data: names}
];

/**
 * Each post's text before its `{handle}` and `{link}` are filled: one row per (template, topic), so the
 * per-post work is a join and, for the few templates that need it, one `replace`.
 */
const TEXTS_SQL = `
  CREATE TEMP TABLE s_texts AS
  SELECT tp.code AS template, t.code AS topic, replace(tp.name, '{tag}', '#' || t.name) AS text,
    contains(tp.name, '{handle}') AS has_handle, contains(tp.name, '{link}') AS has_link, [t.name] AS topics
  FROM s_templates tp CROSS JOIN s_topics t`;

/**
 * The canonical tables from the staging tables. Rows are not sorted (sorting millions of rows costs more
 * than the rest); the content is deterministic, which is what the table hashes compare.
 */
const BUILD_SQL: Record<TableName, string> = {
  accounts: `
    INSERT INTO accounts
    SELECT a.account_id, n.name, a.handle, a.display_name, CASE WHEN a.multi = 1 THEN 'person:' || a.person END,
      a.followers, a.following, a.listed, epoch_ms(floor(a.created)::BIGINT), a.verified = 1
    FROM s_accounts a JOIN s_networks n ON n.code = a.network`,
  posts: `
    INSERT INTO posts
    SELECT n.name || ':p' || p.idx, a.account_id, n.name, epoch_ms(floor(p.time)::BIGINT), k.name,
      CASE WHEN p.parent >= 0 THEN n.name || ':p' || p.parent END,
      CASE WHEN p.root >= 0 THEN n.name || ':p' || p.root END,
      CASE WHEN p.template >= 0 THEN 'en' END,
      CASE WHEN p.topic >= 0 THEN x.topics END,
      CASE
        WHEN x.has_handle THEN replace(x.text, '{handle}', '@' || m.handle)
        WHEN x.has_link THEN replace(x.text, '{link}', $link || p.idx)
        ELSE x.text
      END
    FROM s_posts p
    JOIN s_accounts a ON a.idx = p.author
    JOIN s_networks n ON n.code = a.network
    JOIN s_post_kinds k ON k.code = p.kind
    LEFT JOIN s_texts x ON x.template = p.template AND x.topic = p.topic
    LEFT JOIN s_accounts m ON m.idx = p.mention`,
  interactions: `
    INSERT INTO interactions
    SELECT epoch_ms(floor(i.time)::BIGINT), n.name, a.account_id, b.account_id,
      CASE WHEN i.post >= 0 THEN n.name || ':p' || i.post END, k.name, NULL
    FROM s_interactions i
    JOIN s_accounts a ON a.idx = i.actor
    JOIN s_accounts b ON b.idx = i.target
    JOIN s_networks n ON n.code = a.network
    JOIN s_interaction_kinds k ON k.code = i.kind`,
  follows: `
    INSERT INTO follows
    SELECT a.account_id, b.account_id, n.name, epoch_ms(floor(f.since)::BIGINT)
    FROM s_follows f
    JOIN s_accounts a ON a.idx = f.follower
    JOIN s_accounts b ON b.idx = f.followee
    JOIN s_networks n ON n.code = a.network`,
  identities: `
    INSERT INTO identities SELECT 'person:' || person, account_id FROM s_accounts WHERE multi = 1`,
  truth: `
    INSERT INTO truth SELECT a.account_id, a.influence, r.name FROM s_accounts a JOIN s_roles r ON r.code = a.role`
};

const indexColumn = (n: number): StagedColumn => ({name: "idx", data: Int32Array.from({length: n}, (_, i) => i)});

/** Loads the world's columns into staging tables of `db` and builds the canonical tables from them. */
export async function loadWorld(db: NodeDb, world: World): Promise<void> {
  const p = world.population;
  await createCanonicalTables(db);
  await stage(db, "s_networks", codes(world.networks));
  await stage(db, "s_roles", codes(world.roles));
  await stage(db, "s_topics", codes(TOPICS));
  await stage(db, "s_templates", codes(TEMPLATES));
  await stage(db, "s_post_kinds", codes(POST_KIND_NAMES));
  await stage(db, "s_interaction_kinds", codes(INTERACTION_KIND_NAMES));
  await stage(db, "s_accounts", [
    indexColumn(p.count),
    {name: "account_id", data: Array.from(p.network, (network, i) => `${world.networks[network]}:${i}`)},
    {name: "network", data: p.network},
    {name: "handle", data: p.handle},
    {name: "display_name", data: p.displayName},
    {name: "person", data: p.person},
    {name: "multi", data: p.multi},
    {name: "followers", data: world.followers},
    {name: "following", data: world.following},
    {name: "listed", data: world.listed},
    {name: "created", data: p.createdAt},
    {name: "verified", data: world.verified},
    {name: "influence", data: p.influence},
    {name: "role", data: p.role}
  ]);
  const {posts, interactions, follows} = world;
  await stage(db, "s_posts", [
    indexColumn(posts.author.length),
    ...(["author", "time", "kind", "parent", "root", "topic", "template", "mention"] as const).map((name) => ({
      name,
      data: posts[name]
    }))
  ]);
  await stage(db, "s_interactions", [
    indexColumn(interactions.actor.length),
    ...(["actor", "target", "post", "kind", "time"] as const).map((name) => ({name, data: interactions[name]}))
  ]);
  await stage(db, "s_follows", [
    indexColumn(follows.follower.length),
    {name: "follower", data: follows.follower},
    {name: "followee", data: follows.followee},
    {name: "since", data: follows.since}
  ]);
  await db.run(TEXTS_SQL);
  for (const table of TABLE_NAMES) {
    await db.run(BUILD_SQL[table].replace("$link", "?"), table === "posts" ? [LINK_PREFIX] : []);
  }
}

export class SimulationOutputError extends Error {
  override name = "SimulationOutputError";
}

/** Refuses a warehouse folder that exists and is not empty: nothing is overwritten silently. */
export function checkOutputDir(dir: string): void {
  if (existsSync(dir) && readdirSync(dir).length > 0) {
    throw new SimulationOutputError(`simulation/node-writer: ${dir} is not empty; choose another --out`);
  }
}

/** Writes `world` as a warehouse at `dir` (Parquet files, rejects.csv, manifest.json with the recipe). */
export async function writeWorldWarehouse(world: World, dir: string): Promise<Manifest> {
  checkOutputDir(dir);
  const db = await openNodeDb();
  try {
    await loadWorld(db, world);
    const written: Partial<Record<TableName, number>> = {};
    for (const table of TABLE_NAMES) {
      const [row] = await db.query<{n: number}>(`SELECT count(*) AS n FROM ${table}`);
      written[table] = row!.n;
    }
    const total = Object.values(written).reduce((sum, n) => sum + n, 0);
    const report: SourceReport = {
      format: "simulate",
      file: describeRecipe(world.recipe),
      records_read: total,
      records_accepted: total,
      rejected: 0,
      skipped: 0,
      rejected_by_reason: {},
      skipped_by_reason: {},
      rejected_examples: [],
      written,
      merged: {}
    };
    return await writeWarehouseFiles(db, dir, [report]);
  } finally {
    db.close();
  }
}

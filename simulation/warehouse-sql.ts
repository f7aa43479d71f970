/**
 * A generated world as canonical tables, engine-neutral: the world's typed arrays become staging tables
 * (`s_*`: integer codes, kind codes and epoch milliseconds, strings only for the small tables: accounts and the
 * names of networks, kinds, roles, topics and text templates), and SQL joins build the canonical tables from them.
 * An engine brings only its way of filling a staging table in bulk, as native DuckDB does with data chunks
 * (`node-writer.ts`). duckdb-wasm takes the canonical tables whole instead (`wasm-writer.ts`), since its one
 * thread spends longer on the joins than on the rest of the load; a test holds both to the same rows.
 */
import {TABLE_NAMES, createTableSql, type TableName} from "../loaders/schema.js";
import type {Value} from "../scoring/db.js";
import {INTERACTION_KIND_NAMES, POST_KIND_NAMES} from "./builder.js";
import {LINK_PREFIX, TEMPLATES} from "./texts.js";
import {TOPICS} from "./topics.js";
import type {World} from "./world.js";

export type ColumnData = Int32Array | Uint8Array | Float64Array | readonly string[];
export interface StagedColumn {
  name: string;
  data: ColumnData;
}
export interface StagingTable {
  name: string;
  /** Equally long columns. */
  columns: StagedColumn[];
}

/** The DuckDB type a staged column gets. */
export type StagedType = "INTEGER" | "UTINYINT" | "DOUBLE" | "VARCHAR";

export function stagedType(data: ColumnData): StagedType {
  if (data instanceof Int32Array) return "INTEGER";
  if (data instanceof Uint8Array) return "UTINYINT";
  if (data instanceof Float64Array) return "DOUBLE";
  return "VARCHAR";
}

/** What a writer supplies: a statement runner and a bulk filler of one staging table. */
export interface WarehouseEngine {
  run(sql: string, params?: readonly Value[]): Promise<unknown>;
  /** Creates staging table `table.name` with one column per staged column and fills it. */
  stage(table: StagingTable): Promise<void>;
}

const codes = (name: string, names: readonly string[]): StagingTable => ({
  name,
  columns: [
    {name: "code", data: Int32Array.from(names, (_, i) => i)},
    {name: "name", data: names}
  ]
});

const indexColumn = (n: number): StagedColumn => ({name: "idx", data: Int32Array.from({length: n}, (_, i) => i)});

/** The world's columns as staging tables, in the order they are staged. */
export function stagingTables(world: World): StagingTable[] {
  const p = world.population;
  const {posts, interactions, follows} = world;
  return [
    codes("s_networks", world.networks),
    codes("s_roles", world.roles),
    codes("s_topics", TOPICS),
    codes("s_templates", TEMPLATES),
    codes("s_post_kinds", POST_KIND_NAMES),
    codes("s_interaction_kinds", INTERACTION_KIND_NAMES),
    {
      name: "s_accounts",
      columns: [
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
      ]
    },
    {
      name: "s_posts",
      columns: [
        indexColumn(posts.author.length),
        ...(["author", "time", "kind", "parent", "root", "topic", "template", "mention"] as const).map((name) => ({
          name,
          data: posts[name]
        }))
      ]
    },
    {
      name: "s_interactions",
      columns: [
        indexColumn(interactions.actor.length),
        ...(["actor", "target", "post", "kind", "time"] as const).map((name) => ({name, data: interactions[name]}))
      ]
    },
    {
      name: "s_follows",
      columns: [
        indexColumn(follows.follower.length),
        {name: "follower", data: follows.follower},
        {name: "followee", data: follows.followee},
        {name: "since", data: follows.since}
      ]
    }
  ];
}

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
 * than the rest); the content is deterministic, which is what the table hashes compare. The posts' one
 * parameter is the prefix of their links.
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
        WHEN x.has_link THEN replace(x.text, '{link}', ? || p.idx)
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

/**
 * Builds the canonical tables of `world` through `engine`: creates them, stages the world's columns, fills
 * them by joins and drops the staging tables.
 */
export async function buildWorldTables(world: World, engine: WarehouseEngine): Promise<void> {
  for (const table of TABLE_NAMES) await engine.run(createTableSql(table, {ifNotExists: true}));
  const tables = stagingTables(world);
  for (const table of tables) await engine.stage(table);
  await engine.run(TEXTS_SQL);
  for (const table of TABLE_NAMES) await engine.run(BUILD_SQL[table], table === "posts" ? [LINK_PREFIX] : []);
  // The staging tables are as large as the world again: only the canonical tables are kept.
  for (const name of ["s_texts", ...tables.map((table) => table.name)]) await engine.run(`DROP TABLE ${name}`);
}

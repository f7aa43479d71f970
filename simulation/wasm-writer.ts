/**
 * Loads a generated world into duckdb-wasm, in the browser or a Web Worker. Each table crosses into the engine as
 * one Arrow IPC stream already in its final shape and is appended to the table as it is: no staging table and no
 * join. The world's integer columns become Arrow vectors without a copy, and every text column that repeats a few
 * values (account ids, post ids, networks, kinds, roles, most post texts) is a dictionary vector: the strings are
 * made once per account, post or name, and each row is its integer index.
 *
 * The interactions are loaded as the relations that the feature queries read (`scoring/features/indexed.ts`): the
 * account codes and the interactions over them, which the world has at hand (its accounts are numbered already)
 * and the engine would otherwise make from the canonical table with a sort and two joins on every judgement. The
 * canonical `interactions` is a view that joins the codes back. Every other canonical table is a table; the follows
 * are also loaded as the follow graph's edges between account codes, which the engine would otherwise join. The rows
 * are those of the Node warehouse's joins (`warehouse-sql.ts`), value for value; a test compares them, and the two
 * relations with what the feature queries make. The streams are encoded here, with this module's Arrow, so no
 * Arrow object is shared with duckdb-wasm's own copy of the library.
 */
import {
  Bool,
  Dictionary,
  Field,
  Int32,
  List,
  Table,
  TimestampMillisecond,
  Utf8,
  makeData,
  makeVector,
  tableToIPC,
  vectorFromArray,
  type Vector
} from "apache-arrow";
import type {ArrowConnection} from "../loaders/browser-writer.js";
import {INTERACTION_KINDS, createTableSql} from "../loaders/schema.js";
import type {Db} from "../scoring/db.js";
import {FOLLOW_EDGES_COLUMNS, withFollowEdges} from "../scoring/graphs.js";
import {DAY_MS} from "../scoring/features/daily.js";
import {
  ACCOUNT_CODES_COLUMNS,
  indexedInteractionsColumns,
  withIndexedRelations,
  type IndexedRelations
} from "../scoring/features/indexed.js";
import {INTERACTION_KIND_NAMES, POST_KIND_NAMES} from "./builder.js";
import {TEMPLATES, renderText} from "./texts.js";
import {TOPICS} from "./topics.js";
import type {World} from "./world.js";

/** The part of a duckdb-wasm connection used here: taking an Arrow stream into a table. */
export type ArrowTarget = Pick<ArrowConnection, "insertArrowFromIPCStream">;

const encoder = new TextEncoder();

/**
 * A text column, NULL where a value is null. Each string is encoded straight into the column's buffer: Arrow's own
 * builder takes seconds for a world's posts.
 */
function utf8(values: readonly (string | null)[]): Vector<Utf8> {
  const offsets = new Int32Array(values.length + 1);
  // A UTF-16 code unit takes at most 3 bytes in UTF-8.
  const data = new Uint8Array(3 * values.reduce((sum, value) => sum + (value?.length ?? 0), 0));
  for (let row = 0; row < values.length; row++) {
    const {written} = encoder.encodeInto(values[row] ?? "", data.subarray(offsets[row]));
    offsets[row + 1] = offsets[row]! + written;
  }
  const nulls = validity(Int32Array.from(values, (value) => (value === null ? -1 : 0)));
  return makeVector(
    makeData({
      type: new Utf8(),
      length: values.length,
      valueOffsets: offsets,
      data: data.subarray(0, offsets[values.length]),
      ...nulls
    })
  );
}

/** The validity bitmap of a column whose row i is NULL where `marks[i]` is negative (none if no row is). */
function validity(marks: Int32Array): {nullCount: number; nullBitmap?: Uint8Array} {
  const bitmap = new Uint8Array((marks.length + 7) >> 3);
  let nullCount = 0;
  for (let row = 0; row < marks.length; row++) {
    if (marks[row]! >= 0) bitmap[row >> 3]! |= 1 << (row & 7);
    else nullCount++;
  }
  return nullCount === 0 ? {nullCount} : {nullCount, nullBitmap: bitmap};
}

/** Dictionary ids must differ between the columns of one stream. */
let dictionaryIds = 0;

/**
 * Row i is `values[indexes[i]]`, or NULL where the index is negative: a text column as integers, the strings
 * once.
 */
function lookup(values: Vector<Utf8>, indexes: Int32Array): Vector<Dictionary<Utf8, Int32>> {
  const type = new Dictionary(new Utf8(), new Int32(), dictionaryIds++);
  const nulls = validity(indexes);
  return makeVector(makeData({type, length: indexes.length, data: indexes, dictionary: values, ...nulls}));
}

/** `values` at `indexes` (one small integer code per row, e.g. a kind) as a dictionary column. */
const codes = (values: readonly string[], indexes: ArrayLike<number>) => lookup(utf8(values), new Int32Array(indexes));

/**
 * Ids numbered by row, ASCII: row i is `prefixes[prefixOf[i]]` followed by i in decimal. Written byte by byte,
 * since half a million ids as JS strings cost more to make, collect and encode than the rest of the load.
 */
function numberedIds(prefixes: readonly string[], prefixOf: ArrayLike<number>): Vector<Utf8> {
  const encoded = prefixes.map((prefix) => encoder.encode(prefix));
  const length = prefixOf.length;
  const offsets = new Int32Array(length + 1);
  let digits = 1;
  for (let row = 0; row < length; row++) {
    if (row === 10 ** digits) digits++;
    offsets[row + 1] = offsets[row]! + encoded[prefixOf[row]!]!.length + digits;
  }
  const data = new Uint8Array(offsets[length]!);
  for (let row = 0; row < length; row++) {
    const prefix = encoded[prefixOf[row]!]!;
    data.set(prefix, offsets[row]);
    for (
      let at = offsets[row + 1]! - 1, rest = row;
      at >= offsets[row]! + prefix.length;
      at--, rest = Math.floor(rest / 10)
    )
      data[at] = 48 + (rest % 10);
  }
  return makeVector(makeData({type: new Utf8(), length, nullCount: 0, valueOffsets: offsets, data}));
}

/** Epoch milliseconds (floored, as the warehouse keeps them) as a timestamp column. */
function timestamps(ms: Float64Array): Vector<TimestampMillisecond> {
  const words = new Int32Array(ms.length * 2);
  for (let i = 0; i < ms.length; i++) {
    const value = Math.floor(ms[i]!);
    const high = Math.floor(value / 2 ** 32);
    words[2 * i] = value - high * 2 ** 32;
    words[2 * i + 1] = high;
  }
  const data = new BigInt64Array(words.buffer);
  return makeVector(makeData({type: new TimestampMillisecond(), length: ms.length, data}));
}

/** Per row, the network of the account at `accounts[row]`. */
function networkOf(world: World, accounts: Int32Array): Vector<Dictionary<Utf8, Int32>> {
  const network = new Int32Array(accounts.length);
  for (let row = 0; row < accounts.length; row++) network[row] = world.population.network[accounts[row]!]!;
  return lookup(utf8(world.networks), network);
}

/**
 * Each post's text, the value `warehouse-sql.ts` gives it: none without a template or a topic, the template with
 * the topic's hashtag otherwise, and the mentioned handle or the post's link filled in where the template has
 * one. The texts that differ only by template and topic are shared, so only mentions and links cost a string
 * per post.
 */
function postTexts(world: World): Vector<Dictionary<Utf8, Int32>> {
  const {template, topic, mention} = world.posts;
  const texts: string[] = [];
  for (const name of TEMPLATES) for (const tag of TOPICS) texts.push(renderText(name, 0, tag));
  const indexes = new Int32Array(template.length);
  for (let post = 0; post < template.length; post++) {
    const t = template[post]!;
    const tag = topic[post]!;
    if (t < 0 || tag < 0) indexes[post] = -1;
    else if (TEMPLATES[t]!.includes("{handle}")) {
      const mentioned = mention[post]!;
      if (mentioned < 0) indexes[post] = -1;
      else
        indexes[post] =
          texts.push(renderText(TEMPLATES[t]!, post, TOPICS[tag], world.population.handle[mentioned])) - 1;
    } else if (TEMPLATES[t]!.includes("{link}")) {
      indexes[post] = texts.push(renderText(TEMPLATES[t]!, post, TOPICS[tag])) - 1;
    } else indexes[post] = t * TOPICS.length + tag;
  }
  return lookup(utf8(texts), indexes);
}

/** Each post's topics: its one topic as a list, for a post with a template and a topic; NULL otherwise. */
function postTopics(world: World): Vector<List<Dictionary<Utf8, Int32>>> {
  const {template, topic} = world.posts;
  const tagged = new Int32Array(topic.length);
  const offsets = new Int32Array(topic.length + 1);
  const tags = new Int32Array(topic.length);
  for (let post = 0; post < topic.length; post++) {
    tagged[post] = template[post]! >= 0 ? topic[post]! : -1;
    if (tagged[post]! >= 0) tags[offsets[post]!] = tagged[post]!;
    offsets[post + 1] = offsets[post]! + (tagged[post]! >= 0 ? 1 : 0);
  }
  const child = lookup(utf8(TOPICS), tags.subarray(0, offsets[topic.length]));
  const type = new List(new Field("item", child.type, true));
  const nulls = validity(tagged);
  return makeVector(makeData({type, length: topic.length, valueOffsets: offsets, child: child.data[0]!, ...nulls}));
}

/**
 * The tables of a loaded world that hold the relations of `scoring/features/indexed.ts`, and its follow edges
 * (`followEdgesSql`).
 */
export const WORLD_RELATIONS = Object.freeze({
  codes: "world_account_codes",
  interactions: "world_interactions",
  followEdges: "world_follow_edges"
} as const satisfies IndexedRelations & {followEdges: string});

/**
 * The canonical interactions of a loaded world: its indexed interactions with the accounts' ids joined back, and
 * kinds and networks as text again.
 */
const INTERACTIONS_VIEW_SQL = `CREATE VIEW interactions AS
SELECT i.ts, i.network::VARCHAR AS network, a.account_id AS actor_id, t.account_id AS target_id, i.post_id,
  i.kind::VARCHAR AS kind, NULL::DOUBLE AS weight
FROM ${WORLD_RELATIONS.interactions} i
JOIN ${WORLD_RELATIONS.codes} a ON a.account = i.actor
JOIN ${WORLD_RELATIONS.codes} t ON t.account = i.target`;

/** The tables a world is loaded into, in the order they are loaded. */
const WORLD_TABLE_NAMES = [
  "accounts",
  "posts",
  WORLD_RELATIONS.codes,
  WORLD_RELATIONS.interactions,
  "follows",
  WORLD_RELATIONS.followEdges,
  "identities",
  "truth"
] as const;

export type WorldTableName = (typeof WORLD_TABLE_NAMES)[number];

/** An ENUM of `values` in sorted order, which sorts as their text does. */
const sortedEnum = (values: readonly string[]) =>
  `ENUM(${[...values]
    .sort()
    .map((value) => `'${value.replaceAll("'", "''")}'`)
    .join(", ")})`;

/**
 * The statement that creates each table of `world`. The indexed interactions hold their kinds (any of the schema's)
 * and networks (the world's) as ENUMs: filtering and grouping them as text took about a tenth of the lab's feature
 * queries (2.12 against 1.88-1.90 s on 20,000 accounts).
 */
const createSql = (world: World, name: WorldTableName): string => {
  if (name === WORLD_RELATIONS.codes) return `CREATE TABLE ${name} (${ACCOUNT_CODES_COLUMNS})`;
  if (name === WORLD_RELATIONS.followEdges) return `CREATE TABLE ${name} (${FOLLOW_EDGES_COLUMNS})`;
  if (name === WORLD_RELATIONS.interactions) {
    const columns = indexedInteractionsColumns({
      kind: sortedEnum(INTERACTION_KINDS),
      network: sortedEnum(world.networks)
    });
    return `CREATE TABLE ${name} (${columns})`;
  }
  // The generator writes kinds, roles and the other closed sets from the schema's own lists: checking every row
  // against them would take duckdb-wasm a quarter of the interactions' load.
  return createTableSql(name, {checks: false});
};

/**
 * Each account's code (`scoring/features/indexed.ts`): its place in the order of `accountIds` (the column the
 * accounts table gets), the order of the engine's sort of the ids (bytes; the ids are ASCII, so UTF-16 code units
 * compare alike).
 */
function accountCodes(accountIds: Vector<Utf8>): Int32Array {
  const count = accountIds.length;
  const ids = Array.from({length: count}, (_, i) => accountIds.get(i)!);
  const order = Int32Array.from({length: count}, (_, i) => i).sort((a, b) =>
    ids[a]! < ids[b]! ? -1 : ids[a]! > ids[b]! ? 1 : 0
  );
  const code = new Int32Array(count);
  for (let place = 0; place < count; place++) code[order[place]!] = place;
  return code;
}

/**
 * The interactions' actors and targets as account codes, and their UTC days (`utcDay`).
 *
 * @throws Error when an interaction names no account of the world: the view of the canonical interactions would
 * leave it out.
 */
function indexedColumns(world: World, code: Int32Array) {
  const {actor, target, time} = world.interactions;
  const count = code.length;
  const actors = new Int32Array(actor.length);
  const targets = new Int32Array(actor.length);
  const day = new Int32Array(actor.length);
  for (let row = 0; row < actor.length; row++) {
    const a = actor[row]!;
    const t = target[row]!;
    if (!(a >= 0 && a < count && t >= 0 && t < count))
      throw new Error(`simulation/wasm-writer: interaction ${row} names an account outside the world (${a} -> ${t})`);
    actors[row] = code[a]!;
    targets[row] = code[t]!;
    day[row] = Math.floor(Math.floor(time[row]!) / DAY_MS);
  }
  return {actor: actors, target: targets, day};
}

/** How many of the world's follows are between two accounts (not of an account following itself). */
function followEdgeCount({follows}: World): number {
  let count = 0;
  for (let row = 0; row < follows.follower.length; row++) if (follows.follower[row] !== follows.followee[row]) count++;
  return count;
}

/**
 * The `count` follow edges between two accounts (following oneself left out), as account codes; a pair as often as
 * listed.
 */
function followEdges(world: World, code: Int32Array, count: number) {
  const {follower, followee} = world.follows;
  const source = new Int32Array(count);
  const target = new Int32Array(count);
  for (let row = 0, at = 0; row < follower.length; row++) {
    if (follower[row] === followee[row]) continue;
    source[at] = code[follower[row]!]!;
    target[at++] = code[followee[row]!]!;
  }
  return {source, target};
}

/** One table of a world, made when asked for. */
export interface WorldTable {
  name: WorldTableName;
  /** The statement that creates it. */
  create: string;
  rows: number;
  build(): Table;
  /** The table as the Arrow IPC stream duckdb-wasm appends, encoded the first time it is asked for. */
  stream(): Uint8Array;
}

/**
 * The tables of `world` as Arrow tables, in the order they are loaded: every canonical table but the interactions,
 * in the schema's order, columns too; in the interactions' place the account codes and indexed interactions, and
 * after the follows the follow edges (WORLD_RELATIONS), columns as `scoring/features/indexed.ts` and
 * `scoring/graphs.ts` declare them.
 */
export function worldTables(world: World): WorldTable[] {
  const p = world.population;
  const {posts, interactions, follows} = world;
  const accountIds = numberedIds(
    world.networks.map((network) => `${network}:`),
    p.network
  );
  const postNetwork = new Uint8Array(posts.author.length);
  for (let post = 0; post < postNetwork.length; post++) postNetwork[post] = p.network[posts.author[post]!]!;
  const postIds = numberedIds(
    world.networks.map((network) => `${network}:p`),
    postNetwork
  );
  const personIds = Array.from(p.person, (person, i) => (p.multi[i] === 1 ? `person:${person}` : null));
  const multi = Int32Array.from({length: p.count}, (_, i) => i).filter((i) => p.multi[i] === 1);
  const code = accountCodes(accountIds);
  const edgeCount = followEdgeCount(world);
  const tables: Record<WorldTableName, Omit<WorldTable, "name" | "create" | "stream">> = {
    accounts: {
      rows: p.count,
      build: () =>
        new Table({
          account_id: accountIds,
          network: codes(world.networks, p.network),
          handle: utf8(p.handle),
          display_name: utf8(p.displayName),
          person_id: utf8(personIds),
          followers: makeVector(world.followers),
          following: makeVector(world.following),
          listed: makeVector(world.listed),
          created_at: timestamps(p.createdAt),
          verified: vectorFromArray(
            Array.from(world.verified, (v) => v === 1),
            new Bool()
          )
        })
    },
    posts: {
      rows: posts.author.length,
      build: () =>
        new Table({
          post_id: postIds,
          account_id: lookup(accountIds, posts.author),
          network: codes(world.networks, postNetwork),
          created_at: timestamps(posts.time),
          kind: codes(POST_KIND_NAMES, posts.kind),
          parent_post_id: lookup(postIds, posts.parent),
          root_post_id: lookup(postIds, posts.root),
          lang: codes(
            ["en"],
            posts.template.map((t) => (t >= 0 ? 0 : -1))
          ),
          topics: postTopics(world),
          text: postTexts(world)
        })
    },
    [WORLD_RELATIONS.codes]: {
      rows: p.count,
      build: () => new Table({account_id: accountIds, account: makeVector(code)})
    },
    [WORLD_RELATIONS.interactions]: {
      rows: interactions.actor.length,
      build: () => {
        const {actor, target, day} = indexedColumns(world, code);
        return new Table({
          actor: makeVector(actor),
          target: makeVector(target),
          kind: codes(INTERACTION_KIND_NAMES, interactions.kind),
          ts: timestamps(interactions.time),
          day: makeVector(day),
          network: networkOf(world, interactions.actor),
          post_id: lookup(postIds, interactions.post)
        });
      }
    },
    follows: {
      rows: follows.follower.length,
      build: () =>
        new Table({
          follower_id: lookup(accountIds, follows.follower),
          followee_id: lookup(accountIds, follows.followee),
          network: networkOf(world, follows.follower),
          since: timestamps(follows.since)
        })
    },
    [WORLD_RELATIONS.followEdges]: {
      rows: edgeCount,
      build: () => {
        const {source, target} = followEdges(world, code, edgeCount);
        return new Table({source: makeVector(source), target: makeVector(target)});
      }
    },
    identities: {
      rows: multi.length,
      build: () =>
        new Table({
          person_id: utf8(Array.from(multi, (i) => personIds[i]!)),
          account_id: lookup(accountIds, multi)
        })
    },
    truth: {
      rows: p.count,
      build: () =>
        new Table({
          account_id: accountIds,
          influence: makeVector(p.influence),
          role: codes(world.roles, p.role)
        })
    }
  };
  return WORLD_TABLE_NAMES.map((name) => {
    let encoded: Uint8Array | undefined;
    const table = tables[name];
    return {
      name,
      create: createSql(world, name),
      ...table,
      stream: () => (encoded ??= tableToIPC(table.build(), "stream"))
    };
  });
}

/**
 * Builds the tables of a world (`worldTables`) in duckdb-wasm, and the view of its canonical interactions: `db`
 * creates them, `connection` (the same connection) appends each table's stream. `onLoaded` is called with the share
 * of the rows appended. Returns the view of `db` to score the world with: its feature queries read the loaded
 * account codes and indexed interactions (`withIndexedRelations`), and its follow graph the loaded follow edges
 * (`withFollowEdges`).
 *
 * Each table not encoded yet is encoded here while duckdb-wasm's worker appends the one before.
 */
export async function loadWorldWasm(
  db: Db,
  connection: ArrowTarget,
  tables: readonly WorldTable[],
  onLoaded: (fraction: number) => void = () => {}
): Promise<Db> {
  for (const {create} of tables) await db.query(create);
  await db.query(INTERACTIONS_VIEW_SQL);
  const total = tables.reduce((sum, table) => sum + table.rows, 0);
  let appended = 0;
  let appending: Promise<unknown> = Promise.resolve();
  for (const {name, rows, stream} of tables) {
    const encoded = stream();
    await appending;
    appending = Promise.resolve(connection.insertArrowFromIPCStream(encoded, {name, create: false})).then(() => {
      appended += rows;
      onLoaded(appended / total);
    });
    // Awaited before the next table is appended; until then a failure must not count as unhandled.
    appending.catch(() => {});
  }
  await appending;
  return withFollowEdges(withIndexedRelations(db, WORLD_RELATIONS), WORLD_RELATIONS.followEdges);
}

/** Drops what `loadWorldWasm` made, whatever of it there is, so the engine can take another world. */
export async function dropWorldWasm(db: Db): Promise<void> {
  await db.query("DROP VIEW IF EXISTS interactions");
  for (const name of WORLD_TABLE_NAMES) await db.query(`DROP TABLE IF EXISTS ${name}`);
}

/**
 * Loads a generated world into duckdb-wasm, in the browser or a Web Worker. Each canonical table crosses into
 * the engine as one Arrow IPC stream already in its final shape and is appended to the table as it is: no
 * staging table and no join. The world's integer columns become Arrow vectors without a copy, and every text
 * column that repeats a few values (account ids, post ids, networks, kinds, roles, most post texts) is a
 * dictionary vector: the strings are made once per account, post or name, and each row is its integer index.
 * The rows are those of the Node warehouse's joins (`warehouse-sql.ts`), value for value; a test compares them.
 * The streams are encoded here, with this module's Arrow, so no Arrow object is shared with duckdb-wasm's own
 * copy of the library.
 */
import {
  Bool,
  Dictionary,
  Field,
  Float64,
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
import {TABLE_NAMES, createTableSql, type TableName} from "../loaders/schema.js";
import type {Db} from "../scoring/db.js";
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

/** A column of `length` NULLs (of type DOUBLE). */
function nothing(length: number): Vector<Float64> {
  const nulls = validity(new Int32Array(length).fill(-1));
  return makeVector(makeData({type: new Float64(), length, data: new Float64Array(length), ...nulls}));
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

/** One canonical table of a world, made when asked for. */
export interface WorldTable {
  name: TableName;
  rows: number;
  build(): Table;
  /** The table as the Arrow IPC stream duckdb-wasm appends, encoded the first time it is asked for. */
  stream(): Uint8Array;
}

/** The canonical tables of `world` as Arrow tables, in the schema's order, columns too. */
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
  const tables: Record<TableName, Omit<WorldTable, "name" | "stream">> = {
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
    interactions: {
      rows: interactions.actor.length,
      build: () =>
        new Table({
          ts: timestamps(interactions.time),
          network: networkOf(world, interactions.actor),
          actor_id: lookup(accountIds, interactions.actor),
          target_id: lookup(accountIds, interactions.target),
          post_id: lookup(postIds, interactions.post),
          kind: codes(INTERACTION_KIND_NAMES, interactions.kind),
          weight: nothing(interactions.actor.length)
        })
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
  return TABLE_NAMES.map((name) => {
    let encoded: Uint8Array | undefined;
    const table = tables[name];
    return {name, ...table, stream: () => (encoded ??= tableToIPC(table.build(), "stream"))};
  });
}

/**
 * Builds the canonical tables of a world (`worldTables`) in duckdb-wasm: `db` creates them, `connection` (the same
 * connection) appends each table's stream. `onLoaded` is called with the share of the rows appended.
 *
 * Each table not encoded yet is encoded here while duckdb-wasm's worker appends the one before.
 */
export async function loadWorldWasm(
  db: Db,
  connection: ArrowTarget,
  tables: readonly WorldTable[],
  onLoaded: (fraction: number) => void = () => {}
): Promise<void> {
  // The generator writes kinds, roles and the other closed sets from the schema's own lists: checking every row
  // against them would take duckdb-wasm a quarter of the interactions' load.
  for (const table of TABLE_NAMES) await db.query(createTableSql(table, {ifNotExists: true, checks: false}));
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
}

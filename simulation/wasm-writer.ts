/**
 * Loads a generated world into duckdb-wasm, in the browser or a Web Worker. Each table crosses into the engine as
 * Arrow IPC streams already in its final shape (one per table, or one per part of a world loaded in stages) and is
 * appended to the table as it is: no staging table and no join. The world's integer columns become Arrow vectors
 * without a copy, and every text column that repeats a few values (account ids, networks, kinds, roles, most post
 * texts) is a dictionary vector: the strings are made once per account or name, and each row is its integer index.
 * Post ids are written out row by row, bytes straight into the column: as a dictionary of every post's id, which
 * the posts' parents and roots and the interactions each carried and duckdb-wasm decoded once per column, they
 * cost the engine more than they saved here (a world of 20,000 accounts appended in 0.64-0.67 s instead of
 * 0.95-1.02 s, in Node, for 0.1 s more of encoding).
 *
 * The interactions are loaded as the relations that the feature queries read (`scoring/features/indexed.ts`): the
 * account codes and the interactions over them, which the world has at hand (its accounts are numbered already)
 * and the engine would otherwise make from the canonical table with a sort and two joins on every judgement. The
 * canonical `interactions` is a view that joins the codes back. Every other canonical table is a table; the follows
 * are also loaded as the follow graph's edges between account codes, which the engine would otherwise join. The rows
 * are those of the Node warehouse's joins (`warehouse-sql.ts`), value for value; a test compares them, and the two
 * relations with what the feature queries make. The streams are encoded here, with this module's Arrow, so no
 * Arrow object is shared with duckdb-wasm's own copy of the library.
 *
 * A world is loaded whole once generated (`loadWorldWasm`), or in stages while it is generated (`startWorldLoad`):
 * the tables of the accounts and their follows once the follow graph is final, then at each later stage the posts
 * and interactions made since the one before, each in row order.
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
import {INTERACTION_KIND_NAMES, POST_KIND_NAMES, type Population} from "./builder.js";
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
  // −1 at each null row, made at the first.
  let marks: Int32Array | undefined;
  for (let row = 0; row < values.length; row++) {
    const value = values[row]!;
    if (value === null) (marks ??= new Int32Array(values.length))[row] = -1;
    const {written} = encoder.encodeInto(value ?? "", data.subarray(offsets[row]));
    offsets[row + 1] = offsets[row]! + written;
  }
  const nulls = marks ? validity(marks) : {nullCount: 0};
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

/**
 * The validity bitmap of a column whose row i is NULL where `marks[i]` is negative: none, after one scan, when no
 * row is (most columns of a world).
 */
function validity(marks: Int32Array): {nullCount: number; nullBitmap?: Uint8Array} {
  let first = 0;
  while (first < marks.length && marks[first]! >= 0) first++;
  if (first === marks.length) return {nullCount: 0};
  const bitmap = new Uint8Array((marks.length + 7) >> 3);
  let nullCount = 0;
  for (let row = 0; row < marks.length; row++) {
    if (marks[row]! >= 0) bitmap[row >> 3]! |= 1 << (row & 7);
    else nullCount++;
  }
  return {nullCount, nullBitmap: bitmap};
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
 * Ids in ASCII: row i is `prefixes[prefixOf[i]]` followed by `numbers[i]` in decimal, NULL where `numbers[i]` is
 * negative. Written byte by byte, since half a million ids as JS strings cost more to make, collect and encode than
 * the rest of the load.
 */
function decimalIds(prefixes: readonly string[], prefixOf: Uint8Array, numbers: Int32Array): Vector<Utf8> {
  // The prefixes' bytes side by side, each at a multiple of `stride`: a copy reads one array.
  const encoded = prefixes.map((prefix) => encoder.encode(prefix));
  const lengths = Int32Array.from(encoded, (bytes) => bytes.length);
  const stride = Math.max(1, ...lengths);
  const prefixBytes = new Uint8Array(stride * encoded.length);
  encoded.forEach((bytes, k) => prefixBytes.set(bytes, k * stride));
  const length = numbers.length;
  const offsets = new Int32Array(length + 1);
  for (let row = 0; row < length; row++) {
    const number = numbers[row]!;
    offsets[row + 1] = offsets[row]! + (number >= 0 ? lengths[prefixOf[row]!]! + decimalDigits(number) : 0);
  }
  const data = new Uint8Array(offsets[length]!);
  for (let row = 0; row < length; row++) {
    let rest = numbers[row]!;
    if (rest < 0) continue;
    const prefix = prefixOf[row]!;
    let at = offsets[row]!;
    for (let k = prefix * stride, end = k + lengths[prefix]!; k < end; k++) data[at++] = prefixBytes[k]!;
    // The digits, from the last.
    for (at = offsets[row + 1]! - 1; ; at--) {
      data[at] = 48 + (rest % 10);
      rest = (rest / 10) | 0;
      if (rest === 0) break;
    }
  }
  return makeVector(makeData({type: new Utf8(), length, valueOffsets: offsets, data, ...validity(numbers)}));
}

/** How many decimal digits a non-negative 32-bit integer has. */
function decimalDigits(n: number): number {
  let digits = 1;
  for (let bound = 10; n >= bound && digits < 10; bound *= 10) digits++;
  return digits;
}

/** The numbers `first`, `first` + 1, … : `count` of them. */
function numbersFrom(first: number, count: number): Int32Array {
  // A loop: `Int32Array.from` with a mapping function took 18-20 ms for half a million posts, this 1-3 ms.
  const numbers = new Int32Array(count);
  for (let i = 0; i < count; i++) numbers[i] = first + i;
  return numbers;
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
 * The text of each post from `first` on, the value `warehouse-sql.ts` gives it: none without a template or a topic,
 * the template with the topic's hashtag otherwise, and the mentioned handle or the post's link filled in where the
 * template has one. The texts that differ only by template and topic are shared, so only mentions and links cost a
 * string per post.
 */
function postTexts(world: World, first: number): Vector<Dictionary<Utf8, Int32>> {
  const {template, topic, mention} = world.posts;
  const texts: string[] = [];
  for (const name of TEMPLATES) for (const tag of TOPICS) texts.push(renderText(name, 0, tag));
  const indexes = new Int32Array(template.length - first);
  for (let post = first; post < template.length; post++) {
    const t = template[post]!;
    const tag = topic[post]!;
    const row = post - first;
    if (t < 0 || tag < 0) indexes[row] = -1;
    else if (TEMPLATES[t]!.includes("{handle}")) {
      const mentioned = mention[post]!;
      if (mentioned < 0) indexes[row] = -1;
      else
        indexes[row] = texts.push(renderText(TEMPLATES[t]!, post, TOPICS[tag], world.population.handle[mentioned])) - 1;
    } else if (TEMPLATES[t]!.includes("{link}")) {
      indexes[row] = texts.push(renderText(TEMPLATES[t]!, post, TOPICS[tag])) - 1;
    } else indexes[row] = t * TOPICS.length + tag;
  }
  return lookup(utf8(texts), indexes);
}

/**
 * The topics of each post from `first` on: its one topic as a list, for a post with a template and a topic; NULL
 * otherwise.
 */
function postTopics(world: World, first: number): Vector<List<Dictionary<Utf8, Int32>>> {
  const template = world.posts.template.subarray(first);
  const topic = world.posts.topic.subarray(first);
  const tagged = new Int32Array(topic.length);
  const offsets = new Int32Array(topic.length + 1);
  const tags = new Int32Array(topic.length);
  for (let row = 0; row < topic.length; row++) {
    tagged[row] = template[row]! >= 0 ? topic[row]! : -1;
    if (tagged[row]! >= 0) tags[offsets[row]!] = tagged[row]!;
    offsets[row + 1] = offsets[row]! + (tagged[row]! >= 0 ? 1 : 0);
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

/** The tables a world is loaded into (`worldTables` gives their load order). */
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
const createSql = (networks: readonly string[], name: WorldTableName): string => {
  if (name === WORLD_RELATIONS.codes) return `CREATE TABLE ${name} (${ACCOUNT_CODES_COLUMNS})`;
  if (name === WORLD_RELATIONS.followEdges) return `CREATE TABLE ${name} (${FOLLOW_EDGES_COLUMNS})`;
  if (name === WORLD_RELATIONS.interactions) {
    const columns = indexedInteractionsColumns({
      kind: sortedEnum(INTERACTION_KINDS),
      network: sortedEnum(networks)
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
 * The actors and targets of the interactions from `first` on as account codes, and their UTC days (`utcDay`).
 *
 * @throws Error when an interaction names no account of the world: the view of the canonical interactions would
 * leave it out.
 */
function indexedColumns(world: World, code: Int32Array, first: number) {
  const {actor, target, time} = world.interactions;
  const count = code.length;
  const rows = actor.length - first;
  const actors = new Int32Array(rows);
  const targets = new Int32Array(rows);
  const day = new Int32Array(rows);
  for (let row = 0; row < rows; row++) {
    const a = actor[first + row]!;
    const t = target[first + row]!;
    if (!(a >= 0 && a < count && t >= 0 && t < count)) {
      throw new Error(
        `simulation/wasm-writer: interaction ${first + row} names an account outside the world (${a} -> ${t})`
      );
    }
    actors[row] = code[a]!;
    targets[row] = code[t]!;
    day[row] = Math.floor(Math.floor(time[first + row]!) / DAY_MS);
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

function worldTable(world: World, name: WorldTableName, rows: number, build: () => Table): WorldTable {
  let encoded: Uint8Array | undefined;
  return {
    name,
    create: createSql(world.networks, name),
    rows,
    build,
    stream: () => (encoded ??= tableToIPC(build(), "stream"))
  };
}

/** What every table of a world's accounts refers to: their ids (the accounts table's column) and codes. */
interface AccountKeys {
  accountIds: Vector<Utf8>;
  code: Int32Array;
}

/** The accounts' keys by population: the world of each stage shares its population with the whole world. */
const accountKeys = new WeakMap<Population, AccountKeys>();

function accountKeysOf(world: World): AccountKeys {
  let keys = accountKeys.get(world.population);
  if (!keys) {
    const accountIds = decimalIds(
      world.networks.map((network) => `${network}:`),
      world.population.network,
      numbersFrom(0, world.population.count)
    );
    keys = {accountIds, code: accountCodes(accountIds)};
    accountKeys.set(world.population, keys);
  }
  return keys;
}

/**
 * Per post, the network of its author; `known` holds those of the first posts already (a staged load's earlier
 * parts), which are copied rather than looked up again.
 */
function postNetworks(world: World, known: Uint8Array = new Uint8Array(0)): Uint8Array {
  const {author} = world.posts;
  const network = new Uint8Array(author.length);
  network.set(known);
  for (let post = known.length; post < author.length; post++) network[post] = world.population.network[author[post]!]!;
  return network;
}

/**
 * The post ids of a table's rows, written out row by row (`decimalIds`) for posts whose authors' networks are
 * `networks` (`postNetworks`), from which the ids take their prefixes: `own` the ids of the posts from `first` on
 * (the posts table's own column), `named` a column whose row i is the id of post `posts[i]`, NULL where that is
 * negative.
 */
interface PostIds {
  networks: Uint8Array;
  own(first: number): Vector<Utf8>;
  named(posts: Int32Array): Vector<Utf8>;
}

function postIds(networkOfPost: Uint8Array, networks: readonly string[]): PostIds {
  const prefixes = networks.map((name) => `${name}:p`);
  return {
    networks: networkOfPost,
    own: (first) =>
      decimalIds(prefixes, networkOfPost.subarray(first), numbersFrom(first, networkOfPost.length - first)),
    named: (posts) => {
      const network = new Uint8Array(posts.length);
      for (let row = 0; row < posts.length; row++) {
        const post = posts[row]!;
        if (post >= 0) network[row] = networkOfPost[post]!;
      }
      return decimalIds(prefixes, network, posts);
    }
  };
}

/**
 * The tables whose rows are final once the accounts and their follow graph are (`WorldStage` "accounts"): every
 * table but the posts and the interactions.
 */
function accountTables(world: World): WorldTable[] {
  const p = world.population;
  const {follows} = world;
  const {accountIds, code} = accountKeysOf(world);
  const personIds = Array.from(p.person, (person, i) => (p.multi[i] === 1 ? `person:${person}` : null));
  const multi = Int32Array.from({length: p.count}, (_, i) => i).filter((i) => p.multi[i] === 1);
  const edgeCount = followEdgeCount(world);
  return [
    worldTable(
      world,
      "accounts",
      p.count,
      () =>
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
    ),
    worldTable(
      world,
      WORLD_RELATIONS.codes,
      p.count,
      () => new Table({account_id: accountIds, account: makeVector(code)})
    ),
    worldTable(
      world,
      "follows",
      follows.follower.length,
      () =>
        new Table({
          follower_id: lookup(accountIds, follows.follower),
          followee_id: lookup(accountIds, follows.followee),
          network: networkOf(world, follows.follower),
          since: timestamps(follows.since)
        })
    ),
    worldTable(world, WORLD_RELATIONS.followEdges, edgeCount, () => {
      const {source, target} = followEdges(world, code, edgeCount);
      return new Table({source: makeVector(source), target: makeVector(target)});
    }),
    worldTable(
      world,
      "identities",
      multi.length,
      () =>
        new Table({
          person_id: utf8(Array.from(multi, (i) => personIds[i]!)),
          account_id: lookup(accountIds, multi)
        })
    ),
    worldTable(
      world,
      "truth",
      p.count,
      () =>
        new Table({
          account_id: accountIds,
          influence: makeVector(p.influence),
          role: codes(world.roles, p.role)
        })
    )
  ];
}

/** The rows of the posts table from post `first` on. */
function postsTable(world: World, first: number, ids: PostIds): WorldTable {
  const {posts} = world;
  const {accountIds} = accountKeysOf(world);
  const network = ids.networks.subarray(first);
  return worldTable(
    world,
    "posts",
    posts.author.length - first,
    () =>
      new Table({
        post_id: ids.own(first),
        account_id: lookup(accountIds, posts.author.subarray(first)),
        network: codes(world.networks, network),
        created_at: timestamps(posts.time.subarray(first)),
        kind: codes(POST_KIND_NAMES, posts.kind.subarray(first)),
        parent_post_id: ids.named(posts.parent.subarray(first)),
        root_post_id: ids.named(posts.root.subarray(first)),
        lang: codes(
          ["en"],
          posts.template.subarray(first).map((t) => (t >= 0 ? 0 : -1))
        ),
        topics: postTopics(world, first),
        text: postTexts(world, first)
      })
  );
}

/** The rows of the indexed interactions (`scoring/features/indexed.ts`) from interaction `first` on. */
function interactionsTable(world: World, first: number, ids: PostIds): WorldTable {
  const {interactions} = world;
  return worldTable(world, WORLD_RELATIONS.interactions, interactions.actor.length - first, () => {
    const {actor, target, day} = indexedColumns(world, accountKeysOf(world).code, first);
    return new Table({
      actor: makeVector(actor),
      target: makeVector(target),
      kind: codes(INTERACTION_KIND_NAMES, interactions.kind.subarray(first)),
      ts: timestamps(interactions.time.subarray(first)),
      day: makeVector(day),
      network: networkOf(world, interactions.actor.subarray(first)),
      post_id: ids.named(interactions.post.subarray(first))
    });
  });
}

/**
 * The tables of `world` as Arrow tables, in the order they are loaded: every canonical table but the interactions,
 * columns in the schema's order, with the account codes and the follow edges after the follows; then the posts and
 * the indexed interactions in the canonical interactions' place (WORLD_RELATIONS), columns as
 * `scoring/features/indexed.ts` and `scoring/graphs.ts` declare them.
 */
export function worldTables(world: World): WorldTable[] {
  const ids = postIds(postNetworks(world), world.networks);
  return [...accountTables(world), postsTable(world, 0, ids), interactionsTable(world, 0, ids)];
}

/** The view of `db` that scores a loaded world: it reads the loaded relations instead of making them. */
const scoringView = (db: Db) => withFollowEdges(withIndexedRelations(db, WORLD_RELATIONS), WORLD_RELATIONS.followEdges);

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
  return scoringView(db);
}

/**
 * A world loaded into duckdb-wasm while it is generated (`generateWorldInStages`): `take` hands the engine the rows
 * of a stage's world that it has not taken yet, and returns at once, so the engine appends them while the generator
 * goes on; `finish` appends the rest of the whole world and returns what `loadWorldWasm` returns.
 */
export interface WorldLoad {
  take(world: World): void;
  /** `onLoaded` is called with the share of all the world's rows appended, from the rows appended so far. */
  finish(world: World, onLoaded?: (fraction: number) => void): Promise<Db>;
}

/**
 * Creates the tables of a world whose networks are `networks` in duckdb-wasm (`db`, and `connection` the same
 * connection), and the view of its canonical interactions, for a load in stages.
 */
export async function startWorldLoad(db: Db, connection: ArrowTarget, networks: readonly string[]): Promise<WorldLoad> {
  for (const name of WORLD_TABLE_NAMES) await db.query(createSql(networks, name));
  await db.query(INTERACTIONS_VIEW_SQL);
  const appends: Promise<unknown>[] = [];
  let total = 0;
  let appended = 0;
  let report = (_fraction: number) => {};
  let accountsTaken = false;
  let postsTaken = 0;
  // Each append is sent at once: the engine's worker takes them in the order they come.
  const append = (tables: readonly WorldTable[]) => {
    for (const {name, rows, stream} of tables) {
      total += rows;
      const done = Promise.resolve(connection.insertArrowFromIPCStream(stream(), {name, create: false})).then(() => {
        appended += rows;
        report(appended / total);
      });
      // Awaited by `finish`; until then a failure must not count as unhandled.
      done.catch(() => {});
      appends.push(done);
    }
  };
  let interactionsTaken = 0;
  let networkOfPost: Uint8Array = new Uint8Array(0);
  const take = (world: World) => {
    if (!accountsTaken) append(accountTables(world));
    accountsTaken = true;
    const {posts, interactions} = world;
    networkOfPost = postNetworks(world, networkOfPost);
    const ids = postIds(networkOfPost, world.networks);
    if (posts.author.length > postsTaken) append([postsTable(world, postsTaken, ids)]);
    postsTaken = posts.author.length;
    if (interactions.actor.length > interactionsTaken) append([interactionsTable(world, interactionsTaken, ids)]);
    interactionsTaken = interactions.actor.length;
  };
  return {
    take,
    async finish(world, onLoaded = () => {}) {
      take(world);
      report = onLoaded;
      report(appended / total);
      await Promise.all(appends);
      return scoringView(db);
    }
  };
}

/** Drops what `loadWorldWasm` made, whatever of it there is, so the engine can take another world. */
export async function dropWorldWasm(db: Db): Promise<void> {
  await db.query("DROP VIEW IF EXISTS interactions");
  for (const name of WORLD_TABLE_NAMES) await db.query(`DROP TABLE IF EXISTS ${name}`);
}

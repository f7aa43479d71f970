/**
 * A warehouse is a folder holding one Parquet file per canonical table, `manifest.json` (schema version,
 * sources, import report) and `rejects.csv` (every rejected record with its file, line and reason).
 * Native DuckDB writes and reads it; `exportDuckDbFile` turns it into one `.duckdb` file for the browser.
 */
import {closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, rmSync, writeFileSync} from "node:fs";
import {join, resolve} from "node:path";
import type {DuckDBAppender} from "@duckdb/node-api";
import {openNodeDb, type NodeDb} from "./node-db.js";
import {compressionOf} from "./input.js";
import {fileBytes} from "./node-input.js";
import {plainLines} from "./plain-lines.js";
import {
  SourceRecorder,
  type RecorderOptions,
  type Edge,
  type EdgeFile,
  type EdgeFileStored,
  type Rejection,
  type RowStore,
  type Sink,
  type SourceReport
} from "./report.js";
import {TABLE_NAMES, SCHEMA_VERSION, columnsOf, type Account, type TableName, type TableRow} from "./schema.js";
import {DECODED_SQL, EdgeStaging, HandleCodes, numericHandle} from "./staging.js";
import {TableAppender, createCanonicalTables} from "./tables.js";

export const MANIFEST_FILE = "manifest.json";

/** Account columns a later row may fill (column names come from the schema, never from input). */
const FILLABLE_ACCOUNT_COLUMNS = columnsOf("accounts").filter((column) => column !== "account_id") as (keyof Account)[];
export const REJECTS_FILE = "rejects.csv";

export interface Manifest {
  schema_version: number;
  tables: Record<TableName, {file: string; rows: number}>;
  sources: SourceReport[];
}

export class WarehouseError extends Error {
  override name = "WarehouseError";
}

export interface WarehouseWriterOptions extends RecorderOptions {
  /** Add to an existing warehouse instead of refusing to touch it. */
  append?: boolean;
}

const COLON = 58;

/** A network of edges: its code, and the staged codes of its accounts by handle. */
interface EdgeNetwork {
  readonly name: string;
  readonly code: number;
  readonly handles: HandleCodes;
}

/** What an account id stands for in the writer, by its code. */
const enum AccountState {
  /** Not an account (a network or kind name), or not seen yet. */
  None = 0,
  /** In the warehouse before this run (`--append`): later rows may only fill its empty columns. */
  Prior = 1,
  /** First seen in an edge: nothing known but network and handle, staged at `finish()`. */
  Edge = 2,
  /** First seen as a row: held whole until `finish()` so that later rows can fill its empty columns. */
  Held = 3
}

/**
 * Writes canonical rows into a warehouse folder; `finish()` writes the files. Rows arrive one by one (`write`),
 * appended at once, or as edges (`writeEdge`), staged as codes (`staging.ts`). Every account has a staged code,
 * so whether an account is stored is the same lookup that encodes it: a code of `_strings`, whose state is kept
 * by code, or for an edge account with a numeric handle its number (a negative code), an edge account.
 */
export class WarehouseWriter implements Sink {
  readonly dir: string;
  readonly sources: SourceReport[];
  readonly #db: NodeDb;
  readonly #rows: TableAppender;
  readonly #rejects: DuckDBAppender;
  readonly #staging: EdgeStaging;
  readonly #posts = new Set<string>();
  /** `AccountState` by code, and for edge accounts the code of their network. */
  #accountStates = new Uint8Array(1 << 16);
  #accountNetworks = new Int32Array(1 << 16);
  /** The names of the networks of edge accounts, by code. */
  readonly #networkNames = new Map<number, string>();
  /** Accounts first seen as rows in this run, by code. */
  readonly #accounts = new Map<number, Account>();
  /** Later rows about accounts already in the warehouse before this run (`--append`). */
  readonly #accountFills: Account[] = [];
  readonly #options: RecorderOptions;
  readonly #store: RowStore;
  /** The networks of edges by name. */
  readonly #edgeNetworks = new Map<string, EdgeNetwork>();
  /** The network and kind of the last edge: they rarely change from one edge to the next. */
  #lastNetwork: EdgeNetwork | undefined;
  #lastKind: {name: string; code: number} | undefined;
  /** How many edge accounts were added so far. */
  #edgeAccountsAdded = 0;

  private constructor(
    dir: string,
    db: NodeDb,
    rows: TableAppender,
    rejects: DuckDBAppender,
    staging: EdgeStaging,
    sources: SourceReport[],
    options: RecorderOptions
  ) {
    this.dir = dir;
    this.#db = db;
    this.#rows = rows;
    this.#rejects = rejects;
    this.#staging = staging;
    this.sources = sources;
    this.#options = options;
    this.#store = {
      write: (tableRow) => this.#write(tableRow),
      writeEdge: (edge) => this.#writeEdge(edge),
      writeEdgeFile: (edges) => this.#writeEdgeFile(edges),
      has: (table, id) => (table === "posts" ? this.#posts.has(id) : this.#accountState(id) !== AccountState.None),
      mergeAccount: (row) => this.#mergeAccount(row),
      reject: (rejection) => this.#reject(rejection)
    };
  }

  /**
   * Opens a writer on `dir`. Without `append`, an existing warehouse there is an error (nothing is
   * overwritten silently); with it, the new rows are added to the existing ones.
   */
  static async create(
    dir: string,
    {append = false, ...options}: WarehouseWriterOptions = {}
  ): Promise<WarehouseWriter> {
    const exists = existsSync(join(dir, MANIFEST_FILE));
    if (exists && !append) {
      throw new WarehouseError(`${dir} already holds a warehouse; pass --append to add to it or choose another --out`);
    }
    const db = await openNodeDb();
    await createCanonicalTables(db);
    await db.run("CREATE TABLE _rejects (source VARCHAR, line BIGINT, reason VARCHAR, record VARCHAR)");
    let sources: SourceReport[] = [];
    if (exists) {
      const manifest = readManifest(dir);
      sources = manifest.sources;
      for (const table of TABLE_NAMES) {
        await db.run(`INSERT INTO ${table} SELECT * FROM read_parquet(?)`, [join(dir, manifest.tables[table].file)]);
      }
      if (existsSync(join(dir, REJECTS_FILE))) {
        await db.run("INSERT INTO _rejects SELECT * FROM read_csv(?, header = true, all_varchar = false)", [
          join(dir, REJECTS_FILE)
        ]);
      }
    }
    const writer = new WarehouseWriter(
      dir,
      db,
      await new TableAppender(db).open(),
      await db.connection.createAppender("_rejects"),
      await EdgeStaging.create(db),
      sources,
      options
    );
    if (exists) {
      for (const row of await db.query<{account_id: string}>("SELECT account_id FROM accounts")) {
        writer.#setAccountState(writer.#staging.code(row.account_id), AccountState.Prior);
      }
      for (const row of await db.query<{post_id: string}>("SELECT post_id FROM posts")) writer.#posts.add(row.post_id);
    }
    return writer;
  }

  /** Starts the report of one input file. */
  source(format: string, file: string): SourceRecorder {
    const recorder = new SourceRecorder(format, file, this.#store, this.#options);
    this.sources.push(recorder.report);
    return recorder;
  }

  /** The code of the account `id`, looked up among the accounts from rows, then among those from edges. */
  #findAccount(id: string): number | undefined {
    const code = this.#staging.find(id);
    if (code !== undefined) return code;
    const network = this.#edgeNetworkOf(id);
    return network?.handles.get(id.slice(network.name.length + 1));
  }

  /** The edge network whose name, then a colon, begins `id`. */
  #edgeNetworkOf(id: string): EdgeNetwork | undefined {
    for (const network of this.#edgeNetworks.values()) {
      const name = network.name;
      if (id.length > name.length && id.charCodeAt(name.length) === COLON && id.startsWith(name)) return network;
    }
    return undefined;
  }

  #accountState(id: string): AccountState {
    const code = this.#findAccount(id);
    if (code === undefined) return AccountState.None;
    if (code < 0) return AccountState.Edge;
    return code >= this.#accountStates.length ? AccountState.None : this.#accountStates[code]!;
  }

  #setAccountState(code: number, state: AccountState): void {
    if (code >= this.#accountStates.length) {
      const grown = new Uint8Array(this.#accountStates.length * 2);
      grown.set(this.#accountStates);
      this.#accountStates = grown;
      const networks = new Int32Array(grown.length);
      networks.set(this.#accountNetworks);
      this.#accountNetworks = networks;
    }
    this.#accountStates[code] = state;
  }

  #write(tableRow: TableRow): void {
    if (tableRow.table === "accounts") {
      const code = this.#staging.code(tableRow.row.account_id);
      this.#setAccountState(code, AccountState.Held);
      this.#accounts.set(code, {...tableRow.row});
      return;
    }
    if (tableRow.table === "posts") this.#posts.add(tableRow.row.post_id);
    this.#rows.appendValid(tableRow.table, tableRow.row);
  }

  #writeEdge(edge: Edge): 0 | 1 | 2 {
    const staging = this.#staging;
    let network = this.#lastNetwork;
    if (edge.network !== network?.name) network = this.#lastNetwork = this.#edgeNetwork(edge.network);
    let kind = this.#lastKind;
    if (edge.kind !== kind?.name) kind = this.#lastKind = {name: edge.kind, code: staging.label(edge.kind)};
    const accountsBefore = this.#edgeAccountsAdded;
    const actor = network.handles.get(edge.actor) ?? this.#edgeAccount(network, edge.actor);
    const target = network.handles.get(edge.target) ?? this.#edgeAccount(network, edge.target);
    const edges = staging.edges;
    const [ts, networks, actors, targets, kinds, weights] = edges.columns as number[][];
    const row = edges.rows;
    ts![row] = edge.ts;
    networks![row] = network.code;
    actors![row] = actor;
    targets![row] = target;
    kinds![row] = kind.code;
    (weights as (number | null)[])[row] = edge.weight;
    edges.commit();
    if (edge.follow) {
      const follows = staging.follows;
      const [followers, followees, followNetworks, since] = follows.columns as number[][];
      const row = follows.rows;
      followers![row] = actor;
      followees![row] = target;
      followNetworks![row] = network.code;
      (since as (number | null)[])[row] = edge.since;
      follows.commit();
    }
    return (this.#edgeAccountsAdded - accountsBefore) as 0 | 1 | 2;
  }

  /**
   * Stores the edges of a file that DuckDB reads itself, many times faster than line by line: the file's bytes
   * are checked for the plain form (`plainLines`), which also counts its lines and gathers its node ids; DuckDB
   * then reads it with its types only when the Parquet files are written (`EdgeStaging.addEdgeFile`), and not at
   * all when a line is not plain. Its accounts are taken one by one as from an edge (`#edgeAccount`). Plain and
   * gzip files only: DuckDB's zstd reader accepts what `loaders/input.ts` refuses.
   */
  async #writeEdgeFile(edges: EdgeFile): Promise<EdgeFileStored | undefined> {
    const path = edges.file.path;
    const compression = path === undefined ? undefined : duckDbCompression(path);
    if (path === undefined || compression === undefined) return undefined;
    const plain = await plainLines(fileBytes(path, compression === "gzip"), edges).catch(() => undefined);
    const rows = plain ? plain.lines - (edges.firstLine - 1) : 0;
    if (!plain || rows <= 0) return undefined;
    const staging = this.#staging;
    const network = this.#edgeNetwork(edges.network);
    const kind =
      typeof edges.kind === "string"
        ? staging.label(edges.kind)
        : new Map(Object.entries(edges.kind).map(([name, kind]) => [name, staging.label(kind)]));
    await staging.addEdgeFile({path, compression, edges, network: network.code, kind, rows});
    const accountsBefore = this.#edgeAccountsAdded;
    const add = (id: number) => {
      const handle = String(id);
      if (network.handles.get(handle) === undefined) this.#edgeAccount(network, handle);
    };
    plain.first.forEach(add);
    const firstEdgeAdded = this.#edgeAccountsAdded > accountsBefore;
    plain.ids.forEach(add);
    return {edges: rows, accountsAdded: this.#edgeAccountsAdded - accountsBefore, firstEdgeAdded};
  }

  /** The code of an edge network, and its accounts' codes by handle. */
  #edgeNetwork(name: string): EdgeNetwork {
    let network = this.#edgeNetworks.get(name);
    if (!network) {
      network = {name, code: this.#staging.label(name), handles: new HandleCodes()};
      this.#edgeNetworks.set(name, network);
      this.#networkNames.set(network.code, name);
    }
    return network;
  }

  /**
   * The staged code of the account `<network>:<handle>`, the first time an edge names it: a new edge account
   * unless a row made it an account already. Edges look accounts up by handle, which saves building the id each
   * time; a new account with a numeric handle is staged as its number, with no string at all.
   */
  #edgeAccount(network: EdgeNetwork, handle: string): number {
    const id = `${network.name}:${handle}`;
    // An account from a row, or from before this run, has its code already.
    let code = this.#staging.find(id);
    if (code === undefined) {
      const number = numericHandle(handle);
      if (number >= 0) {
        network.handles.set(handle, -1 - number);
        this.#edgeAccountsAdded++;
        return -1 - number;
      }
      code = this.#staging.add(id);
    }
    // The key is cut from the id, which is kept anyway, rather than from a line of the input, which it would keep.
    network.handles.set(id.slice(network.name.length + 1), code);
    if (code >= this.#accountStates.length || this.#accountStates[code] === AccountState.None) {
      this.#setAccountState(code, AccountState.Edge);
      this.#accountNetworks[code] = network.code;
      this.#edgeAccountsAdded++;
    }
    return code;
  }

  #mergeAccount(row: Account): void {
    let code = this.#findAccount(row.account_id)!;
    if (code >= 0 && this.#accountStates[code] === AccountState.Prior) {
      this.#accountFills.push(row);
      return;
    }
    let held = code < 0 ? undefined : this.#accounts.get(code);
    if (!held) {
      // An edge account gains columns only from a row that has more than an edge's.
      if (
        !FILLABLE_ACCOUNT_COLUMNS.some((column) => column !== "network" && column !== "handle" && row[column] != null)
      )
        return;
      let network: string;
      if (code < 0) {
        // An account staged as its number is held by a code of its own from now on; its edges keep the number.
        const edgeNetwork = this.#edgeNetworkOf(row.account_id)!;
        network = edgeNetwork.name;
        code = this.#staging.code(row.account_id);
        edgeNetwork.handles.set(row.account_id.slice(network.length + 1), code);
      } else network = this.#networkNames.get(this.#accountNetworks[code]!)!;
      held = {account_id: row.account_id, network, handle: row.account_id.slice(network.length + 1)};
      this.#accounts.set(code, held);
      this.#setAccountState(code, AccountState.Held);
    }
    const target = held as Record<string, unknown>;
    for (const [column, value] of Object.entries(row)) {
      if (value !== null && value !== undefined && (target[column] === null || target[column] === undefined)) {
        target[column] = value;
      }
    }
  }

  #reject(rejection: Rejection): void {
    const a = this.#rejects;
    a.appendVarchar(rejection.source);
    a.appendBigInt(BigInt(rejection.line));
    a.appendVarchar(rejection.reason);
    a.appendVarchar(rejection.record);
    a.endRow();
  }

  /** Fills the empty columns of an account written by an earlier import. */
  async #fillAccount(row: Account): Promise<void> {
    const columns = FILLABLE_ACCOUNT_COLUMNS.filter((column) => row[column] !== null && row[column] !== undefined);
    if (columns.length === 0) return;
    const assignments = columns.map((column) => `${column} = coalesce(${column}, ?)`).join(", ");
    const values = columns.map((column) => {
      const value = row[column]!;
      return value instanceof Date ? value.toISOString() : value;
    });
    await this.#db.run(`UPDATE accounts SET ${assignments} WHERE account_id = ?`, [...values, row.account_id]);
  }

  /** Closes the writer without writing anything (after a failed import). */
  abandon(): void {
    this.#db.close();
  }

  /** Writes the Parquet files, `rejects.csv` and the manifest, and closes the writer. */
  async finish(): Promise<Manifest> {
    for (const account of this.#accounts.values()) this.#rows.appendValid("accounts", account);
    this.#rows.close();
    const staged = this.#staging.accounts;
    const [accounts, networks] = staged.columns;
    for (let code = 0; code < this.#staging.size; code++) {
      if (this.#accountStates[code] !== AccountState.Edge) continue;
      accounts![staged.rows] = code;
      networks![staged.rows] = this.#accountNetworks[code]!;
      staged.commit();
    }
    for (const network of this.#edgeNetworks.values()) {
      network.handles.forEachNumbered((code) => {
        accounts![staged.rows] = code;
        networks![staged.rows] = network.code;
        staged.commit();
      });
    }
    this.#staging.close();
    this.#rejects.closeSync();
    try {
      const db = this.#db;
      for (const row of this.#accountFills) await this.#fillAccount(row);
      // The edges' rows are decoded on the way into the Parquet files, never held as strings.
      for (const table of ["accounts", "interactions", "follows"] as const) {
        await db.run(`ALTER TABLE ${table} RENAME TO _${table}_rows`);
        await db.run(`CREATE VIEW ${table} AS SELECT * FROM _${table}_rows UNION ALL ${DECODED_SQL[table]}`);
      }
      // DuckDB reads the edge files only now: its rows of them must be the lines `plainLines` counted.
      const count = async (table: string) =>
        (await db.query<{rows: number}>(`SELECT count(*) AS rows FROM ${table}`))[0]!.rows;
      const expected = {
        interactions: (await count("_interactions_rows")) + (await count("_staging._edges")) + this.#staging.fileEdges,
        follows: (await count("_follows_rows")) + (await count("_staging._edge_follows")) + this.#staging.fileFollows
      };
      return await writeWarehouseFiles(db, this.dir, this.sources, "_rejects", expected);
    } finally {
      this.#db.close();
    }
  }
}

/** How DuckDB is to read the file at `path`, by its first bytes as `openBytes` tells: undefined for zstd. */
function duckDbCompression(path: string): "gzip" | "none" | undefined {
  const head = new Uint8Array(4);
  const fd = openSync(path, "r");
  try {
    readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  const compression = compressionOf(head);
  return compression === "zstd" ? undefined : compression;
}

/**
 * How the Parquet files are written: zstd at its fastest level, with no dictionary pages. On the Higgs tables
 * this takes 40–50% less CPU time than zstd's default level with dictionaries, for files 8% larger: ids, nearly
 * all distinct within a row group, overflow a dictionary anyway, and zstd packs the few repeated names (networks,
 * kinds) nearly as well as a dictionary would.
 */
const PARQUET_OPTIONS = "COMPRESSION zstd, COMPRESSION_LEVEL 1, DICTIONARY_SIZE_LIMIT 1";

/**
 * Writes the canonical tables of `db` into the warehouse folder `dir`: one Parquet file per table,
 * `rejects.csv` (from the table `rejectsTable`, or header only) and `manifest.json` listing `sources`. A table
 * whose rows are not its `expectedRows` is an error, and then no manifest is written.
 */
export async function writeWarehouseFiles(
  db: NodeDb,
  dir: string,
  sources: SourceReport[],
  rejectsTable?: string,
  expectedRows: Partial<Record<TableName, number>> = {}
): Promise<Manifest> {
  mkdirSync(dir, {recursive: true});
  const tables = {} as Manifest["tables"];
  for (const table of TABLE_NAMES) {
    const file = `${table}.parquet`;
    // A query rather than a table name, so that a table may also be a view; COPY returns the rows written.
    const [{Count: rows}] = (await db.query<{Count: number}>(
      `COPY (SELECT * FROM ${table}) TO ? (FORMAT parquet, ${PARQUET_OPTIONS})`,
      [join(dir, file)]
    )) as [{Count: number}];
    const expected = expectedRows[table];
    if (expected !== undefined && rows !== expected) {
      throw new WarehouseError(`${table}: DuckDB wrote ${rows} rows where ${expected} were read`);
    }
    tables[table] = {file, rows};
  }
  const rejectsPath = join(dir, REJECTS_FILE);
  if (rejectsTable) await db.run(`COPY (SELECT * FROM ${rejectsTable}) TO ? (FORMAT csv, HEADER true)`, [rejectsPath]);
  else writeFileSync(rejectsPath, "source,line,reason,record\n");
  const manifest: Manifest = {schema_version: SCHEMA_VERSION, tables, sources};
  writeFileSync(join(dir, MANIFEST_FILE), JSON.stringify(manifest, null, 2) + "\n");
  return manifest;
}

export function readManifest(dir: string): Manifest {
  const path = join(dir, MANIFEST_FILE);
  if (!existsSync(path)) throw new WarehouseError(`${dir} is not a warehouse: ${MANIFEST_FILE} is missing`);
  let manifest: Manifest;
  try {
    manifest = JSON.parse(readFileSync(path, "utf8")) as Manifest;
  } catch (error) {
    throw new WarehouseError(`${path} is not valid JSON: ${(error as Error).message}`);
  }
  if (manifest.schema_version !== SCHEMA_VERSION) {
    throw new WarehouseError(
      `${path} has schema version ${manifest.schema_version}; this version of Sway reads version ${SCHEMA_VERSION}`
    );
  }
  for (const table of TABLE_NAMES) {
    if (!manifest.tables?.[table]) throw new WarehouseError(`${path} lists no file for table ${table}`);
  }
  return manifest;
}

/** Opens a warehouse in an in-memory native DuckDB, one table per canonical table. */
export async function openWarehouse(dir: string): Promise<{db: NodeDb; manifest: Manifest}> {
  const manifest = readManifest(dir);
  const db = await openNodeDb();
  await createCanonicalTables(db);
  for (const table of TABLE_NAMES) {
    await db.run(`INSERT INTO ${table} SELECT * FROM read_parquet(?)`, [join(dir, manifest.tables[table].file)]);
  }
  return {db, manifest};
}

/**
 * Copies a warehouse into a single DuckDB database file, the form the browser attaches fastest
 * (see STACK.md). The file is checkpointed and closed, so no write-ahead log is left behind.
 */
export async function exportDuckDbFile(dir: string, path: string): Promise<void> {
  const manifest = readManifest(dir);
  rmSync(path, {force: true});
  rmSync(`${path}.wal`, {force: true});
  const db = await openNodeDb(resolve(path));
  try {
    await createCanonicalTables(db);
    for (const table of TABLE_NAMES) {
      await db.run(`INSERT INTO ${table} SELECT * FROM read_parquet(?)`, [join(dir, manifest.tables[table].file)]);
    }
    await db.run("CHECKPOINT");
  } finally {
    db.close();
  }
}

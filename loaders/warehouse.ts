/**
 * A warehouse is a folder holding one Parquet file per canonical table, `manifest.json` (schema version,
 * sources, import report) and `rejects.csv` (every rejected record with its file, line and reason).
 * Native DuckDB writes and reads it; `exportDuckDbFile` turns it into one `.duckdb` file for the browser.
 */
import {existsSync, mkdirSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {join, resolve} from "node:path";
import type {DuckDBAppender} from "@duckdb/node-api";
import {openNodeDb, type NodeDb} from "./node-db.js";
import {
  SourceRecorder,
  type RecorderOptions,
  type Rejection,
  type RowStore,
  type Sink,
  type SourceReport
} from "./report.js";
import {TABLE_NAMES, SCHEMA_VERSION, columnsOf, type Account, type TableName, type TableRow} from "./schema.js";
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

/** Writes canonical rows into a warehouse folder; `finish()` writes the files. */
export class WarehouseWriter implements Sink {
  readonly dir: string;
  readonly sources: SourceReport[];
  readonly #db: NodeDb;
  readonly #rows: TableAppender;
  readonly #rejects: DuckDBAppender;
  readonly #ids = {accounts: new Set<string>(), posts: new Set<string>()};
  /** Accounts first seen in this run, held until `finish()` so later rows can fill their empty columns. */
  readonly #accounts = new Map<string, Account>();
  /** Later rows about accounts already in the warehouse before this run (`--append`). */
  readonly #accountFills: Account[] = [];
  readonly #options: RecorderOptions;
  readonly #store: RowStore;

  private constructor(
    dir: string,
    db: NodeDb,
    rows: TableAppender,
    rejects: DuckDBAppender,
    sources: SourceReport[],
    options: RecorderOptions
  ) {
    this.dir = dir;
    this.#db = db;
    this.#rows = rows;
    this.#rejects = rejects;
    this.sources = sources;
    this.#options = options;
    this.#store = {
      write: (tableRow) => this.#write(tableRow),
      has: (table, id) => this.#ids[table].has(id),
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
      sources,
      options
    );
    if (exists) {
      for (const row of await db.query<{account_id: string}>("SELECT account_id FROM accounts")) {
        writer.#ids.accounts.add(row.account_id);
      }
      for (const row of await db.query<{post_id: string}>("SELECT post_id FROM posts"))
        writer.#ids.posts.add(row.post_id);
    }
    return writer;
  }

  /** Starts the report of one input file. */
  source(format: string, file: string): SourceRecorder {
    const recorder = new SourceRecorder(format, file, this.#store, this.#options);
    this.sources.push(recorder.report);
    return recorder;
  }

  #write(tableRow: TableRow): void {
    if (tableRow.table === "accounts") {
      this.#ids.accounts.add(tableRow.row.account_id);
      this.#accounts.set(tableRow.row.account_id, {...tableRow.row});
      return;
    }
    if (tableRow.table === "posts") this.#ids.posts.add(tableRow.row.post_id);
    this.#rows.appendValid(tableRow.table, tableRow.row);
  }

  #mergeAccount(row: Account): void {
    const held = this.#accounts.get(row.account_id);
    if (!held) {
      this.#accountFills.push(row);
      return;
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
    for (const row of this.#accountFills) await this.#fillAccount(row);
    this.#rejects.closeSync();
    try {
      return await writeWarehouseFiles(this.#db, this.dir, this.sources, "_rejects");
    } finally {
      this.#db.close();
    }
  }
}

/**
 * Writes the canonical tables of `db` into the warehouse folder `dir`: one Parquet file per table,
 * `rejects.csv` (from the table `rejectsTable`, or header only) and `manifest.json` listing `sources`.
 */
export async function writeWarehouseFiles(
  db: NodeDb,
  dir: string,
  sources: SourceReport[],
  rejectsTable?: string
): Promise<Manifest> {
  mkdirSync(dir, {recursive: true});
  const tables = {} as Manifest["tables"];
  for (const table of TABLE_NAMES) {
    const file = `${table}.parquet`;
    await db.run(`COPY ${table} TO ? (FORMAT parquet, COMPRESSION zstd)`, [join(dir, file)]);
    const [{rows}] = (await db.query<{rows: number}>(`SELECT count(*) AS rows FROM ${table}`)) as [{rows: number}];
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

/**
 * Canonical tables inside a native DuckDB database, a row appender for importers, and a column appender for
 * bulk rows of numbers.
 */
import {DuckDBDataChunk, timestampValue, type DuckDBAppender, type DuckDBType} from "@duckdb/node-api";
import type {NodeDb} from "./node-db.js";
import {TABLES, TABLE_NAMES, createTableSql, validateRow, type RowOf, type TableName} from "./schema.js";

/** Creates every canonical table (empty) in `db`. */
export async function createCanonicalTables(db: NodeDb): Promise<void> {
  for (const table of TABLE_NAMES) await db.run(createTableSql(table, {ifNotExists: true}));
}

type ColumnWriter = (appender: DuckDBAppender, value: unknown) => void;

const writers: Record<string, ColumnWriter> = {
  VARCHAR: (a, v) => a.appendVarchar(v as string),
  BIGINT: (a, v) => a.appendBigInt(BigInt(v as number)),
  DOUBLE: (a, v) => a.appendDouble(v as number),
  BOOLEAN: (a, v) => a.appendBoolean(v as boolean),
  TIMESTAMP: (a, v) => a.appendTimestamp(timestampValue(BigInt((v as Date).getTime()) * 1000n)),
  "VARCHAR[]": (a, v) => a.appendList(v as string[])
};

/**
 * Appends canonical rows through DuckDB's appender (far faster than INSERT statements). Rows are validated
 * against the schema first; a bad row throws naming the table and column, before anything is appended.
 */
export class TableAppender {
  readonly #db: NodeDb;
  readonly #appenders = new Map<TableName, DuckDBAppender>();
  readonly counts: Partial<Record<TableName, number>> = {};

  constructor(db: NodeDb) {
    this.#db = db;
  }

  async open(): Promise<this> {
    for (const table of TABLE_NAMES) this.#appenders.set(table, await this.#db.connection.createAppender(table));
    return this;
  }

  append<T extends TableName>(table: T, row: RowOf<T>): void {
    const problem = validateRow(table, row as Record<string, unknown>);
    if (problem) throw new TypeError(`loaders/tables: ${problem}`);
    this.appendValid(table, row);
  }

  /** Appends a row already checked with `validateRow`. */
  appendValid<T extends TableName>(table: T, row: RowOf<T>): void {
    const appender = this.#appenders.get(table);
    if (!appender) throw new Error(`loaders/tables: appender for ${table} is not open`);
    const values = row as Record<string, unknown>;
    for (const [name, spec] of Object.entries(TABLES[table])) {
      const value = values[name];
      if (value === null || value === undefined) appender.appendNull();
      else writers[spec.type]!(appender, value);
    }
    appender.endRow();
    this.counts[table] = (this.counts[table] ?? 0) + 1;
  }

  /** Flushes and closes every appender; the rows are then visible to queries. */
  close(): void {
    for (const appender of this.#appenders.values()) appender.closeSync();
    this.#appenders.clear();
  }
}

/** Rows per chunk: DuckDB's vector size. */
const CHUNK_ROWS = 2048;

/** A value for `ColumnAppender`: a number for fixed-width columns, a string for VARCHAR. */
export type Cell = number | string | null;

/**
 * Appends rows to a DuckDB table a chunk at a time: the caller fills `columns[c][row]` for
 * `row = rows`, then calls `commit()`. Each full chunk crosses into DuckDB as one data chunk whose fixed-width
 * vectors (numbers) are copied in bulk, instead of one native call per value as with the row appender; a
 * VARCHAR vector still takes one call per string.
 */
export class ColumnAppender {
  /** The values of the chunk being filled, one array per column. */
  readonly columns: Cell[][];
  /** Rows filled in the current chunk. */
  rows = 0;
  readonly #appender: DuckDBAppender;
  readonly #types: readonly DuckDBType[];

  constructor(appender: DuckDBAppender, types: readonly DuckDBType[]) {
    this.#appender = appender;
    this.#types = types;
    this.columns = types.map(() => new Array<Cell>(CHUNK_ROWS).fill(null));
  }

  /** Ends the row just filled; a full chunk goes to DuckDB. */
  commit(): void {
    if (++this.rows === CHUNK_ROWS) this.flush();
  }

  /** Sends the rows filled so far to DuckDB. */
  flush(): void {
    const rows = this.rows;
    if (rows === 0) return;
    const chunk = DuckDBDataChunk.create(this.#types, rows);
    for (let c = 0; c < this.columns.length; c++) {
      const values = this.columns[c]!;
      chunk.setColumnValues(c, rows === CHUNK_ROWS ? values : values.slice(0, rows));
    }
    this.#appender.appendDataChunk(chunk);
    this.rows = 0;
  }

  /** Flushes and closes the appender; the rows are then visible to queries. */
  close(): void {
    this.flush();
    this.#appender.closeSync();
  }
}

/**
 * Canonical tables inside a native DuckDB database, and a fast row appender for importers.
 */
import {timestampValue, type DuckDBAppender} from "@duckdb/node-api";
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

/**
 * Canonical tables inside a native DuckDB database, and a fast row appender for importers.
 */
import {timestampValue, type DuckDBAppender} from "@duckdb/node-api";
import type {NodeDb} from "./node-db.js";
import {TABLES, TABLE_NAMES, createTableSql, type RowOf, type TableName} from "./schema.js";

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
    const appender = this.#appenders.get(table);
    if (!appender) throw new Error(`loaders/tables: appender for ${table} is not open`);
    const values = row as Record<string, unknown>;
    const columns = Object.entries(TABLES[table]);
    for (const [name, spec] of columns) checkValue(table, name, spec, values[name]);
    for (const [name, spec] of columns) {
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

function checkValue(
  table: string,
  column: string,
  spec: {type: string; nullable: boolean; values?: readonly string[]},
  value: unknown
): void {
  const where = `loaders/tables: ${table}.${column}`;
  if (value === null || value === undefined) {
    if (!spec.nullable) throw new TypeError(`${where} is required`);
    return;
  }
  const ok =
    spec.type === "VARCHAR"
      ? typeof value === "string"
      : spec.type === "TIMESTAMP"
        ? value instanceof Date && Number.isFinite(value.getTime())
        : spec.type === "BIGINT"
          ? Number.isSafeInteger(value)
          : spec.type === "DOUBLE"
            ? typeof value === "number" && Number.isFinite(value)
            : spec.type === "BOOLEAN"
              ? typeof value === "boolean"
              : Array.isArray(value) && value.every((v) => typeof v === "string");
  if (!ok) throw new TypeError(`${where} must be ${spec.type}, got ${show(value)}`);
  if (spec.values && !spec.values.includes(value as string)) {
    throw new TypeError(`${where} must be one of ${spec.values.join(", ")}, got ${show(value)}`);
  }
}

function show(value: unknown): string {
  return typeof value === "number" || value instanceof Date ? String(value) : JSON.stringify(value);
}

/**
 * The browser's sink for importers: the same `SourceRecorder` accounting as `WarehouseWriter` (every record
 * written, rejected with file, line and reason, or skipped), with the rows held in memory per canonical table and
 * loaded into duckdb-wasm by `finish`, one Arrow IPC stream per table. Nothing here touches `fs` or the network.
 *
 * Arrow rather than INSERT statements: duckdb-wasm takes a whole table in one call, and binds no list parameter
 * (`posts.topics`). Integers cross as doubles (exact: `validateRow` admits only safe integers) and timestamps as
 * milliseconds; `INSERT … SELECT` casts them to the canonical column types.
 */
import {Bool, Field, Float64, List, Table, TimestampMillisecond, Utf8, tableToIPC, vectorFromArray} from "apache-arrow";
import type {DataType} from "apache-arrow";
import {
  SourceRecorder,
  type RecorderOptions,
  type Rejection,
  type RowStore,
  type Sink,
  type SourceReport
} from "./report.js";
import {TABLES, TABLE_NAMES, createTableSql, type Account, type RowOf, type TableName} from "./schema.js";

/** The part of a duckdb-wasm connection (browser or Node blocking build) the writer uses. */
export interface ArrowConnection {
  query(sql: string): unknown;
  insertArrowFromIPCStream(buffer: Uint8Array, options: {name: string; create?: boolean}): unknown;
}

const ARROW_TYPES: Record<string, () => DataType> = {
  VARCHAR: () => new Utf8(),
  BIGINT: () => new Float64(),
  DOUBLE: () => new Float64(),
  BOOLEAN: () => new Bool(),
  TIMESTAMP: () => new TimestampMillisecond(),
  "VARCHAR[]": () => new List(new Field("item", new Utf8(), true))
};

/** Canonical rows in memory, with the import report of every file read into them. */
export class BrowserWriter implements Sink {
  readonly sources: SourceReport[] = [];
  /** Every rejected record, in the order met. */
  readonly rejects: Rejection[] = [];
  readonly #rows = new Map<TableName, Record<string, unknown>[]>(TABLE_NAMES.map((table) => [table, []]));
  /** Accounts by id, held whole so that later rows can fill their empty columns. */
  readonly #accounts = new Map<string, Account>();
  readonly #posts = new Set<string>();
  readonly #options: RecorderOptions;
  readonly #store: RowStore = {
    write: ({table, row}) => {
      if (table === "accounts") this.#accounts.set(row.account_id, {...row});
      else {
        if (table === "posts") this.#posts.add(row.post_id);
        this.#rows.get(table)!.push(row);
      }
    },
    has: (table, id) => (table === "posts" ? this.#posts.has(id) : this.#accounts.has(id)),
    mergeAccount: (row) => {
      const held = this.#accounts.get(row.account_id) as Record<string, unknown>;
      for (const [column, value] of Object.entries(row)) {
        if (value !== null && value !== undefined && (held[column] === null || held[column] === undefined)) {
          held[column] = value;
        }
      }
    },
    reject: (rejection) => void this.rejects.push(rejection)
  };

  constructor(options: RecorderOptions = {}) {
    this.#options = options;
  }

  /** Starts the report of one input file. */
  source(format: string, file: string): SourceRecorder {
    const recorder = new SourceRecorder(format, file, this.#store, this.#options);
    this.sources.push(recorder.report);
    return recorder;
  }

  /**
   * Creates the canonical tables on `connection` and loads the rows into them; returns the rows per table. The
   * writer's rows are released as each table is loaded.
   */
  async finish(connection: ArrowConnection): Promise<Record<TableName, number>> {
    this.#rows.set("accounts", [...this.#accounts.values()]);
    this.#accounts.clear();
    const counts = {} as Record<TableName, number>;
    for (const table of TABLE_NAMES) {
      await connection.query(createTableSql(table));
      const rows = this.#rows.get(table)!;
      this.#rows.set(table, []);
      counts[table] = rows.length;
      if (rows.length === 0) continue;
      const staging = `_upload_${table}`;
      await connection.insertArrowFromIPCStream(tableToIPC(arrowTable(table, rows), "stream"), {
        name: staging,
        create: true
      });
      await connection.query(`INSERT INTO ${table} SELECT * FROM ${staging}`);
      await connection.query(`DROP TABLE ${staging}`);
    }
    return counts;
  }
}

/** `rows` of `table` as an Arrow table whose columns are the canonical ones, in order. */
function arrowTable<T extends TableName>(table: T, rows: readonly Partial<RowOf<T>>[]): Table {
  const columns = Object.entries(TABLES[table]).map(([name, spec]) => {
    const values = rows.map((row) => (row as Record<string, unknown>)[name] ?? null);
    return [name, vectorFromArray(values, ARROW_TYPES[spec.type]!())] as const;
  });
  return new Table(Object.fromEntries(columns));
}

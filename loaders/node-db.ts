/**
 * The `Db` interface on native DuckDB (`@duckdb/node-api`), for the command line, tests and benchmarks.
 * Native DuckDB reads Parquet and JSON itself and uses every core.
 */
import {
  BIGINT,
  DOUBLE,
  DuckDBInstance,
  type DuckDBConnection,
  type DuckDBType,
  type DuckDBValue
} from "@duckdb/node-api";
import {normalizeValue, type Db, type Row, type Value} from "../scoring/db.js";

export interface NodeDb extends Db {
  readonly connection: DuckDBConnection;
  /** Runs a statement that returns nothing of interest (DDL, COPY, INSERT …). */
  run(sql: string, params?: readonly Value[]): Promise<void>;
  close(): void;
}

/** Opens a DuckDB database: in memory by default, or the file at `path`. */
export async function openNodeDb(path = ":memory:"): Promise<NodeDb> {
  const instance = await DuckDBInstance.create(path);
  const connection = await instance.connect();
  return {
    connection,
    async query<R extends Row = Row>(sql: string, params: readonly Value[] = []): Promise<R[]> {
      const {values, types} = bind(params);
      const reader = await connection.runAndReadAll(sql, values, types);
      const names = reader.columnNames();
      return reader.getRowsJS().map((values) => {
        const row: Row = {};
        names.forEach((name, i) => (row[name] = normalizeValue(values[i], name)));
        return row as R;
      });
    },
    async run(sql: string, params: readonly Value[] = []): Promise<void> {
      const {values, types} = bind(params);
      await connection.run(sql, values, types);
    },
    close() {
      connection.closeSync();
      instance.closeSync();
    }
  };
}

/**
 * node-api binds a JS number as a 32-bit INTEGER, silently wrapping epoch milliseconds and other large
 * values; numbers are therefore bound as BIGINT when integral and DOUBLE otherwise.
 */
function bind(params: readonly Value[]): {values?: DuckDBValue[]; types?: DuckDBType[]} {
  if (params.length === 0) return {};
  const values = params.map((value) =>
    typeof value === "number" && Number.isSafeInteger(value) ? BigInt(value) : value
  );
  // node-api accepts holes in the type list (type inferred from the value); its declaration does not say so.
  const types = params.map((value) =>
    typeof value !== "number" ? undefined : Number.isSafeInteger(value) ? BIGINT : DOUBLE
  ) as DuckDBType[];
  return {values, types};
}

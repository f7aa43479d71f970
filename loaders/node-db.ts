/**
 * The `Db` interface on native DuckDB (`@duckdb/node-api`), for the command line, tests and benchmarks.
 * Native DuckDB reads Parquet and JSON itself and uses every core.
 */
import {
  BIGINT,
  DOUBLE,
  DuckDBInstance,
  JSDuckDBValueConverter,
  type DuckDBConnection,
  type DuckDBType,
  type DuckDBValue,
  type DuckDBVector
} from "@duckdb/node-api";
import {normalizeValue, rowsOf, type Columns, type Db, type Row, type Value} from "../scoring/db.js";

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
  // A connection runs one statement at a time (a second one started before the first ends fails): statements
  // wait for the ones before them, so callers may overlap their own work with the database's.
  let last: Promise<unknown> = Promise.resolve();
  const inTurn = <T>(work: () => Promise<T>): Promise<T> => {
    const turn = last.then(work, work);
    last = turn.catch(() => undefined);
    return turn;
  };
  const queryColumns = <R extends Row = Row>(sql: string, params: readonly Value[] = []) =>
    inTurn(async () => {
      const {values, types} = bind(params);
      const result = await connection.run(sql, values, types);
      const names = result.columnNames();
      const columns = names.map((): Value[] => []);
      for (const chunk of await result.fetchAllChunks()) {
        names.forEach((name, k) => appendValues(columns[k]!, chunk.getColumnVector(k), name));
      }
      return Object.fromEntries(names.map((name, k) => [name, columns[k]!])) as Columns<R>;
    });
  return {
    connection,
    queryColumns,
    async query<R extends Row = Row>(sql: string, params: readonly Value[] = []): Promise<R[]> {
      return rowsOf(await queryColumns<R>(sql, params));
    },
    run(sql: string, params: readonly Value[] = []): Promise<void> {
      return inTurn(async () => {
        const {values, types} = bind(params);
        await connection.run(sql, values, types);
      });
    },
    close() {
      connection.closeSync();
      instance.closeSync();
    }
  };
}

/**
 * Appends a vector's values to `column`. Read value by value from the vector: node-api's own row and column
 * readers build an array per row or run a converter per value, several times slower on large results. Numbers,
 * strings and booleans come as they are, bigints (counts) through `normalizeValue`; other values (timestamps …)
 * go through node-api's JS converter first.
 */
function appendValues(column: Value[], vector: DuckDBVector, name: string): void {
  const type = vector.type;
  for (let i = 0; i < vector.itemCount; i++) {
    const item = vector.getItem(i);
    column.push(
      item === null || typeof item === "number" || typeof item === "string" || typeof item === "boolean"
        ? item
        : typeof item === "bigint"
          ? normalizeValue(item, name)
          : normalizeValue(JSDuckDBValueConverter(item, type, JSDuckDBValueConverter), name)
    );
  }
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

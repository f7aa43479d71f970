/**
 * The one thing scoring needs from a database engine. DuckDB native (Node, `loaders/node-db.ts`) and
 * duckdb-wasm (browser and tests, `src/components/duckdb.ts`) both implement it, so every query in
 * `scoring/` is the same text on both engines.
 *
 * Rows come back as plain objects of JS primitives: integers as numbers (never bigint), timestamps as
 * epoch milliseconds, so that results from the two engines compare equal with `toEqual`.
 */
export type Value = number | string | boolean | null;
export type Row = Record<string, Value>;

export interface Db {
  /** Runs one statement with positional `?` parameters and returns its rows. */
  query<R extends Row = Row>(sql: string, params?: readonly Value[]): Promise<R[]>;
}

/**
 * Converts one value returned by a DuckDB client to the shared representation. Integers beyond 2^53
 * cannot be represented as numbers; they are an error, not a silent rounding.
 */
export function normalizeValue(value: unknown, column: string): Value {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case "number":
    case "string":
    case "boolean":
      return value;
    case "bigint":
      if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
        throw new RangeError(`scoring/db: column ${column} holds ${value}, beyond the safe integer range`);
      }
      return Number(value);
  }
  if (value instanceof Date) return value.getTime();
  throw new TypeError(
    `scoring/db: column ${column} has a value of unsupported type (${describe(value)}); cast it in SQL`
  );
}

function describe(value: unknown): string {
  return (value as object)?.constructor?.name ?? typeof value;
}

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

/** A result column by column: one array per column, holding the values `query` would put in its rows. */
export type Columns<R extends Row = Row> = {[K in keyof R]: R[K][]};

export interface Db {
  /** Runs one statement with positional `?` parameters and returns its rows. */
  query<R extends Row = Row>(sql: string, params?: readonly Value[]): Promise<R[]>;
  /**
   * Runs one statement like `query` and returns its result column by column. No object is built per row, so a
   * result with a row per account (300,000 on SNAP Higgs) costs a fraction of what its rows would.
   */
  queryColumns<R extends Row = Row>(sql: string, params?: readonly Value[]): Promise<Columns<R>>;
}

/** The rows of a columnar result, each with the columns in their order. */
export function rowsOf<R extends Row>(columns: Columns<R>): R[] {
  const names = Object.keys(columns);
  const values = names.map((name) => columns[name]!);
  const length = values[0]?.length ?? 0;
  const rows = new Array<R>(length);
  for (let i = 0; i < length; i++) {
    const row: Row = {};
    for (let k = 0; k < names.length; k++) row[names[k]!] = values[k]![i]!;
    rows[i] = row as R;
  }
  return rows;
}

/**
 * Converts one value returned by a DuckDB client to the shared representation. Integers beyond 2^53
 * cannot be represented as numbers; they are an error, not a silent rounding.
 */
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);

export function normalizeValue(value: unknown, column: string): Value {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case "number":
    case "string":
    case "boolean":
      return value;
    case "bigint":
      if (value > MAX_SAFE || value < MIN_SAFE) {
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

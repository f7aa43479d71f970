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

/** A result of integers column by column (`Db.queryIntegers`). */
export type IntegerColumns<K extends string = string> = Record<K, Int32Array>;

/**
 * A statement may be sent before the ones sent earlier have answered: both engines run them one at a time in the
 * order they were called (duckdb-wasm's worker in the order of its messages, `openNodeDb` by a queue). Code that
 * needs several independent results sends them together (`Promise.all`), so the engine goes from one statement to
 * the next instead of waiting for the JavaScript that reads each answer.
 */
export interface Db {
  /** Runs one statement with positional `?` parameters and returns its rows. */
  query<R extends Row = Row>(sql: string, params?: readonly Value[]): Promise<R[]>;
  /**
   * Runs one statement like `query` and returns its result column by column. No object is built per row, so a
   * result with a row per account (300,000 on SNAP Higgs) costs a fraction of what its rows would.
   */
  queryColumns<R extends Row = Row>(sql: string, params?: readonly Value[]): Promise<Columns<R>>;
  /**
   * Runs one statement like `queryColumns` whose every column is an integer of at most 32 bits (TINYINT, SMALLINT,
   * INTEGER, UTINYINT, USMALLINT) without NULLs, such as account codes and counts, and returns each column as an
   * Int32Array: the engine's buffers are copied whole instead of value by value into arrays (on a world of 20,000
   * accounts, duckdb-wasm in Node read the window's actions, 836,352 rows of four columns, in 100 ms instead of 124,
   * and the follow graph's edges in 21 ms instead of 60, through a memoized view; medians of seven).
   *
   * @throws Error naming the column when one has another type or holds a NULL.
   */
  queryIntegers<K extends string = string>(sql: string, params?: readonly Value[]): Promise<IntegerColumns<K>>;
}

/**
 * Whether `select` (a query, with its `params`) returns any row. Asked with EXISTS, so the engine stops at the first
 * row instead of counting them all: on a world of 20,000 accounts, counting the reactions to learn that there are
 * some took duckdb-wasm 0.1 s.
 */
export async function hasRows(db: Db, select: string, params: readonly Value[] = []): Promise<boolean> {
  const [row] = await db.query<{found: boolean}>(`SELECT EXISTS (${select}) AS found`, params);
  return row?.found === true;
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

/**
 * A validity bitmap as DuckDB and Arrow lay one out: value `i` is valid when bit `(offset + i) % 8` of byte
 * `(offset + i) / 8` is set. `bits` is `null` when every value is valid.
 */
export interface Validity {
  readonly bits: Uint8Array | null;
  readonly offset: number;
}

export const ALL_VALID: Validity = {bits: null, offset: 0};

/** The typed arrays whose every value an Int32Array holds exactly. */
export type SmallIntegerArray = Int8Array | Int16Array | Int32Array | Uint8Array | Uint16Array;

/** Whether `values` is a `SmallIntegerArray`: a chunk that `copyIntegers` takes. */
export function isSmallIntegerArray(values: unknown): values is SmallIntegerArray {
  return (
    values instanceof Int32Array ||
    values instanceof Int16Array ||
    values instanceof Int8Array ||
    values instanceof Uint16Array ||
    values instanceof Uint8Array
  );
}

/** The error of `Db.queryIntegers` for a NULL in column `name`, on `row` (from 0) of the result. */
export function nullInIntegers(name: string, row: number): TypeError {
  return new TypeError(`scoring/db: column ${name} holds a NULL, row ${row + 1}`);
}

/**
 * Copies a chunk of integers into `column` from `at` (`Db.queryIntegers`).
 *
 * @throws Error naming the column when one of the chunk's `length` values is NULL.
 */
export function copyIntegers(
  column: Int32Array,
  at: number,
  integers: SmallIntegerArray,
  length: number,
  validity: Validity,
  name: string
): void {
  if (validity.bits !== null) {
    for (let i = 0; i < length; i++) if (!isValid(validity, i)) throw nullInIntegers(name, at + i);
  }
  column.set(integers.length === length ? integers : integers.subarray(0, length), at);
}

/** The error of `Db.queryIntegers` for a column of another type than an integer of at most 32 bits. */
export function notIntegers(name: string, type: string): TypeError {
  return new TypeError(`scoring/db: column ${name} is ${type}, not an integer of at most 32 bits; cast it in SQL`);
}

export function isValid({bits, offset}: Validity, i: number): boolean {
  if (bits === null) return true;
  const bit = offset + i;
  return (bits[bit >>> 3]! & (1 << (bit & 7))) !== 0;
}

/** The typed arrays that hold numbers (not bigints). */
export type NumberArray =
  Int8Array | Int16Array | Int32Array | Uint8Array | Uint16Array | Uint32Array | Float32Array | Float64Array;

/** Writes a chunk of numbers into `column` from `at`, null where `validity` says so. */
export function writeNumbers(column: Value[], at: number, numbers: NumberArray, validity: Validity): void {
  if (validity.bits === null) {
    for (let i = 0; i < numbers.length; i++) column[at + i] = numbers[i]!;
  } else {
    for (let i = 0; i < numbers.length; i++) column[at + i] = isValid(validity, i) ? numbers[i]! : null;
  }
}

const TWO_32 = 2 ** 32;
/** Whether this machine stores the low byte of a number first (bitmaps and 64-bit halves are read by it). */
export const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
/** Which 32-bit half of a 64-bit integer comes first in memory. */
const LOW_HALF = LITTLE_ENDIAN ? 0 : 1;

/**
 * Writes a chunk of 64-bit integers into `column` from `at` as `normalizeValue` would, without a bigint per value:
 * `high * 2^32 + low` is one correctly rounded operation, so it is exact within the safe range and lands beyond it
 * for every integer that is; those go to `normalizeValue`, whose error names the column.
 */
export function writeSafeIntegers(
  column: Value[],
  at: number,
  integers: BigInt64Array,
  validity: Validity,
  name: string
): void {
  const low = new Uint32Array(integers.buffer, integers.byteOffset, integers.length * 2);
  const high = new Int32Array(integers.buffer, integers.byteOffset, integers.length * 2);
  for (let i = 0; i < integers.length; i++) {
    if (!isValid(validity, i)) {
      column[at + i] = null;
      continue;
    }
    const value = high[2 * i + 1 - LOW_HALF]! * TWO_32 + low[2 * i + LOW_HALF]!;
    column[at + i] = Number.isSafeInteger(value) ? value : normalizeValue(integers[i], name);
  }
}

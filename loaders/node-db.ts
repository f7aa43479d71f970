/**
 * The `Db` interface on native DuckDB (`@duckdb/node-api`), for the command line, tests and benchmarks.
 * Native DuckDB reads Parquet and JSON itself and uses every core.
 */
import {
  BIGINT,
  DOUBLE,
  DuckDBInstance,
  DuckDBTypeId,
  JSDuckDBValueConverter,
  type DuckDBConnection,
  type DuckDBDataChunk,
  type DuckDBType,
  type DuckDBValue,
  type DuckDBVector
} from "@duckdb/node-api";
import bindings from "@duckdb/node-bindings";
import {
  ALL_VALID,
  copyIntegers,
  isSmallIntegerArray,
  isValid,
  LITTLE_ENDIAN,
  normalizeValue,
  notIntegers,
  nullInIntegers,
  rowsOf,
  writeNumbers,
  writeSafeIntegers,
  type Columns,
  type Db,
  type IntegerColumns,
  type NumberArray,
  type Row,
  type Validity,
  type Value
} from "../scoring/db.js";

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
  const resultOf = async (sql: string, params: readonly Value[]) => {
    const result = await inTurn(() => {
      const {values, types} = bind(params);
      return connection.run(sql, values, types);
    });
    // The result is held whole (materialized): its chunks are taken at once rather than fetched one by one, each
    // fetch waiting for a turn of the event loop, and the next statement runs while they are read here.
    const chunks = Array.from({length: result.chunkCount}, (_, i) => result.getChunk(i));
    return {result, chunks};
  };
  const queryColumns = async <R extends Row = Row>(sql: string, params: readonly Value[] = []) => {
    const {result, chunks} = await resultOf(sql, params);
    return Object.fromEntries(result.columnNames().map((name, k) => [name, columnOf(chunks, k, name)])) as Columns<R>;
  };
  const queryIntegers = async <K extends string = string>(sql: string, params: readonly Value[] = []) => {
    const {result, chunks} = await resultOf(sql, params);
    return Object.fromEntries(
      result.columnNames().map((name, k) => [name, integersOf(chunks, k, name, result.columnType(k))])
    ) as IntegerColumns<K>;
  };
  return {
    connection,
    queryColumns,
    queryIntegers,
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

/** Column `k` of a result's chunks, one array of plain values. */
function columnOf(chunks: readonly DuckDBDataChunk[], k: number, name: string): Value[] {
  const column = new Array<Value>(chunks.reduce((sum, chunk) => sum + chunk.rowCount, 0));
  let at = 0;
  for (const chunk of chunks) {
    const vector = chunk.getColumnVector(k);
    writeValues(column, at, vector, name);
    at += vector.itemCount;
  }
  return column;
}

/** The types whose values an Int32Array holds exactly (`Db.queryIntegers`). */
const SMALL_INTEGERS: ReadonlySet<DuckDBTypeId> = new Set([
  DuckDBTypeId.TINYINT,
  DuckDBTypeId.SMALLINT,
  DuckDBTypeId.INTEGER,
  DuckDBTypeId.UTINYINT,
  DuckDBTypeId.USMALLINT
]);

/**
 * Column `k` of a result's chunks as one Int32Array, for a column of type `type` (`Db.queryIntegers`): each vector's
 * own typed array copied whole, or, where node-api gives none, value by value.
 */
function integersOf(chunks: readonly DuckDBDataChunk[], k: number, name: string, type: DuckDBType): Int32Array {
  if (!SMALL_INTEGERS.has(type.typeId)) throw notIntegers(name, type.toString());
  const column = new Int32Array(chunks.reduce((sum, chunk) => sum + chunk.rowCount, 0));
  let at = 0;
  for (const chunk of chunks) {
    const vector = chunk.getColumnVector(k);
    const parts = vector as unknown as VectorParts;
    const validity = LITTLE_ENDIAN ? validityOf(parts.validity) : undefined;
    const {items} = parts;
    if (validity !== undefined && isSmallIntegerArray(items)) {
      copyIntegers(column, at, items, vector.itemCount, validity, name);
    } else {
      for (let i = 0; i < vector.itemCount; i++) {
        const item = vector.getItem(i);
        if (typeof item !== "number") throw nullInIntegers(name, at + i);
        column[at + i] = item;
      }
    }
    at += vector.itemCount;
  }
  return column;
}

/**
 * What node-api's vectors hold: a typed array of a fixed-width type's values, a VARCHAR's 16-byte string headers,
 * and the validity bitmap (`null` when every value is valid). These members are private in node-api's declarations;
 * its version is pinned exactly in package.json, and a vector without them is read value by value.
 */
interface VectorParts {
  readonly items?: unknown;
  readonly dataView?: unknown;
  readonly validity?: {readonly data?: unknown; readonly offset?: unknown};
}

const decoder = new TextDecoder();

/**
 * Writes a vector's values into `column` from `at`. node-api's `getItem` costs a bigint validity test per value, a
 * bigint per BIGINT and a native call per string; the types scoring's results hold (integers up to 32 bits, floats,
 * BIGINT, VARCHAR) are read from the vector's own arrays instead, with the same values. Others (timestamps,
 * HUGEINT …) go value by value through node-api's JS converter and `normalizeValue`.
 */
function writeValues(column: Value[], at: number, vector: DuckDBVector, name: string): void {
  const parts = vector as unknown as VectorParts;
  const {items, dataView} = parts;
  // DuckDB's validity words are 64-bit; read as bytes, lowest first, they are the bitmap only on little-endian.
  const validity = LITTLE_ENDIAN ? validityOf(parts.validity) : undefined;
  if (validity !== undefined) {
    switch (vector.type.typeId) {
      case DuckDBTypeId.TINYINT:
      case DuckDBTypeId.SMALLINT:
      case DuckDBTypeId.INTEGER:
      case DuckDBTypeId.UTINYINT:
      case DuckDBTypeId.USMALLINT:
      case DuckDBTypeId.UINTEGER:
      case DuckDBTypeId.FLOAT:
      case DuckDBTypeId.DOUBLE:
        if (isNumberArray(items)) return writeNumbers(column, at, items, validity);
        break;
      case DuckDBTypeId.BIGINT:
        if (items instanceof BigInt64Array) return writeSafeIntegers(column, at, items, validity, name);
        break;
      case DuckDBTypeId.VARCHAR:
        if (dataView instanceof DataView) return writeStrings(column, at, vector, dataView, validity);
        break;
    }
  }
  for (let i = 0; i < vector.itemCount; i++) column[at + i] = normalizedItem(vector, i, name);
}

/** A vector's value `i` as `scoring/db.ts` represents it (throwing its errors). */
function normalizedItem(vector: DuckDBVector, i: number, name: string): Value {
  const item = vector.getItem(i);
  return item === null || typeof item === "number" || typeof item === "string" || typeof item === "boolean"
    ? item
    : typeof item === "bigint"
      ? normalizeValue(item, name)
      : normalizeValue(JSDuckDBValueConverter(item, vector.type, JSDuckDBValueConverter), name);
}

/** The validity bitmap, read as bytes. */
function validityOf(validity: VectorParts["validity"]): Validity | undefined {
  if (validity?.offset !== 0) return undefined;
  const {data} = validity;
  if (data === null) return ALL_VALID;
  return data instanceof BigUint64Array
    ? {bits: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), offset: 0}
    : undefined;
}

function isNumberArray(items: unknown): items is NumberArray {
  return (
    ArrayBuffer.isView(items) &&
    !(items instanceof DataView || items instanceof BigInt64Array || items instanceof BigUint64Array)
  );
}

/**
 * VARCHARs: DuckDB keeps a string of up to 12 bytes in its 16-byte header (after its 4-byte length), where it is
 * decoded here; a longer one lives elsewhere in native memory, its address in the header's last 8 bytes. Long
 * strings that lie end to end in that memory (those of one column read in order mostly do) are copied out as one run
 * of bytes and decoded at once (`readRun`) instead of with a native call each: Higgs's 300,000 account ids are 15–20
 * bytes. A run covers exactly the bytes of its strings, so nothing else is read.
 */
function writeStrings(column: Value[], at: number, vector: DuckDBVector, header: DataView, validity: Validity): void {
  const bytes = new Uint8Array(header.buffer, header.byteOffset, header.byteLength);
  const run: StringRun = {header, column, at, first: -1, lengths: [], end: 0};
  for (let i = 0; i < vector.itemCount; i++) {
    if (!isValid(validity, i)) {
      column[at + i] = null;
      continue;
    }
    const length = header.getUint32(16 * i, true);
    if (length <= 12) {
      column[at + i] = inlineString(bytes, 16 * i + 4, length);
      continue;
    }
    const address = header.getUint32(16 * i + 12, true) * 2 ** 32 + header.getUint32(16 * i + 8, true);
    if (run.first < 0 || address !== run.end || run.first + run.lengths.length !== i) {
      readRun(run);
      run.first = i;
    }
    run.lengths.push(length);
    run.end = address + length;
  }
  readRun(run);
}

/** Long strings `first`, `first` + 1, … of a vector, lying end to end in native memory up to address `end`. */
interface StringRun {
  readonly header: DataView;
  readonly column: Value[];
  readonly at: number;
  first: number;
  readonly lengths: number[];
  end: number;
}

/** Writes the strings of `run` into its column and empties it. */
function readRun(run: StringRun): void {
  const {header, column, at, first, lengths} = run;
  if (first < 0 || lengths.length === 0) return;
  const byteCount = lengths.reduce((sum, length) => sum + length, 0);
  const bytes = bindings.get_data_from_pointer(
    header.buffer as ArrayBuffer,
    header.byteOffset + 16 * first + 8,
    byteCount
  );
  const text = decoder.decode(bytes);
  // DuckDB's strings are valid UTF-8: as many characters as bytes means every one is ASCII, one byte each.
  const ascii = text.length === byteCount;
  for (let k = 0, start = 0; k < lengths.length; k++) {
    const end = start + lengths[k]!;
    column[at + first + k] = ascii ? text.slice(start, end) : decoder.decode(bytes.subarray(start, end));
    start = end;
  }
  run.first = -1;
  lengths.length = 0;
}

function inlineString(bytes: Uint8Array, start: number, length: number): string {
  let text = "";
  for (let b = start; b < start + length; b++) {
    const byte = bytes[b]!;
    if (byte >= 0x80) return decoder.decode(bytes.subarray(start, start + length));
    text += String.fromCharCode(byte);
  }
  return text;
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

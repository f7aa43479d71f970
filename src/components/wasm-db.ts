/**
 * The `Db` interface on duckdb-wasm. The same adapter serves the browser's asynchronous connection and the
 * synchronous one of duckdb-wasm's Node build (used by the tests to run the browser's engine), since
 * `await` accepts both a promise and a plain value.
 */
import {normalizeValue, rowsOf, type Columns, type Db, type Row, type Value} from "../scoring/db.js";

interface ArrowField {
  readonly name: string;
  readonly type: {readonly typeId: number};
}
interface ArrowData {
  readonly type: {readonly typeId: number};
  readonly length: number;
  readonly nullCount: number;
  readonly values: unknown;
  /** Text: an Int32Array of where each string's bytes start in `values`, and where the last ends. */
  readonly valueOffsets: unknown;
  getValid(index: number): boolean;
}
interface ArrowVector {
  readonly length: number;
  readonly data: readonly ArrowData[];
  get(index: number): unknown;
}
interface ArrowTable {
  readonly schema: {readonly fields: readonly ArrowField[]};
  getChildAt(index: number): ArrowVector | null;
}
interface Statement {
  query(...params: unknown[]): ArrowTable | Promise<ArrowTable>;
  close(): void | Promise<void>;
}
/** The part of `AsyncDuckDBConnection` (browser) and `DuckDBConnection` (Node blocking build) we use. */
export interface WasmConnection {
  prepare(sql: string): Statement | Promise<Statement>;
  query(sql: string): ArrowTable | Promise<ArrowTable>;
}

/** Arrow's type ids (apache-arrow `Type`): integers, floating point, text, timestamps. */
const ARROW_INT = 2;
const ARROW_FLOAT = 3;
const ARROW_UTF8 = 5;
const ARROW_TIMESTAMP = 10;

const decoder = new TextDecoder();

/** A chunk's values as plain numbers, when it holds integers or floats that fit a number and has no nulls. */
function numbersOf(data: ArrowData): ArrayLike<number> | undefined {
  const {typeId} = data.type;
  if ((typeId !== ARROW_INT && typeId !== ARROW_FLOAT) || data.nullCount > 0) return undefined;
  const {values} = data;
  // The buffer may be longer than the chunk (padding): the chunk's numbers are its first `length`.
  return ArrayBuffer.isView(values) && !(values instanceof BigInt64Array || values instanceof BigUint64Array)
    ? (values as unknown as Float64Array).subarray(0, data.length)
    : undefined;
}

/**
 * A text chunk's strings written into `column` from `at`. Arrow decodes each string on its own, which takes about
 * a second for the 20,000 account ids of a simulated world in Chromium; a chunk of ASCII text (ids, networks, kinds,
 * roles) is decoded once instead and cut at its offsets, which are then character offsets too.
 */
function copyStrings(data: ArrowData, column: Value[], at: number): void {
  const offsets = data.valueOffsets as Int32Array;
  const bytes = data.values as Uint8Array;
  const start = offsets[0]!;
  const end = offsets[data.length]!;
  let ascii = true;
  for (let b = start; b < end && ascii; b++) ascii = bytes[b]! < 0x80;
  const text = ascii ? decoder.decode(bytes.subarray(start, end)) : "";
  for (let i = 0; i < data.length; i++) {
    if (data.nullCount > 0 && !data.getValid(i)) column[at + i] = null;
    else if (ascii) column[at + i] = text.slice(offsets[i]! - start, offsets[i + 1]! - start);
    else column[at + i] = decoder.decode(bytes.subarray(offsets[i], offsets[i + 1]));
  }
}

/**
 * A column's values, chunk by chunk: plain numbers copied as they are, text by `copyStrings`, others value by value
 * through `normalizeValue`.
 */
function columnOf(vector: ArrowVector, name: string, timestamp: boolean): Value[] {
  const column = new Array<Value>(vector.length);
  let at = 0;
  for (const data of vector.data) {
    const numbers = numbersOf(data);
    if (numbers) {
      for (let k = 0; k < numbers.length; k++) column[at + k] = numbers[k]!;
    } else if (data.type.typeId === ARROW_UTF8) {
      copyStrings(data, column, at);
    } else {
      for (let k = 0; k < data.length; k++) {
        const value = normalizeValue(vector.get(at + k), name);
        column[at + k] = timestamp && typeof value === "number" ? Math.floor(value) : value;
      }
    }
    at += data.length;
  }
  return column;
}

export function wasmDb(connection: WasmConnection): Db {
  const queryColumns = async <R extends Row = Row>(sql: string, params: readonly Value[] = []) => {
    let table: ArrowTable;
    if (params.length === 0) {
      table = await connection.query(sql);
    } else {
      const statement = await connection.prepare(sql);
      try {
        table = await statement.query(...params);
      } finally {
        await statement.close();
      }
    }
    const columns: Record<string, Value[]> = {};
    table.schema.fields.forEach(({name, type}, k) => {
      // duckdb-wasm gives timestamps as fractional epoch milliseconds; native DuckDB gives whole ones.
      columns[name] = columnOf(table.getChildAt(k)!, name, type.typeId === ARROW_TIMESTAMP);
    });
    return columns as Columns<R>;
  };
  return {
    queryColumns,
    async query<R extends Row = Row>(sql: string, params: readonly Value[] = []): Promise<R[]> {
      return rowsOf(await queryColumns<R>(sql, params));
    }
  };
}

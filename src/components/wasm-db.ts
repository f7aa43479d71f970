/**
 * The `Db` interface on duckdb-wasm. The same adapter serves the browser's asynchronous connection and the
 * synchronous one of duckdb-wasm's Node build (used by the tests to run the browser's engine), since
 * `await` accepts both a promise and a plain value.
 */
import {
  ALL_VALID,
  copyIntegers,
  isSmallIntegerArray,
  isValid,
  notIntegers,
  normalizeValue,
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

interface ArrowField {
  readonly name: string;
  readonly type: {readonly typeId: number; readonly bitWidth?: number; readonly isSigned?: boolean};
}
interface ArrowData {
  readonly type: {readonly typeId: number};
  readonly length: number;
  readonly nullCount: number;
  /** Where the chunk starts in `nullBitmap` (its values and offsets are sliced to it already). */
  readonly offset: number;
  readonly nullBitmap: unknown;
  readonly values: unknown;
  /** Text: an Int32Array of where each string's bytes start in `values`, and where the last ends. */
  readonly valueOffsets: unknown;
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

/** A chunk's validity: Arrow's null bitmap from the chunk's offset, when it has nulls. */
function validityOf(data: ArrowData): Validity {
  return data.nullCount > 0 ? {bits: data.nullBitmap as Uint8Array, offset: data.offset} : ALL_VALID;
}

/**
 * A chunk's values as a typed array of numbers, when it holds integers of up to 32 bits or 32- and 64-bit floats
 * (not 64-bit integers, nor Arrow's half floats, kept as their 16 bits). The buffer may be longer than the chunk
 * (padding): the chunk's numbers are its first `length`.
 */
function numbersOf(data: ArrowData): NumberArray | undefined {
  const {values, length} = data;
  switch (data.type.typeId) {
    case ARROW_INT:
      return values instanceof Int8Array ||
        values instanceof Int16Array ||
        values instanceof Int32Array ||
        values instanceof Uint8Array ||
        values instanceof Uint16Array ||
        values instanceof Uint32Array
        ? values.subarray(0, length)
        : undefined;
    case ARROW_FLOAT:
      return values instanceof Float32Array || values instanceof Float64Array ? values.subarray(0, length) : undefined;
  }
  return undefined;
}

/**
 * A text chunk's strings written into `column` from `at`. Arrow decodes each string on its own, which takes about
 * a second for the 20,000 account ids of a simulated world in Chromium; a chunk of ASCII text (ids, networks, kinds,
 * roles) is decoded once instead and cut at its offsets, which are then character offsets too.
 */
function copyStrings(data: ArrowData, column: Value[], at: number, validity: Validity): void {
  const offsets = data.valueOffsets as Int32Array;
  const bytes = data.values as Uint8Array;
  const start = offsets[0]!;
  const end = offsets[data.length]!;
  let ascii = true;
  for (let b = start; b < end && ascii; b++) ascii = bytes[b]! < 0x80;
  const text = ascii ? decoder.decode(bytes.subarray(start, end)) : "";
  for (let i = 0; i < data.length; i++) {
    if (!isValid(validity, i)) column[at + i] = null;
    else if (ascii) column[at + i] = text.slice(offsets[i]! - start, offsets[i + 1]! - start);
    else column[at + i] = decoder.decode(bytes.subarray(offsets[i], offsets[i + 1]));
  }
}

/**
 * A column's values, chunk by chunk: numbers through `writeNumbers`, 64-bit integers through `writeSafeIntegers`
 * (both reading the chunk's typed array and null bitmap), text by `copyStrings`, others value by value through
 * `normalizeValue`.
 */
function columnOf(vector: ArrowVector, name: string, timestamp: boolean): Value[] {
  const column = new Array<Value>(vector.length);
  let at = 0;
  for (const data of vector.data) {
    const validity = validityOf(data);
    const numbers = numbersOf(data);
    if (numbers) {
      writeNumbers(column, at, numbers, validity);
    } else if (data.type.typeId === ARROW_INT && data.values instanceof BigInt64Array) {
      writeSafeIntegers(column, at, data.values.subarray(0, data.length), validity, name);
    } else if (data.type.typeId === ARROW_UTF8) {
      copyStrings(data, column, at, validity);
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

/** Whether a field of Arrow type `type` holds integers that an Int32Array holds exactly. */
const isSmallInteger = ({typeId, bitWidth = 64, isSigned = false}: ArrowField["type"]) =>
  typeId === ARROW_INT && (bitWidth < 32 || (bitWidth === 32 && isSigned));

/** A column of integers of at most 32 bits without NULLs as one Int32Array (`Db.queryIntegers`). */
function integersOf(vector: ArrowVector, {name, type}: ArrowField): Int32Array {
  const typeName = `of Arrow type ${type.typeId}${type.bitWidth === undefined ? "" : ` (${type.bitWidth} bits)`}`;
  if (!isSmallInteger(type)) throw notIntegers(name, typeName);
  const column = new Int32Array(vector.length);
  let at = 0;
  for (const data of vector.data) {
    const {values} = data;
    if (!isSmallIntegerArray(values)) throw notIntegers(name, typeName);
    copyIntegers(column, at, values, data.length, validityOf(data), name);
    at += data.length;
  }
  return column;
}

/**
 * Closes a prepared statement without waiting for it. duckdb-wasm's worker answers its messages in the order they
 * came, so the close's answer comes after every query sent since the statement ran: awaiting it held each result
 * back until the queries issued after it had run too (with the methods' queries all in flight at once, most results
 * arrived together at the end, and the JavaScript that reads them could not overlap the engine's work). A close
 * fails only when the engine has, which the next query reports.
 */
function closeUnawaited(statement: Statement): void {
  (async () => statement.close())().catch(() => {});
}

export function wasmDb(connection: WasmConnection): Db {
  // Every statement is sent to the engine as messages that its worker answers in the order they came: a prepare,
  // then, once the prepare is answered, a run (a statement with parameters), or a run alone. Each message sent is
  // numbered in that order.
  let sent = 0;
  // The runs sent and not answered yet, by number.
  const running = new Set<number>();
  // The prepares whose run is not sent yet, by number: each settles once its run has been sent (or its prepare
  // failed).
  const preparing = new Map<number, Promise<void>>();

  /**
   * Waits, before the answer to run `answered` is handed on, until the statements prepared just behind it have sent
   * their runs: those the engine answers before it starts on the next run already waiting. The code that reads an
   * answer may keep the thread for a while (a graph's PageRank); if it ran first, the engine would have nothing to
   * run until it was done, though the next statements were ready. Prepares behind the next run are not waited for.
   */
  const sendPreparedRuns = async (answered: number) => {
    let next = Infinity;
    for (const run of running) if (run > answered && run < next) next = run;
    const ahead = [...preparing].filter(([prepare]) => prepare < next).map(([, posted]) => posted);
    if (ahead.length > 0) await Promise.all(ahead);
  };

  const run = async (send: () => ArrowTable | Promise<ArrowTable>): Promise<ArrowTable> => {
    const number = ++sent;
    running.add(number);
    try {
      return await send();
    } finally {
      running.delete(number);
      await sendPreparedRuns(number);
    }
  };

  /** The result of a statement as duckdb-wasm gives it. */
  const resultOf = async (sql: string, params: readonly Value[]): Promise<ArrowTable> => {
    let table: ArrowTable;
    if (params.length === 0) {
      table = await run(() => connection.query(sql));
    } else {
      const number = ++sent;
      let posted = () => {};
      preparing.set(number, new Promise<void>((resolve) => (posted = resolve)));
      // Once the run is sent, or the prepare has failed.
      const release = () => {
        preparing.delete(number);
        posted();
      };
      let statement: Statement;
      try {
        statement = await connection.prepare(sql);
      } catch (error) {
        release();
        throw error;
      }
      try {
        table = await run(() => {
          try {
            return statement.query(...params);
          } finally {
            release();
          }
        });
      } finally {
        closeUnawaited(statement);
      }
    }
    return table;
  };

  const queryColumns = async <R extends Row = Row>(sql: string, params: readonly Value[] = []) => {
    const table = await resultOf(sql, params);
    const columns: Record<string, Value[]> = {};
    table.schema.fields.forEach(({name, type}, k) => {
      // duckdb-wasm gives timestamps as fractional epoch milliseconds; native DuckDB gives whole ones.
      columns[name] = columnOf(table.getChildAt(k)!, name, type.typeId === ARROW_TIMESTAMP);
    });
    return columns as Columns<R>;
  };

  const queryIntegers = async <K extends string = string>(sql: string, params: readonly Value[] = []) => {
    const table = await resultOf(sql, params);
    const columns: Record<string, Int32Array> = {};
    table.schema.fields.forEach((field, k) => {
      columns[field.name] = integersOf(table.getChildAt(k)!, field);
    });
    return columns as IntegerColumns<K>;
  };
  return {
    queryColumns,
    queryIntegers,
    async query<R extends Row = Row>(sql: string, params: readonly Value[] = []): Promise<R[]> {
      return rowsOf(await queryColumns<R>(sql, params));
    }
  };
}

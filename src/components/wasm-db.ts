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
}
interface ArrowVector extends Iterable<unknown> {
  readonly length: number;
  readonly data: readonly ArrowData[];
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

/** Arrow's type ids (apache-arrow `Type`): integers, floating point, timestamps. */
const ARROW_INT = 2;
const ARROW_FLOAT = 3;
const ARROW_TIMESTAMP = 10;

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

/** A column's values: chunks of plain numbers copied as they are, others value by value through `normalizeValue`. */
function columnOf(vector: ArrowVector, name: string, timestamp: boolean): Value[] {
  const column = new Array<Value>(vector.length);
  let i = 0;
  const chunks = vector.data.map(numbersOf);
  if (chunks.every((numbers) => numbers !== undefined)) {
    for (const numbers of chunks) for (let k = 0; k < numbers.length; k++) column[i++] = numbers[k]!;
    return column;
  }
  for (const item of vector) {
    const value = normalizeValue(item, name);
    column[i++] = timestamp && typeof value === "number" ? Math.floor(value) : value;
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

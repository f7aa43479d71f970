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
interface ArrowVector {
  readonly length: number;
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

/** Arrow's type id for timestamps (apache-arrow `Type.Timestamp`). */
const ARROW_TIMESTAMP = 10;

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
      const timestamp = type.typeId === ARROW_TIMESTAMP;
      const vector = table.getChildAt(k)!;
      const column = new Array<Value>(vector.length);
      for (let i = 0; i < column.length; i++) {
        const value = normalizeValue(vector.get(i), name);
        column[i] = timestamp && typeof value === "number" ? Math.floor(value) : value;
      }
      columns[name] = column;
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

/**
 * The `Db` interface on duckdb-wasm. The same adapter serves the browser's asynchronous connection and the
 * synchronous one of duckdb-wasm's Node build (used by the tests to run the browser's engine), since
 * `await` accepts both a promise and a plain value.
 */
import {normalizeValue, type Db, type Row, type Value} from "../scoring/db.js";

interface ArrowField {
  readonly name: string;
  readonly type: {readonly typeId: number};
}
interface ArrowTable {
  readonly schema: {readonly fields: readonly ArrowField[]};
  toArray(): {toJSON(): Record<string, unknown>}[];
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
  return {
    async query<R extends Row = Row>(sql: string, params: readonly Value[] = []): Promise<R[]> {
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
      // duckdb-wasm gives timestamps as fractional epoch milliseconds; native DuckDB gives whole ones.
      const timestamps = new Set(
        table.schema.fields.filter((f) => f.type.typeId === ARROW_TIMESTAMP).map((f) => f.name)
      );
      return table.toArray().map((structRow) => {
        const row: Row = {};
        for (const [name, value] of Object.entries(structRow.toJSON())) {
          const normalized = normalizeValue(value, name);
          row[name] = timestamps.has(name) && typeof normalized === "number" ? Math.floor(normalized) : normalized;
        }
        return row as R;
      });
    }
  };
}

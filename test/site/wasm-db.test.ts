/**
 * The duckdb-wasm adapter's columns hold the same plain values as native DuckDB's, whether a column's chunks are
 * copied from Arrow's typed arrays (numbers, 64-bit integers, text, with or without nulls) or read value by value
 * (booleans, time).
 */
import {tableFromArrays} from "apache-arrow";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {openNodeDb, type NodeDb} from "../../loaders/node-db.js";
import type {Db} from "../../scoring/db.js";
import {wasmDb, type WasmConnection} from "../../src/components/wasm-db.js";
import {memoryWasm} from "../helpers/world.js";

let native: NodeDb;
let wasm: Db;
beforeAll(async () => {
  native = await openNodeDb();
  wasm = await memoryWasm();
});
afterAll(() => native?.close());

describe("wasmDb(connection).queryColumns(sql)", () => {
  it("gives integers, floats, bigints, text and nulls as native DuckDB does", async () => {
    const sql = `SELECT * FROM (VALUES
        (1::INTEGER, 0.5::DOUBLE, 3::BIGINT, 'a', 2::SMALLINT, 1.5::FLOAT, 4::INTEGER),
        (-7::INTEGER, -2.25::DOUBLE, NULL, 'é', -1::SMALLINT, -0.5::FLOAT, NULL),
        (2147483647::INTEGER, 1e300::DOUBLE, 9007199254740991::BIGINT, NULL, 0::SMALLINT, 0::FLOAT, 6::INTEGER)
      ) t(int, real, big, text, small, single, gaps)`;
    const columns = await wasm.queryColumns(sql);
    expect(columns).toEqual({
      int: [1, -7, 2147483647],
      real: [0.5, -2.25, 1e300],
      big: [3, null, 9007199254740991],
      text: ["a", "é", null],
      small: [2, -1, 0],
      single: [1.5, -0.5, 0],
      gaps: [4, null, 6]
    });
    expect(columns).toEqual(await native.queryColumns(sql));
  });

  it("gives what native DuckDB gives on a table of edge cases: nulls in every type over many chunks", async () => {
    // Row i is null in every column when i % 9 = 4 and holds values worked out from i otherwise; the BIGINTs reach
    // ±(2^53 - 1) and cross 2^32 both ways, the text is empty, short or long, ASCII or not.
    const sql = `SELECT CASE WHEN i % 9 = 4 THEN NULL ELSE columns(* EXCLUDE (i)) END FROM (SELECT
        (range % 200 - 100)::TINYINT AS tiny, (range - 2500)::SMALLINT AS small, (range * 1000 - 2500000)::INTEGER AS int,
        (range % 100)::UINTEGER AS uint, (range / 4 - 600)::FLOAT AS single, (range / 3 - 800)::DOUBLE AS real,
        CASE range % 4 WHEN 0 THEN 9007199254740991 - range WHEN 1 THEN -9007199254740991 + range
          WHEN 2 THEN 4294967296 * (range - 2500) ELSE -range END::BIGINT AS big,
        list_extract(['', 'a', 'é', 'twelve bytes', 'thirteen byte', 'ééééééé', 'account:' || range], range % 7 + 1) AS text,
        range % 3 = 0 AS flag, TIMESTAMP '1969-12-31 00:00:00' + range * INTERVAL 1 HOUR AS ts,
        range AS i
      FROM range(5000)) ORDER BY i`;
    const columns = await wasm.queryColumns(sql);
    expect(columns).toEqual(await native.queryColumns(sql));
    const rows = Array.from({length: 5000}, (_, i) => i);
    const nullOr = (value: (i: number) => unknown) => rows.map((i) => (i % 9 === 4 ? null : value(i)));
    expect(columns.big).toEqual(
      nullOr((i) => [Number.MAX_SAFE_INTEGER - i, Number.MIN_SAFE_INTEGER + i, 2 ** 32 * (i - 2500), -i][i % 4])
    );
    expect(columns.int).toEqual(nullOr((i) => i * 1000 - 2500000));
    expect(columns.text).toEqual(
      nullOr((i) => ["", "a", "é", "twelve bytes", "thirteen byte", "ééééééé", `account:${i}`][i % 7])
    );
    expect(columns.ts).toEqual(nullOr((i) => Date.UTC(1969, 11, 31) + i * 3600000));
  });

  it.each(["9007199254740992", "-9007199254740992"])(
    "refuses the integer %s on both engines, naming its column and the value",
    async (value) => {
      const sql = `SELECT CASE WHEN range = 3000 THEN (${value})::BIGINT ELSE range END AS big FROM range(3001)`;
      const message = `column big holds ${value}, beyond the safe integer range`;
      await expect(wasm.queryColumns(sql)).rejects.toThrow(message);
      await expect(native.queryColumns(sql)).rejects.toThrow(message);
    }
  );

  it("gives an empty result's columns, empty, as native DuckDB does", async () => {
    const sql = "SELECT 1::INTEGER AS n, 2::BIGINT AS big, 'a' AS text WHERE false";
    expect(await wasm.queryColumns(sql)).toEqual({n: [], big: [], text: []});
    expect(await native.queryColumns(sql)).toEqual({n: [], big: [], text: []});
  });

  it("reads results of many chunks whole and in order", async () => {
    // 300,000 rows span many chunks of DuckDB's and of Arrow's.
    const sql = "SELECT range::INTEGER AS n, range / 4 AS quarter FROM range(300000) ORDER BY n";
    const {n, quarter} = await wasm.queryColumns<{n: number; quarter: number}>(sql);
    expect(n).toHaveLength(300000);
    expect(n.every((value, i) => value === i)).toBe(true);
    expect(quarter.every((value, i) => value === i / 4)).toBe(true);
  });

  it("reads text of many chunks, ASCII or not, empty or null, as the strings it holds", async () => {
    // Rows 150,000 on hold non-ASCII text: the chunks before are ASCII, one mixes both, the later ones are not.
    const sql = `SELECT range::INTEGER AS n,
        CASE WHEN range % 7 = 0 THEN NULL WHEN range % 5 = 0 THEN ''
             WHEN range >= 150000 THEN 'é' || range ELSE 'id:' || range END AS text
      FROM range(300000) ORDER BY n`;
    const {text} = await wasm.queryColumns<{n: number; text: string | null}>(sql);
    const expected = (i: number) => (i % 7 === 0 ? null : i % 5 === 0 ? "" : i >= 150000 ? `é${i}` : `id:${i}`);
    expect(text).toHaveLength(300000);
    expect(text.findIndex((value, i) => value !== expected(i))).toBe(-1);
  });

  it("reads nullable bigints of many chunks value by value, each chunk at its place", async () => {
    const sql = "SELECT CASE WHEN range % 3 = 0 THEN NULL ELSE range END AS big FROM range(300000) ORDER BY range";
    const {big} = await wasm.queryColumns<{big: number | null}>(sql);
    expect(big).toHaveLength(300000);
    expect(big.findIndex((value, i) => value !== (i % 3 === 0 ? null : i))).toBe(-1);
  });
});

describe("wasmDb(connection) with parameters", () => {
  /** A connection whose prepared statements answer at once and close as `close` says; counts the closes asked. */
  function connection(close: () => void | Promise<void>) {
    const asked = {closes: 0};
    const conn: WasmConnection = {
      query: () => Promise.reject(new Error("only prepared statements here")),
      prepare: async () => ({
        query: async (...params: unknown[]) => tableFromArrays({n: Int32Array.from(params as number[])}),
        close: () => {
          asked.closes++;
          return close();
        }
      })
    };
    return {db: wasmDb(conn), asked};
  }
  const later = (ms: number) => new Promise<string>((resolve) => setTimeout(() => resolve("still waiting"), ms));

  it("gives the rows without waiting for the statement to close, and closes it", async () => {
    // duckdb-wasm answers a close after every query sent before it: a result held for its close waits for them all.
    let release = () => {};
    const closed = new Promise<void>((resolve) => (release = resolve));
    const {db, asked} = connection(() => closed);
    expect(await Promise.race([db.queryColumns("SELECT ?", [7]), later(1000)])).toEqual({n: [7]});
    expect(asked.closes).toBe(1);
    release();
  });

  it.each([
    ["rejects", () => Promise.reject(new Error("engine gone"))],
    [
      "throws",
      () => {
        throw new Error("engine gone");
      }
    ]
  ])("gives the rows when the close %s, leaving no unhandled rejection", async (_, close) => {
    const {db, asked} = connection(close);
    const unhandled: unknown[] = [];
    const listener = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", listener);
    try {
      expect(await db.queryColumns("SELECT ?, ?", [1, 2])).toEqual({n: [1, 2]});
      await later(20);
    } finally {
      process.off("unhandledRejection", listener);
    }
    expect(asked.closes).toBe(1);
    expect(unhandled).toEqual([]);
  });
});

describe("wasmDb(connection) sending statements to a worker that answers in order", () => {
  /**
   * A connection like duckdb-wasm's in the browser: every prepare, run and close is a message to a worker that takes
   * them one at a time in the order they came, each after `costs[label]` ms (1 if not given), and answers it from a
   * timer, as a message would. Logs each message sent and answered.
   */
  function workerConnection(costs: Record<string, number>) {
    const log: string[] = [];
    let queue: Promise<unknown> = Promise.resolve();
    const send = <T>(label: string, answer: () => T): Promise<T> => {
      log.push(`send ${label}`);
      const answered = queue.then(
        () =>
          new Promise<T>((resolve) =>
            setTimeout(() => {
              log.push(`answer ${label}`);
              resolve(answer());
            }, costs[label] ?? 1)
          )
      );
      queue = answered;
      return answered;
    };
    const table = (sql: string) => tableFromArrays({n: Int32Array.of(sql.length)});
    const connection: WasmConnection = {
      query: (sql) => send(`run ${sql}`, () => table(sql)),
      prepare: (sql) =>
        send(`prepare ${sql}`, () => ({
          query: () => send(`run ${sql}`, () => table(sql)),
          close: () => void send(`close ${sql}`, () => undefined)
        }))
    };
    return {db: wasmDb(connection), log};
  }

  it("sends the runs of the statements prepared right behind a query before handing its answer on", async () => {
    const {db, log} = workerConnection({"run A": 20});
    const consumed = db.queryColumns("A").then(() => log.push("read A"));
    const others = [db.queryColumns("B", [1]), db.queryColumns("C", [2])];
    await Promise.all([consumed, ...others]);
    const at = (entry: string) => log.indexOf(entry);
    expect(at("read A")).toBeGreaterThan(at("send run B"));
    expect(at("read A")).toBeGreaterThan(at("send run C"));
    expect(at("send run B")).toBeGreaterThan(at("answer prepare B"));
  });

  it("does not hold an answer back for statements prepared behind another query still to run", async () => {
    const {db, log} = workerConnection({"run A": 20, "run D": 200});
    const consumed = db.queryColumns("A").then(() => log.push("read A"));
    const others = [db.queryColumns("D"), db.queryColumns("E", [1])];
    await Promise.all([consumed, ...others]);
    expect(log.indexOf("read A")).toBeLessThan(log.indexOf("answer run D"));
    expect(log.indexOf("send run E")).toBeGreaterThan(log.indexOf("answer run D"));
  });
});

describe("queryIntegers(sql, params) on duckdb-wasm and native DuckDB", () => {
  const engines = () =>
    [
      ["duckdb-wasm", wasm],
      ["native", native]
    ] as const;

  it("gives every integer type of at most 32 bits as an Int32Array, over many chunks, with parameters", async () => {
    // 5,000 rows span three of DuckDB's 2,048-row chunks; each column's values are worked out from the row number.
    const sql = `SELECT (range % 200 - 100)::TINYINT AS tiny, (range - 2500)::SMALLINT AS small,
        (range * ?::BIGINT - 2147000000)::INTEGER AS int, (range % 256)::UTINYINT AS ubyte, (range * 13)::USMALLINT AS ushort
      FROM range(?::BIGINT) ORDER BY range`;
    const rows = Array.from({length: 5000}, (_, i) => i);
    for (const [engine, db] of engines()) {
      const columns = await db.queryIntegers(sql, [400000, 5000]);
      expect(Object.keys(columns), engine).toEqual(["tiny", "small", "int", "ubyte", "ushort"]);
      for (const column of Object.values(columns)) expect(column, engine).toBeInstanceOf(Int32Array);
      expect(Array.from(columns.tiny!), engine).toEqual(rows.map((i) => (i % 200) - 100));
      expect(Array.from(columns.small!), engine).toEqual(rows.map((i) => i - 2500));
      expect(Array.from(columns.int!), engine).toEqual(rows.map((i) => i * 400000 - 2147000000));
      expect(Array.from(columns.ubyte!), engine).toEqual(rows.map((i) => i % 256));
      expect(Array.from(columns.ushort!), engine).toEqual(rows.map((i) => i * 13));
    }
  });

  it("gives empty columns for a result without rows", async () => {
    for (const [engine, db] of engines()) {
      const columns = await db.queryIntegers("SELECT 1::INTEGER AS a, 2::SMALLINT AS b WHERE false");
      expect(columns, engine).toEqual({a: new Int32Array(0), b: new Int32Array(0)});
    }
  });

  it("refuses a NULL, naming the column and the row", async () => {
    const sql =
      "SELECT range::INTEGER AS n, CASE WHEN range = 3000 THEN NULL ELSE 1 END::INTEGER AS gap FROM range(5000) ORDER BY range";
    for (const [engine, db] of engines()) {
      await expect(db.queryIntegers(sql), engine).rejects.toThrow("column gap holds a NULL, row 3001");
    }
  });

  it("refuses a column of any other type, naming it", async () => {
    for (const type of ["BIGINT", "UINTEGER", "DOUBLE", "VARCHAR"]) {
      for (const [engine, db] of engines()) {
        await expect(
          db.queryIntegers(`SELECT 1::INTEGER AS ok, 1::${type} AS wide`),
          `${engine} ${type}`
        ).rejects.toThrow(/column wide is .*not an integer of at most 32 bits/);
      }
    }
  });
});

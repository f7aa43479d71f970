import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {openNodeDb, type NodeDb} from "../../loaders/node-db.js";

let db: NodeDb;
beforeAll(async () => {
  db = await openNodeDb();
});
afterAll(() => db.close());

describe("openNodeDb().queryColumns(sql, params)", () => {
  it("gives each column's values as plain numbers, strings, booleans and nulls", async () => {
    const columns = await db.queryColumns(
      `SELECT * FROM (VALUES
        (1::BIGINT, 0.5::DOUBLE, 'a', true, TIMESTAMP '2026-03-01 12:00:00.250', 7::INTEGER),
        (NULL, NULL, NULL, NULL, NULL, NULL),
        (9007199254740991, -2.0, 'é', false, TIMESTAMP '1970-01-01 00:00:00', -3)
      ) t(big, real, text, flag, ts, small)`
    );
    expect(columns).toEqual({
      big: [1, null, 9007199254740991],
      real: [0.5, null, -2],
      text: ["a", null, "é"],
      flag: [true, null, false],
      // Epoch milliseconds, as Date.UTC gives them.
      ts: [Date.UTC(2026, 2, 1, 12, 0, 0, 250), null, 0],
      small: [7, null, -3]
    });
  });

  it("reads results of many chunks whole and in order, with bound parameters", async () => {
    // 5,000 rows span three of DuckDB's 2,048-row chunks.
    const {n, half} = await db.queryColumns("SELECT range AS n, range / ? AS half FROM range(?) ORDER BY n", [2, 5000]);
    expect(n).toEqual(Array.from({length: 5000}, (_, i) => i));
    expect(half).toEqual(Array.from({length: 5000}, (_, i) => i / 2));
  });

  it("holds the values query puts in its rows", async () => {
    const sql = "SELECT range AS id, 'x' || range AS name, range % 3 = 0 AS third FROM range(3000)";
    const columns = await db.queryColumns(sql);
    const rows = await db.query(sql);
    expect(rows).toHaveLength(3000);
    rows.forEach((row, i) =>
      expect(row).toEqual({id: columns.id![i], name: columns.name![i], third: columns.third![i]})
    );
  });

  it("reads every number type, with and without nulls, over many chunks", async () => {
    // Each type's values are range % 100 - 50 shifted into its range; 5,000 rows span three 2,048-row chunks, the
    // first without nulls, the later ones with one row in seven null.
    const shifts = {
      TINYINT: 0,
      SMALLINT: 0,
      INTEGER: 0,
      BIGINT: 0,
      UTINYINT: 50,
      USMALLINT: 50,
      UINTEGER: 50,
      FLOAT: 0.5,
      DOUBLE: 0.5
    };
    const select = Object.entries(shifts).map(
      ([type, shift]) =>
        `CASE WHEN range >= 2048 AND range % 7 = 0 THEN NULL ELSE (range % 100 - 50 + ${shift})::${type} END AS ${type}`
    );
    const columns = await db.queryColumns(`SELECT ${select.join(", ")} FROM range(5000) ORDER BY range`);
    expect(Object.keys(columns)).toEqual(Object.keys(shifts));
    for (const [type, shift] of Object.entries(shifts)) {
      const expected = (i: number) => (i >= 2048 && i % 7 === 0 ? null : (i % 100) - 50 + shift);
      expect(columns[type], type).toHaveLength(5000);
      expect(
        columns[type]!.findIndex((value, i) => value !== expected(i)),
        type
      ).toBe(-1);
    }
  });

  it("gives BIGINTs up to the safe range exactly, negative or not, nulls among them", async () => {
    const {big} = await db.queryColumns<{big: number | null}>(
      `SELECT * FROM (VALUES (9007199254740991::BIGINT), (-9007199254740991), (NULL), (-1), (4294967296),
        (-4294967297), (2147483648), (-2147483649), (0)) t(big)`
    );
    expect(big).toEqual([
      Number.MAX_SAFE_INTEGER,
      Number.MIN_SAFE_INTEGER,
      null,
      -1,
      2 ** 32,
      -(2 ** 32) - 1,
      2 ** 31,
      -(2 ** 31) - 1,
      0
    ]);
  });

  it.each(["9007199254740992", "9007199254740993", "-9007199254740992", "-9223372036854775808"])(
    "refuses the integer %s, beyond the safe range, naming its column and the value",
    async (value) => {
      // After 3,000 rows of small values, so the refusal comes from a later chunk.
      await expect(
        db.queryColumns(`SELECT CASE WHEN range = 3000 THEN (${value})::BIGINT ELSE range END AS big FROM range(3001)`)
      ).rejects.toThrow(`column big holds ${value}, beyond the safe integer range`);
    }
  );

  it("reads text short and long, ASCII or not, empty or null, over many chunks", async () => {
    // DuckDB keeps strings of up to 12 bytes inside the vector and longer ones apart; 'é' takes two bytes.
    const texts = ["", "a", "twelve bytes", "thirteen byte", "éé", "ééééé", "éééééé", "ééééééé", "\0", "x".repeat(40)];
    const sql = `SELECT CASE WHEN range % 11 = 10 THEN NULL ELSE list_extract(?::VARCHAR[], range % 11 + 1) END AS text
      FROM range(5000) ORDER BY range`;
    const {text} = await db.queryColumns<{text: string | null}>(sql, [`[${texts.map((t) => `'${t}'`).join(", ")}]`]);
    expect(text).toHaveLength(5000);
    expect(text.findIndex((value, i) => value !== (i % 11 === 10 ? null : texts[i % 11]))).toBe(-1);
  });

  it("reads a table's long strings, which lie end to end in memory, among short ones and nulls", async () => {
    // Long strings read from a table come in runs of consecutive bytes; short ones, nulls and non-ASCII ones break
    // into them. The expected value of each row is written here from its number alone.
    const expected = (i: number) =>
      i % 13 === 0 ? null : i % 5 === 0 ? `s${i % 100}` : i % 7 === 0 ? `réseau:${i}-é` : `network:account-${i}`;
    await db.run(`CREATE TEMP TABLE long_texts AS
      SELECT range AS i, CASE WHEN range % 13 = 0 THEN NULL WHEN range % 5 = 0 THEN 's' || (range % 100)
        WHEN range % 7 = 0 THEN 'réseau:' || range || '-é' ELSE 'network:account-' || range END AS text
      FROM range(6000)`);
    const {text} = await db.queryColumns<{text: string | null}>("SELECT text FROM long_texts ORDER BY i");
    await db.run("DROP TABLE long_texts");
    expect(text).toHaveLength(6000);
    expect(text.findIndex((value, i) => value !== expected(i))).toBe(-1);
  });

  it("gives an empty result's columns, empty", async () => {
    expect(await db.queryColumns("SELECT 1::INTEGER AS n, 'a' AS text WHERE false")).toEqual({n: [], text: []});
  });

  it("refuses a value of a type with no plain JS counterpart, naming its column", async () => {
    await expect(db.queryColumns("SELECT [1, 2] AS pair")).rejects.toThrow(
      /column pair has a value of unsupported type/
    );
  });
});

describe("openNodeDb() with statements started together", () => {
  it("answers each statement whole, one after the other, and goes on after a failed one", async () => {
    const sizes = [3000, 10, 5000, 1, 2500, 7];
    const answers = Promise.all(
      sizes.map((size) => db.queryColumns<{n: number}>("SELECT range::INTEGER AS n FROM range(?) ORDER BY n", [size]))
    );
    const failed = db.query("SELECT * FROM no_such_table");
    const after = db.query<{n: number}>("SELECT 42 AS n");
    await expect(failed).rejects.toThrow(/no_such_table/);
    (await answers).forEach(({n}, k) => expect(n).toEqual(Array.from({length: sizes[k]!}, (_, i) => i)));
    expect(await after).toEqual([{n: 42}]);
  });
});

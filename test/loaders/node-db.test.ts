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

  it("refuses an integer beyond the safe range, naming its column", async () => {
    await expect(db.queryColumns("SELECT 9007199254740993::BIGINT AS big")).rejects.toThrow(/column big/);
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

import {describe, expect, it} from "vitest";
import {rowsOf, type Columns, type Db, type IntegerColumns, type Row, type Value} from "../../scoring/db.js";
import {
  derived,
  memoizedDb,
  releaseDb,
  sharedRelation,
  standingRelation,
  tableDb,
  withRelations,
  withTables
} from "../../scoring/memo-db.js";

/** A Db that records every statement it runs and answers with two rows naming it. */
function recordingDb(): {db: Db; ran: string[]} {
  const ran: string[] = [];
  const queryColumns = async <R extends Row = Row>(sql: string, params: readonly Value[] = []) => {
    ran.push(`${sql} ${JSON.stringify(params)}`);
    return {sql: [sql, sql], n: [params.length, -1]} as unknown as Columns<R>;
  };
  const db: Db = {
    queryColumns,
    queryIntegers: async <K extends string = string>(sql: string, params: readonly Value[] = []) => {
      ran.push(`integers ${sql} ${JSON.stringify(params)}`);
      return {n: Int32Array.of(params.length, -1)} as unknown as IntegerColumns<K>;
    },
    query: async <R extends Row = Row>(sql: string, params: readonly Value[] = []) =>
      rowsOf(await queryColumns<R>(sql, params))
  };
  return {db, ran};
}

describe("memoizedDb(db)", () => {
  it("runs a repeated statement with the same parameters once", async () => {
    const {db, ran} = recordingDb();
    const memo = memoizedDb(db);
    const first = await memo.query("SELECT ?", [1]);
    const second = await memo.query("SELECT ?", [1]);
    expect(ran).toEqual(["SELECT ? [1]"]);
    expect(second).toEqual(first);
  });

  it("runs the statement again for other parameters or other SQL", async () => {
    const {db, ran} = recordingDb();
    const memo = memoizedDb(db);
    await memo.query("SELECT ?", [1]);
    await memo.query("SELECT ?", ["1"]);
    await memo.query("SELECT 2");
    expect(ran).toEqual(["SELECT ? [1]", 'SELECT ? ["1"]', "SELECT 2 []"]);
  });

  it("runs a statement asked for as rows and as columns once, with the same values", async () => {
    const {db, ran} = recordingDb();
    const memo = memoizedDb(db);
    const columns = await memo.queryColumns("SELECT ?", [1]);
    const rows = await memo.query("SELECT ?", [1]);
    expect(ran).toEqual(["SELECT ? [1]"]);
    expect(columns).toEqual({sql: ["SELECT ?", "SELECT ?"], n: [1, -1]});
    expect(rows).toEqual([
      {sql: "SELECT ?", n: 1},
      {sql: "SELECT ?", n: -1}
    ]);
  });

  it("gives each caller its own array of the values", async () => {
    const {db} = recordingDb();
    const memo = memoizedDb(db);
    (await memo.queryColumns("SELECT 1")).n!.reverse();
    expect((await memo.queryColumns("SELECT 1")).n).toEqual([0, -1]);
  });

  it("runs a statement asked for as integers once, and gives each caller its own copy", async () => {
    const {db, ran} = recordingDb();
    const memo = memoizedDb(db);
    const first = await memo.queryIntegers("SELECT ?", [1]);
    first.n!.reverse();
    const second = await memo.queryIntegers("SELECT ?", [1]);
    await memo.queryIntegers("SELECT ?", [2]);
    expect(ran).toEqual(["integers SELECT ? [1]", "integers SELECT ? [2]"]);
    expect(second).toEqual({n: Int32Array.of(1, -1)});
  });

  it("gives each caller its own array of the rows", async () => {
    const {db} = recordingDb();
    const memo = memoizedDb(db);
    const first = await memo.query("SELECT 1");
    first.reverse();
    expect((await memo.query("SELECT 1")).map((row) => row.n)).toEqual([0, -1]);
  });
});

describe("derived(db, key, compute)", () => {
  it("computes once per memoized view and key, and shares the result", async () => {
    const {db} = recordingDb();
    const memo = memoizedDb(db);
    let runs = 0;
    const compute = async () => ({run: ++runs});
    const first = await derived(memo, ["a", {from: 1}], compute);
    expect(await derived(memo, ["a", {from: 1}], compute)).toBe(first);
    await derived(memo, ["a", {from: 2}], compute);
    await derived(memoizedDb(db), ["a", {from: 1}], compute);
    expect(runs).toBe(3);
  });

  it("computes on every call on a Db that is not memoized", async () => {
    const {db} = recordingDb();
    let runs = 0;
    await derived(db, ["a"], async () => ++runs);
    await derived(db, ["a"], async () => ++runs);
    expect(runs).toBe(2);
  });
});

describe("sharedRelation(db, key, select) and releaseDb(db)", () => {
  it("give a plain Db the query as a subquery, and run nothing", async () => {
    const {db, ran} = recordingDb();
    expect(await sharedRelation(db, "r", "SELECT 1 AS x")).toBe("(SELECT 1 AS x)");
    await releaseDb(db);
    expect(ran).toEqual([]);
  });

  it("make a TEMP table once per view and key, named apart from other views', and drop it on release", async () => {
    const {db, ran} = recordingDb();
    const [first, second] = [memoizedDb(db), tableDb(db)];
    const name = await sharedRelation(first, "r", "SELECT 1 AS x");
    expect(await sharedRelation(first, "r", "SELECT 1 AS x")).toBe(name);
    const other = await sharedRelation(second, "r", "SELECT 1 AS x");
    expect(name).toMatch(/^sway_r_\d+$/);
    expect(other).not.toBe(name);
    expect(ran).toEqual([
      `CREATE TEMP TABLE ${name} AS SELECT 1 AS x []`,
      `CREATE TEMP TABLE ${other} AS SELECT 1 AS x []`
    ]);
    await releaseDb(first);
    expect(ran.slice(2)).toEqual([`DROP TABLE IF EXISTS ${name} []`]);
    await expect(sharedRelation(first, "r", "SELECT 1 AS x")).rejects.toThrow(/^scoring\/memo-db: /);
    expect(ran).toHaveLength(3);
  });

  it("leave out of the drop a table whose making failed", async () => {
    const {db, ran} = recordingDb();
    const failing: Db = {
      queryColumns: db.queryColumns,
      queryIntegers: db.queryIntegers,
      query: (sql, params) => (sql.startsWith("CREATE") ? Promise.reject(new Error("no")) : db.query(sql, params))
    };
    const view = memoizedDb(failing);
    await expect(sharedRelation(view, "r", "SELECT 1")).rejects.toThrow("no");
    await releaseDb(view);
    expect(ran).toEqual([]);
  });
});

describe("withRelations(db, tables)", () => {
  it("gives the named tables for their keys, to the view and to views made on it, makes and drops nothing", async () => {
    const {db, ran} = recordingDb();
    const standing = withRelations(db, {r: "loaded_r"});
    expect(await sharedRelation(standing, "r", "SELECT 1")).toBe("loaded_r");
    for (const view of [memoizedDb(standing), tableDb(withRelations(standing, {s: "loaded_s"}))]) {
      expect(await sharedRelation(view, "r", "SELECT 1")).toBe("loaded_r");
      await releaseDb(view);
    }
    expect(ran).toEqual([]);
  });

  it("leaves other keys to be made as on the Db under it, and runs every statement there", async () => {
    const {db, ran} = recordingDb();
    const view = memoizedDb(withRelations(db, {r: "loaded_r"}));
    const made = await sharedRelation(view, "other", "SELECT 2");
    expect(made).toMatch(/^sway_other_\d+$/);
    await view.query("SELECT 3");
    await releaseDb(view);
    expect(ran).toEqual([`CREATE TEMP TABLE ${made} AS SELECT 2 []`, "SELECT 3 []", `DROP TABLE IF EXISTS ${made} []`]);
    expect(await sharedRelation(withRelations(db, {r: "loaded_r"}), "other", "SELECT 2")).toBe("(SELECT 2)");
  });
});

describe("standingRelation(db, key, select)", () => {
  it("gives the table standing for the key, else the query as a subquery, and makes no table in a view", async () => {
    const {db, ran} = recordingDb();
    const view = memoizedDb(withRelations(db, {r: "loaded_r"}));
    expect(standingRelation(view, "r", "SELECT 1")).toBe("loaded_r");
    expect(standingRelation(view, "other", "SELECT 2")).toBe("(SELECT 2)");
    expect(standingRelation(db, "r", "SELECT 1")).toBe("(SELECT 1)");
    await releaseDb(view);
    expect(ran).toEqual([]);
  });
});

describe("tableDb(db)", () => {
  it("runs every statement, repeated or not", async () => {
    const {db, ran} = recordingDb();
    const view = tableDb(db);
    await view.query("SELECT 1");
    await view.queryColumns("SELECT 1");
    expect(ran).toEqual(["SELECT 1 []", "SELECT 1 []"]);
  });
});

describe("withTables(db, work)", () => {
  it("gives a plain Db's work a view whose tables are dropped when it ends, also when it fails", async () => {
    const {db, ran} = recordingDb();
    const name = await withTables(db, async (view) => {
      expect(view).not.toBe(db);
      return sharedRelation(view, "r", "SELECT 1");
    });
    expect(ran).toEqual([`CREATE TEMP TABLE ${name} AS SELECT 1 []`, `DROP TABLE IF EXISTS ${name} []`]);
    const failing = withTables(db, async (view) => {
      await sharedRelation(view, "r", "SELECT 1");
      throw new Error("failed on purpose");
    });
    await expect(failing).rejects.toThrow("failed on purpose");
    expect(ran.slice(2).map((sql) => sql.split(" ")[0])).toEqual(["CREATE", "DROP"]);
  });

  it("runs the work on a view that keeps tables itself, and leaves them to its owner", async () => {
    const {db, ran} = recordingDb();
    const memo = memoizedDb(db);
    const name = await withTables(memo, async (view) => {
      expect(view).toBe(memo);
      return sharedRelation(view, "r", "SELECT 1");
    });
    expect(ran).toEqual([`CREATE TEMP TABLE ${name} AS SELECT 1 []`]);
    await releaseDb(memo);
    expect(ran).toHaveLength(2);
  });
});

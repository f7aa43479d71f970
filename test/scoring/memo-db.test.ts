import {describe, expect, it} from "vitest";
import {rowsOf, type Columns, type Db, type Row, type Value} from "../../scoring/db.js";
import {derived, memoizedDb} from "../../scoring/memo-db.js";

/** A Db that records every statement it runs and answers with two rows naming it. */
function recordingDb(): {db: Db; ran: string[]} {
  const ran: string[] = [];
  const queryColumns = async <R extends Row = Row>(sql: string, params: readonly Value[] = []) => {
    ran.push(`${sql} ${JSON.stringify(params)}`);
    return {sql: [sql, sql], n: [params.length, -1]} as unknown as Columns<R>;
  };
  const db: Db = {
    queryColumns,
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

import {describe, expect, it} from "vitest";
import type {Db, Row, Value} from "../../scoring/db.js";
import {memoizedDb} from "../../scoring/memo-db.js";

/** A Db that records every statement it runs and answers with one row naming it. */
function recordingDb(): {db: Db; ran: string[]} {
  const ran: string[] = [];
  const db: Db = {
    async query<R extends Row = Row>(sql: string, params: readonly Value[] = []) {
      ran.push(`${sql} ${JSON.stringify(params)}`);
      return [
        {sql, n: params.length},
        {sql, n: -1}
      ] as unknown as R[];
    }
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

  it("gives each caller its own array of the rows", async () => {
    const {db} = recordingDb();
    const memo = memoizedDb(db);
    const first = await memo.query("SELECT 1");
    first.reverse();
    expect((await memo.query("SELECT 1")).map((row) => row.n)).toEqual([0, -1]);
  });
});

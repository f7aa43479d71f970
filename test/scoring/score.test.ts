/**
 * `scoreMethods` shares the indexed interactions between its methods as TEMP tables: they are gone when it returns,
 * and when one of its methods fails.
 */
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {NodeDb} from "../../loaders/node-db.js";
import type {Db} from "../../scoring/db.js";
import {scoreMethods} from "../../scoring/score.js";
import {FIXTURE_WORLD} from "../helpers/fixture-world.js";
import {memoryWorld} from "../helpers/world.js";

let native: NodeDb;
beforeAll(async () => void (native = await memoryWorld(FIXTURE_WORLD)));
afterAll(() => native?.close());

/** `native`, recording the statements run through it; a statement that contains `failOn` fails. */
function recording(failOn?: string): {db: Db; ran: string[]} {
  const ran: string[] = [];
  const check = (sql: string) => {
    ran.push(sql);
    if (failOn && sql.includes(failOn)) throw new Error("failed on purpose");
  };
  const db: Db = {
    queryColumns: async (sql, params) => (check(sql), native.queryColumns(sql, params)),
    queryIntegers: async (sql, params) => (check(sql), native.queryIntegers(sql, params)),
    query: async (sql, params) => (check(sql), native.query(sql, params))
  };
  return {db, ran};
}

const temporaryTables = async () =>
  (await native.query<{name: string}>("SELECT table_name AS name FROM duckdb_tables() WHERE temporary")).map(
    (row) => row.name
  );

const METHOD_IDS = ["klout", "pagerank", "peerindex-audience", "twitalyzer-impact", "kred"];

describe("scoreMethods(db, methodIds)", () => {
  it("reads the interactions from TEMP tables, gone when it returns", async () => {
    const {db, ran} = recording();
    const rows = await scoreMethods(db, METHOD_IDS);
    expect(rows).toHaveLength(METHOD_IDS.length * 6);
    const made = ran.filter((sql) => sql.startsWith("CREATE TEMP TABLE"));
    expect(made).toHaveLength(2);
    expect(ran.filter((sql) => sql.startsWith("DROP TABLE"))).toHaveLength(2);
    expect(await temporaryTables()).toEqual([]);
  });

  it("drops its TEMP tables when a method fails", async () => {
    const {db, ran} = recording("coalesce(list_position(");
    await expect(scoreMethods(db, METHOD_IDS)).rejects.toThrow("failed on purpose");
    expect(ran.filter((sql) => sql.startsWith("CREATE TEMP TABLE"))).toHaveLength(2);
    expect(await temporaryTables()).toEqual([]);
  });
});

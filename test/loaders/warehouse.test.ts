import {existsSync, readFileSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {afterEach, beforeEach, describe, expect, it} from "vitest";
import {openNodeDb} from "../../loaders/node-db.js";
import {TABLE_NAMES, columnsOf, createTableSql} from "../../loaders/schema.js";
import {TableAppender, createCanonicalTables} from "../../loaders/tables.js";
import {
  MANIFEST_FILE,
  WarehouseWriter,
  openWarehouse,
  readManifest,
  writeWarehouseFiles
} from "../../loaders/warehouse.js";
import {FIXTURE_WORLD} from "../helpers/fixture-world.js";
import {tempDir, writeWorld} from "../helpers/world.js";

let temp: ReturnType<typeof tempDir>;
beforeEach(() => void (temp = tempDir()));
afterEach(() => temp.remove());

describe("createTableSql(table)", () => {
  it("creates each canonical table with the declared columns, in order", async () => {
    const db = await openNodeDb();
    try {
      await createCanonicalTables(db);
      for (const table of TABLE_NAMES) {
        const columns = await db.query<{column_name: string}>(
          "SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position",
          [table]
        );
        expect(columns.map((c) => c.column_name)).toEqual(columnsOf(table));
      }
      expect(columnsOf("interactions")).toEqual([
        "ts",
        "network",
        "actor_id",
        "target_id",
        "post_id",
        "kind",
        "weight"
      ]);
    } finally {
      db.close();
    }
  });

  it("rejects an interaction kind outside the model in SQL too", async () => {
    const db = await openNodeDb();
    try {
      await db.run(createTableSql("interactions"));
      await expect(
        db.run("INSERT INTO interactions VALUES (now(), 'twitter', 'twitter:1', 'twitter:2', NULL, 'boost', NULL)")
      ).rejects.toThrow(/CHECK constraint/);
    } finally {
      db.close();
    }
  });

  it("leaves the closed sets unchecked when asked, and still requires the columns that are not nullable", async () => {
    const db = await openNodeDb();
    try {
      await db.run(createTableSql("interactions", {checks: false}));
      await db.run("INSERT INTO interactions VALUES (now(), 'twitter', 'twitter:1', 'twitter:2', NULL, 'boost', NULL)");
      expect(await db.query("SELECT kind FROM interactions")).toEqual([{kind: "boost"}]);
      await expect(
        db.run("INSERT INTO interactions VALUES (now(), 'twitter', 'twitter:1', 'twitter:2', NULL, NULL, NULL)")
      ).rejects.toThrow(/NOT NULL/);
    } finally {
      db.close();
    }
  });
});

describe("TableAppender", () => {
  it("names the table and column of a bad value and appends nothing of that row", async () => {
    const db = await openNodeDb();
    try {
      await createCanonicalTables(db);
      const appender = await new TableAppender(db).open();
      const good = {ts: new Date(0), network: "t", actor_id: "t:1", target_id: "t:2", kind: "like"} as const;
      expect(() => appender.append("interactions", {...good, kind: "boost" as "like"})).toThrow(
        "loaders/tables: interactions.kind must be one of like, repost"
      );
      expect(() => appender.append("interactions", {...good, weight: Number.NaN})).toThrow(
        "loaders/tables: interactions.weight must be DOUBLE, got NaN"
      );
      expect(() => appender.append("accounts", {account_id: "t:1", network: "t"} as never)).toThrow(
        "loaders/tables: accounts.handle is required"
      );
      appender.append("interactions", good);
      appender.close();
      expect(await db.query("SELECT count(*) AS n FROM interactions")).toEqual([{n: 1}]);
    } finally {
      db.close();
    }
  });

  it("writes every type of the model exactly, including text that needs escaping", async () => {
    const db = await openNodeDb();
    try {
      await createCanonicalTables(db);
      const appender = await new TableAppender(db).open();
      const created = new Date(Date.UTC(1969, 11, 31, 23, 59, 59, 999));
      appender.append("accounts", {
        account_id: "t:1",
        network: "t",
        handle: 'quote " tab \t newline \n <b>é</b> 🦆',
        followers: 2 ** 53 - 1,
        verified: false,
        created_at: created
      });
      appender.append("posts", {
        post_id: "t:p",
        account_id: "t:1",
        network: "t",
        created_at: new Date(Date.UTC(2026, 0, 1, 12, 30, 0, 123)),
        kind: "post",
        topics: ["a", "b,c"],
        text: null
      });
      appender.close();
      expect(await db.query("SELECT handle, followers, verified, created_at, display_name FROM accounts")).toEqual([
        {
          handle: 'quote " tab \t newline \n <b>é</b> 🦆',
          followers: 2 ** 53 - 1,
          verified: false,
          created_at: created.getTime(),
          display_name: null
        }
      ]);
      expect(await db.query("SELECT created_at, len(topics) AS n, topics[2] AS second, text FROM posts")).toEqual([
        {created_at: Date.UTC(2026, 0, 1, 12, 30, 0, 123), n: 2, second: "b,c", text: null}
      ]);
    } finally {
      db.close();
    }
  });
});

describe("warehouse", () => {
  it("reads back every row it wrote, with the types of the model", async () => {
    await writeWorld(temp.dir, FIXTURE_WORLD);
    const {db, manifest} = await openWarehouse(temp.dir);
    try {
      expect(manifest.tables.accounts.rows).toBe(6);
      expect(manifest.tables.interactions.rows).toBe(9);
      expect(manifest.tables.follows.rows).toBe(4);
      expect(await db.query("SELECT * FROM accounts WHERE account_id = 'twitter:a'")).toEqual([
        {
          account_id: "twitter:a",
          network: "twitter",
          handle: "alice",
          display_name: null,
          person_id: null,
          followers: 100,
          following: 5,
          listed: null,
          created_at: null,
          verified: null
        }
      ]);
      expect(await db.query("SELECT ts FROM interactions ORDER BY ts LIMIT 1")).toEqual([{ts: Date.UTC(2026, 2, 1)}]);
    } finally {
      db.close();
    }
  });

  it("merges an account or post offered again instead of writing it twice", async () => {
    const writer = await WarehouseWriter.create(temp.dir);
    const source = writer.source("fixture", "fixture");
    const account = {account_id: "t:1", network: "t", handle: "one"};
    const post = {post_id: "t:p", account_id: "t:1", network: "t", created_at: new Date(0), kind: "post"} as const;
    expect(
      source.accept(1, [
        {table: "accounts", row: account},
        {table: "posts", row: post}
      ])
    ).toBe(true);
    expect(source.accept(2, [{table: "accounts", row: {...account, handle: "one again"}}])).toBe(true);
    expect(source.hasPost("t:p")).toBe(true);
    const manifest = await writer.finish();
    expect(manifest.tables.accounts.rows).toBe(1);
    expect(manifest.sources[0]).toMatchObject({written: {accounts: 1, posts: 1}, merged: {accounts: 1}});
  });

  it("fills an account's empty columns from a later row, in one import and across appends", async () => {
    const writer = await WarehouseWriter.create(temp.dir);
    const source = writer.source("fixture", "fixture");
    // First seen in a mention (handle only), then as a full profile: nothing of the profile may be lost.
    source.accept(1, [{table: "accounts", row: {account_id: "t:1", network: "t", handle: "one"}}]);
    source.accept(2, [
      {table: "accounts", row: {account_id: "t:1", network: "t", handle: "one-renamed", followers: 7, verified: true}}
    ]);
    await writer.finish();
    const appended = await WarehouseWriter.create(temp.dir, {append: true});
    appended
      .source("fixture", "later")
      .accept(1, [{table: "accounts", row: {account_id: "t:1", network: "t", handle: "x", followers: 9, listed: 2}}]);
    await appended.finish();
    const {db} = await openWarehouse(temp.dir);
    try {
      // The first value of a column wins; only empty columns are filled.
      expect(await db.query("SELECT handle, followers, verified, listed FROM accounts")).toEqual([
        {handle: "one", followers: 7, verified: true, listed: 2}
      ]);
    } finally {
      db.close();
    }
  });

  it("rejects a whole record when one of its rows breaks the model, naming table and column", async () => {
    const writer = await WarehouseWriter.create(temp.dir);
    const source = writer.source("fixture", "input.txt");
    const account = {account_id: "t:1", network: "t", handle: "one"};
    const bad = {ts: new Date(0), network: "t", actor_id: "t:1", target_id: "t:2", kind: "boost"} as never;
    expect(
      source.accept(3, [
        {table: "accounts", row: account},
        {table: "interactions", row: bad}
      ])
    ).toBe(false);
    source.skip("comment line");
    const manifest = await writer.finish();
    expect(manifest.tables.accounts.rows).toBe(0);
    expect(manifest.sources[0]).toMatchObject({
      records_read: 2,
      records_accepted: 0,
      rejected: 1,
      skipped: 1,
      skipped_by_reason: {"comment line": 1},
      rejected_examples: [{line: 3, reason: expect.stringMatching(/^interactions\.kind must be one of like, /)}]
    });
  });

  it("fails at the first rejection when strict, naming file and line", async () => {
    const writer = await WarehouseWriter.create(temp.dir, {strict: true});
    const source = writer.source("fixture", "input.txt");
    expect(() => source.reject(9, "broken", "x")).toThrow("input.txt: line 9: broken (--strict)");
    writer.abandon();
  });

  it("keeps no post text when asked to drop it", async () => {
    const writer = await WarehouseWriter.create(temp.dir, {dropText: true});
    const source = writer.source("fixture", "fixture");
    const post = {post_id: "t:p", account_id: "t:1", network: "t", created_at: new Date(0), kind: "post", text: "hi"};
    source.accept(1, [{table: "posts", row: post as never}]);
    await writer.finish();
    const {db} = await openWarehouse(temp.dir);
    expect(await db.query("SELECT text FROM posts")).toEqual([{text: null}]);
    db.close();
  });

  it("writes every rejected record to rejects.csv with file, line and reason", async () => {
    const writer = await WarehouseWriter.create(temp.dir);
    const source = writer.source("fixture", "input.txt");
    source.reject(7, "broken, really", 'a "quoted" record');
    await writer.finish();
    expect(readFileSync(join(temp.dir, "rejects.csv"), "utf8")).toBe(
      'source,line,reason,record\ninput.txt,7,"broken, really","a ""quoted"" record"\n'
    );
  });

  it("refuses a manifest of another schema version, naming the file", async () => {
    await writeWorld(temp.dir, FIXTURE_WORLD);
    const path = join(temp.dir, MANIFEST_FILE);
    writeFileSync(path, JSON.stringify({...JSON.parse(readFileSync(path, "utf8")), schema_version: 99}));
    expect(() => readManifest(temp.dir)).toThrow(`${path} has schema version 99`);
  });

  it("writes no manifest when a table's rows are not those expected", async () => {
    const db = await openNodeDb();
    try {
      await createCanonicalTables(db);
      await db.run("INSERT INTO truth VALUES ('t:1', 0.5, NULL), ('t:2', 0.25, NULL)");
      await expect(writeWarehouseFiles(db, temp.dir, [], undefined, {accounts: 0, truth: 3})).rejects.toThrow(
        "truth: DuckDB wrote 2 rows where 3 were read"
      );
      expect(existsSync(join(temp.dir, MANIFEST_FILE))).toBe(false);
      const manifest = await writeWarehouseFiles(db, temp.dir, [], undefined, {accounts: 0, truth: 2});
      expect(manifest.tables.truth.rows).toBe(2);
    } finally {
      db.close();
    }
  });

  it("says when a folder is not a warehouse", () => {
    expect(() => readManifest(temp.dir)).toThrow(`${temp.dir} is not a warehouse: manifest.json is missing`);
  });
});

import {afterEach, beforeEach, describe, expect, it} from "vitest";
import {bytesInput, readLineBatches} from "../../loaders/input.js";
import {SourceRecorder, type Edge, type RowStore} from "../../loaders/report.js";
import type {TableRow} from "../../loaders/schema.js";
import {WarehouseWriter, openWarehouse} from "../../loaders/warehouse.js";
import {tempDir} from "../helpers/world.js";

let temp: ReturnType<typeof tempDir>;
beforeEach(() => void (temp = tempDir()));
afterEach(() => temp.remove());

const edge = (actor: string, target: string, more: Partial<Edge> = {}): Edge => ({
  network: "t",
  actor,
  target,
  ts: 1_000,
  kind: "mention",
  weight: null,
  follow: false,
  since: null,
  ...more
});

async function tables(dir: string) {
  const {db} = await openWarehouse(dir);
  try {
    return {
      accounts: await db.query("SELECT account_id, network, handle, followers FROM accounts ORDER BY account_id"),
      interactions: await db.query(
        "SELECT epoch_ms(ts) AS ms, network, actor_id, target_id, post_id, kind, weight FROM interactions ORDER BY ms"
      ),
      follows: await db.query(
        "SELECT follower_id, followee_id, network, epoch_ms(since) AS since FROM follows ORDER BY follower_id"
      )
    };
  } finally {
    db.close();
  }
}

describe("readLineBatches(file)", () => {
  it("numbers the lines of every batch on from the last, across chunks", async () => {
    // Three chunks of bytes: "a\r\nb" | "\nc\n\nd" | "e\n" hold the lines a, b, c, "", de.
    const chunks = ["a\r\nb", "\nc\n\nd", "e\n"].map((text) => new TextEncoder().encode(text));
    const file = {
      name: "chunks.txt",
      stream: () =>
        new ReadableStream<Uint8Array>({
          start(controller) {
            for (const chunk of chunks) controller.enqueue(chunk);
            controller.close();
          }
        })
    };
    const batches = [];
    for await (const batch of readLineBatches(file)) batches.push(batch);
    expect(batches).toEqual([
      {first: 1, lines: ["a"]},
      {first: 2, lines: ["b", "c", ""]},
      {first: 5, lines: ["de"]}
    ]);
  });

  it("ends with the last line even without its end", async () => {
    const batches = [];
    for await (const batch of readLineBatches(bytesInput("f.txt", "x\ny\r"))) batches.push(batch);
    expect(batches).toEqual([
      {first: 1, lines: ["x"]},
      {first: 2, lines: ["y"]}
    ]);
  });
});

describe("SourceRecorder.acceptEdge", () => {
  it("writes an edge's accounts, interaction and follow, merging accounts seen before", async () => {
    const writer = await WarehouseWriter.create(temp.dir);
    const source = writer.source("fixture", "edges.txt");
    expect(source.acceptEdge(1, edge("a", "b", {weight: 2.5}), "a b")).toBe(true);
    // A self-loop: its second account row merges with the first.
    expect(source.acceptEdge(2, edge("c", "c", {ts: 3_000}), "c c")).toBe(true);
    expect(source.acceptEdge(3, edge("b", "a", {kind: "follow", follow: true, since: 5_000, ts: 5_000}), "b a")).toBe(
      true
    );
    const manifest = await writer.finish();
    // Accounts a, b, c written once each; of the six account rows three were merged.
    expect(manifest.sources[0]).toMatchObject({
      records_read: 3,
      records_accepted: 3,
      written: {accounts: 3, interactions: 3, follows: 1},
      merged: {accounts: 3}
    });
    expect(await tables(temp.dir)).toEqual({
      accounts: [
        {account_id: "t:a", network: "t", handle: "a", followers: null},
        {account_id: "t:b", network: "t", handle: "b", followers: null},
        {account_id: "t:c", network: "t", handle: "c", followers: null}
      ],
      interactions: [
        {ms: 1_000, network: "t", actor_id: "t:a", target_id: "t:b", post_id: null, kind: "mention", weight: 2.5},
        {ms: 3_000, network: "t", actor_id: "t:c", target_id: "t:c", post_id: null, kind: "mention", weight: null},
        {ms: 5_000, network: "t", actor_id: "t:b", target_id: "t:a", post_id: null, kind: "follow", weight: null}
      ],
      follows: [{follower_id: "t:b", followee_id: "t:a", network: "t", since: 5_000}]
    });
  });

  it("keeps an account's columns whether a row or an edge names it first", async () => {
    const writer = await WarehouseWriter.create(temp.dir);
    const source = writer.source("fixture", "mixed");
    const profile = (id: string, followers: number): TableRow => ({
      table: "accounts",
      row: {account_id: `t:${id}`, network: "t", handle: `${id}-handle`, followers}
    });
    // x: a profile row, then an edge (the edge's handle does not replace the profile's);
    // y: an edge, then a profile (which fills the followers, keeping the edge's handle).
    source.accept(1, [profile("x", 10)]);
    source.acceptEdge(2, edge("x", "y"), "x y");
    source.accept(3, [profile("y", 20)]);
    await writer.finish();
    expect((await tables(temp.dir)).accounts).toEqual([
      {account_id: "t:x", network: "t", handle: "x-handle", followers: 10},
      {account_id: "t:y", network: "t", handle: "y", followers: 20}
    ]);
  });

  it("merges edges into the accounts of an earlier import (--append)", async () => {
    const first = await WarehouseWriter.create(temp.dir);
    first.source("fixture", "one").acceptEdge(1, edge("a", "b"), "a b");
    await first.finish();
    const second = await WarehouseWriter.create(temp.dir, {append: true});
    second.source("fixture", "two").acceptEdge(1, edge("b", "c", {ts: 2_000}), "b c");
    const manifest = await second.finish();
    expect(manifest.sources[1]).toMatchObject({written: {accounts: 1, interactions: 1}, merged: {accounts: 1}});
    const {accounts, interactions} = await tables(temp.dir);
    expect(accounts.map((row) => row.account_id)).toEqual(["t:a", "t:b", "t:c"]);
    expect(interactions.map((row) => [row.actor_id, row.target_id])).toEqual([
      ["t:a", "t:b"],
      ["t:b", "t:c"]
    ]);
  });

  it("writes accounts with numeric handles as those with other handles, beside rows and across appends", async () => {
    const writer = await WarehouseWriter.create(temp.dir);
    const source = writer.source("fixture", "numbers");
    const profile = (id: string, followers: number): TableRow => ({
      table: "accounts",
      row: {account_id: `t:${id}`, network: "t", handle: `h${id}`, followers}
    });
    // 0 and 5: numbers only; 7: a profile, then edges; 2: edges, then a profile; 007, 16777216 (2^24) and -3 are
    // not small canonical numbers; u:5 is another account than t:5.
    source.accept(1, [profile("7", 70)]);
    expect(source.acceptEdge(2, edge("0", "5"), "0 5")).toBe(true);
    expect(source.acceptEdge(3, edge("7", "2", {ts: 2_000, kind: "follow", follow: true, since: 2_000}), "7 2")).toBe(
      true
    );
    source.acceptEdge(4, edge("2", "007", {ts: 3_000}), "2 007");
    source.acceptEdge(5, edge("16777216", "-3", {ts: 4_000}), "16777216 -3");
    source.acceptEdge(6, edge("5", "5", {ts: 5_000, network: "u"}), "5 5");
    source.accept(7, [profile("2", 20)]);
    source.acceptEdge(8, edge("2", "0", {ts: 6_000}), "2 0");
    // An account row with nothing more than an edge's merges into the edge account, and leaves it as it was.
    source.accept(9, [{table: "accounts", row: {account_id: "t:5", network: "t", handle: "other"}}]);
    const manifest = await writer.finish();
    expect(manifest.sources[0]).toMatchObject({written: {accounts: 8, interactions: 6, follows: 1}});
    const {accounts, interactions, follows} = await tables(temp.dir);
    expect(accounts).toEqual([
      {account_id: "t:-3", network: "t", handle: "-3", followers: null},
      {account_id: "t:0", network: "t", handle: "0", followers: null},
      {account_id: "t:007", network: "t", handle: "007", followers: null},
      {account_id: "t:16777216", network: "t", handle: "16777216", followers: null},
      {account_id: "t:2", network: "t", handle: "2", followers: 20},
      {account_id: "t:5", network: "t", handle: "5", followers: null},
      {account_id: "t:7", network: "t", handle: "h7", followers: 70},
      {account_id: "u:5", network: "u", handle: "5", followers: null}
    ]);
    expect(interactions.map((row) => [row.network, row.actor_id, row.target_id])).toEqual([
      ["t", "t:0", "t:5"],
      ["t", "t:7", "t:2"],
      ["t", "t:2", "t:007"],
      ["t", "t:16777216", "t:-3"],
      ["u", "u:5", "u:5"],
      ["t", "t:2", "t:0"]
    ]);
    expect(follows).toEqual([{follower_id: "t:7", followee_id: "t:2", network: "t", since: 2_000}]);
    const second = await WarehouseWriter.create(temp.dir, {append: true});
    second.source("fixture", "more").acceptEdge(1, edge("5", "9", {ts: 7_000}), "5 9");
    expect((await second.finish()).sources[1]).toMatchObject({written: {accounts: 1}, merged: {accounts: 1}});
    const appended = await tables(temp.dir);
    expect(appended.accounts.map((row) => row.account_id)).toEqual([
      "t:-3",
      "t:0",
      "t:007",
      "t:16777216",
      "t:2",
      "t:5",
      "t:7",
      "t:9",
      "u:5"
    ]);
    expect(appended.interactions.at(-1)).toMatchObject({actor_id: "t:5", target_id: "t:9"});
  });

  it("rejects an edge whose rows break the model, as accept would", async () => {
    const writer = await WarehouseWriter.create(temp.dir);
    const source = writer.source("fixture", "bad.txt");
    expect(source.acceptEdge(4, edge("a", "b", {ts: 9e15}), "a b 9e12")).toBe(false);
    expect(source.acceptEdge(5, edge("a", "b", {weight: Number.NaN}), "a b NaN")).toBe(false);
    const manifest = await writer.finish();
    expect(manifest.sources[0]).toMatchObject({records_read: 2, rejected: 2, written: {}});
    expect(manifest.sources[0]!.rejected_examples).toEqual([
      {line: 4, reason: "interactions.ts must be TIMESTAMP, got Invalid Date"},
      {line: 5, reason: "interactions.weight must be DOUBLE, got NaN"}
    ]);
  });

  it("hands a store without writeEdge the edge's rows one by one", () => {
    const written: TableRow[] = [];
    const ids = new Set<string>();
    const store: RowStore = {
      write: (row) => {
        written.push(row);
        if (row.table === "accounts") ids.add(row.row.account_id);
      },
      has: (_table, id) => ids.has(id),
      mergeAccount: () => {},
      reject: () => {}
    };
    const source = new SourceRecorder("fixture", "f", store);
    source.acceptEdge(1, edge("a", "a", {kind: "follow", follow: true}), "a a");
    expect(written).toEqual([
      {table: "accounts", row: {account_id: "t:a", network: "t", handle: "a"}},
      {
        table: "interactions",
        row: {ts: new Date(1_000), network: "t", actor_id: "t:a", target_id: "t:a", kind: "follow", weight: null}
      },
      {table: "follows", row: {follower_id: "t:a", followee_id: "t:a", network: "t", since: null}}
    ]);
    expect(source.report).toMatchObject({written: {accounts: 1, interactions: 1, follows: 1}, merged: {accounts: 1}});
  });
});

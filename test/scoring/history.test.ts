/** Daily score histories: rolling windows worked out by hand on a three-day world. */
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {NodeDb} from "../../loaders/node-db.js";
import type {Interaction} from "../../loaders/schema.js";
import {dataDays, scoreHistory} from "../../scoring/history.js";
import {memoryWorld} from "../helpers/world.js";

const DAY = 86_400_000;
const D1 = Date.UTC(2026, 2, 1);
const at = (day: number, h: number) => new Date(D1 + (day - 1) * DAY + h * 3_600_000);
const react = (actor: string, target: string, ts: Date): Interaction => ({
  ts,
  network: "t",
  actor_id: actor,
  target_id: target,
  kind: "repost"
});

// Day 1: b reposts a. Day 2: c reposts a. Day 3: b reposts c.
let db: NodeDb;
beforeAll(async () => {
  db = await memoryWorld({
    accounts: ["t:a", "t:b", "t:c"].map((id) => ({account_id: id, network: "t", handle: id})),
    interactions: [react("t:b", "t:a", at(1, 10)), react("t:c", "t:a", at(2, 23)), react("t:b", "t:c", at(3, 0))]
  });
});
afterAll(() => db?.close());

describe("dataDays(db)", () => {
  it("gives the midnight of every day from the first event to the last", async () => {
    expect(await dataDays(db)).toEqual([D1, D1 + DAY, D1 + 2 * DAY]);
  });
});

describe("scoreHistory(db, method, options)", () => {
  it("scores each day's end over a window of the given length", async () => {
    const rows = await scoreHistory(db, "reactions", {windowDays: 2});
    const table = rows.map((row) => [row.date, row.account_id, row.value, row.rank]);
    // End of 1 March: window [28 Feb, 2 March) holds b→a. End of 2 March: [1, 3 March) holds b→a and c→a.
    // End of 3 March: [2, 4 March) holds c→a and b→c: a and c tie at 1 and share rank 1.
    expect(table).toEqual([
      ["2026-03-01", "t:a", 1, 1],
      ["2026-03-01", "t:b", 0, 2],
      ["2026-03-01", "t:c", 0, 2],
      ["2026-03-02", "t:a", 2, 1],
      ["2026-03-02", "t:b", 0, 2],
      ["2026-03-02", "t:c", 0, 2],
      ["2026-03-03", "t:a", 1, 1],
      ["2026-03-03", "t:c", 1, 1],
      ["2026-03-03", "t:b", 0, 3]
    ]);
  });

  it("accumulates for methods without a window, keeps only the accounts asked for and reports progress", async () => {
    const progress: [number, number][] = [];
    const rows = await scoreHistory(db, "reactions", {
      accounts: new Set(["t:a"]),
      onProgress: (done, total) => progress.push([done, total])
    });
    // `reactions` counts all time up to each day's end: 1, 2, 2.
    expect(rows.map((row) => [row.date, row.value, row.rank])).toEqual([
      ["2026-03-01", 1, 1],
      ["2026-03-02", 2, 1],
      ["2026-03-03", 2, 1]
    ]);
    expect(progress).toEqual([
      [1, 3],
      [2, 3],
      [3, 3]
    ]);
  });

  it("gives no rows for an empty dataset", async () => {
    const empty = await memoryWorld({});
    try {
      expect(await scoreHistory(empty, "klout")).toEqual([]);
    } finally {
      empty.close();
    }
  });
});

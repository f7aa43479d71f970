/**
 * Daily score histories: rolling windows worked out by hand on a three-day world, and the one-query path of
 * methods made of daily sums against scoring each day from the database, on a generated world.
 */
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {openNodeDb, type NodeDb} from "../../loaders/node-db.js";
import type {Interaction} from "../../loaders/schema.js";
import {dataDays, scoreHistory} from "../../scoring/history.js";
import {METHODS} from "../../scoring/methods/index.js";
import {scoreMethod} from "../../scoring/score.js";
import {loadWorld} from "../../simulation/node-writer.js";
import {resolveRecipe} from "../../simulation/recipe.js";
import {generateWorld} from "../../simulation/world.js";
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

  it("leaves no TEMP table behind", async () => {
    await scoreHistory(db, "reactions", {windowDays: 2});
    expect(await db.query("SELECT table_name FROM duckdb_tables() WHERE temporary")).toEqual([]);
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

describe("scoreHistory(db, method) for methods whose features are daily sums", () => {
  let world: NodeDb;
  beforeAll(async () => {
    world = await openNodeDb();
    await loadWorld(world, generateWorld(resolveRecipe({seed: 5, accounts: 300, days: 20, scenarios: "all"})));
  }, 120_000);
  afterAll(() => world?.close());

  const SLIDING = METHODS.filter((method) => method.decomposition?.daily).map((method) => method.id);

  it("covers the Klout-style, Kred-style and pairs-logistic methods", () => {
    expect(SLIDING).toEqual(["klout", "kred", "kred-global", "kred-outreach", "pairs-logistic"]);
  });

  // Independent reference: each day scored on its own, the window ending at that day's end.
  it.each([
    ["its own window", undefined],
    ["a 7-day window", 7]
  ])(
    "gives every day's values, scores and ranks as scoring that day alone, with %s",
    async (_, windowDays) => {
      const days = await dataDays(world);
      for (const id of SLIDING) {
        const history = await scoreHistory(world, id, {windowDays});
        expect(history).toHaveLength(days.length * 300);
        for (const [k, day] of days.entries()) {
          const date = new Date(day).toISOString().slice(0, 10);
          const rows = history.filter((row) => row.date === date);
          const expected = await scoreMethod(world, id, {at: day + DAY, windowDays});
          expect(rows.map((row) => [row.account_id, row.rank])).toEqual(
            expected.map((row) => [row.account_id, row.rank])
          );
          rows.forEach((row, i) => {
            expect(Math.abs(row.value - expected[i]!.value), `${id} day ${k} ${row.account_id}`).toBeLessThan(1e-9);
            expect(Math.abs(row.score - expected[i]!.score)).toBeLessThan(1e-9);
          });
        }
      }
    },
    300_000
  );
});

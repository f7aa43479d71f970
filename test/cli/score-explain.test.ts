/** `sway score --explain` and `--history daily` as a user runs them: output columns, sums and errors. */
import {join} from "node:path";
import {csvParse} from "d3";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {openNodeDb} from "../../loaders/node-db.js";
import {FIXTURE_WORLD} from "../helpers/fixture-world.js";
import {tempDir, writeWorld} from "../helpers/world.js";
import {sway} from "./run-sway.js";

const temp = tempDir();
const world = join(temp.dir, "world");

beforeAll(() => writeWorld(world, FIXTURE_WORLD));
afterAll(() => temp.remove());

describe("sway score --explain", () => {
  it("writes long csv rows whose contributions add up to each value", async () => {
    const {stdout, code} = await sway("score", world, "--methods", "klout,reactions", "--explain");
    expect(code).toBe(0);
    const rows = csvParse(stdout);
    expect(rows.columns).toEqual([
      "account_id",
      "method",
      "value",
      "score",
      "rank",
      "network",
      "network_account_id",
      "feature",
      "input",
      "contribution"
    ]);
    const sums = new Map<string, {value: number; total: number}>();
    for (const row of rows) {
      const key = `${row.account_id} ${row.method}`;
      const entry = sums.get(key) ?? {value: Number(row.value), total: 0};
      entry.total += Number(row.contribution);
      sums.set(key, entry);
    }
    // Six accounts, two methods.
    expect(sums.size).toBe(12);
    for (const {value, total} of sums.values()) expect(total).toBeCloseTo(value, 9);
    // Klout has six features per network; reactions explains as one term.
    expect(rows.filter((row) => row.account_id === "twitter:a" && row.method === "klout")).toHaveLength(6);
    // Fixture: twitter:a has 100 reported followers; reactions to twitter:a: 3.
    expect(rows.find((r) => r.account_id === "twitter:a" && r.feature === "followers")!.input).toBe("100");
    expect(rows.filter((r) => r.account_id === "twitter:a" && r.method === "reactions")).toEqual([
      expect.objectContaining({feature: "value", input: "3", contribution: "3", network: "twitter"})
    ]);
  });

  it("nests networks and features in json", async () => {
    const {stdout, code} = await sway("score", world, "--methods", "kred", "--explain", "--format", "json");
    expect(code).toBe(0);
    const rows = JSON.parse(stdout);
    // Fixture: twitter:a receives 2 reposts and 1 reply (30 points), the most on twitter, so 1000.
    const a = rows.find((row: {account_id: string}) => row.account_id === "twitter:a");
    expect(a.value).toBeCloseTo(1000, 9);
    expect(a.networks).toEqual([
      expect.objectContaining({network: "twitter", account_id: "twitter:a", contribution: expect.closeTo(1000, 9)})
    ]);
    expect(a.networks[0].features.repost).toEqual({input: 2, contribution: expect.closeTo((999 * 20) / 30, 9)});
  });
});

describe("sway score --history daily", () => {
  it("writes one row per account, method and day, and keeps only the accounts asked for", async () => {
    const {stdout, code} = await sway(
      "score",
      world,
      "--methods",
      "reactions",
      "--history",
      "daily",
      "--account",
      "twitter:a",
      "--window-days",
      "1"
    );
    expect(code).toBe(0);
    const rows = csvParse(stdout);
    expect(rows.columns).toEqual(["account_id", "method", "date", "value", "score", "rank"]);
    // Fixture: reactions to twitter:a on 1 March (reposts by b and c) and 2 March (reply by c); events span 1–4 March.
    expect(rows.map((row) => [row.date, row.value])).toEqual([
      ["2026-03-01", "2"],
      ["2026-03-02", "1"],
      ["2026-03-03", "0"],
      ["2026-03-04", "0"]
    ]);
  });

  it("writes the same rows, method after method, as json and as parquet", async () => {
    const args = ["score", world, "--methods", "reactions,followers", "--history", "daily"];
    const json = await sway(...args, "-f", "json");
    expect(json.code).toBe(0);
    const expected = JSON.parse(json.stdout) as Record<string, unknown>[];
    expect(new Set(expected.map((row) => row.method))).toEqual(new Set(["reactions", "followers"]));
    const parquet = join(temp.dir, "history.parquet");
    expect((await sway(...args, "-f", "parquet", "-o", parquet)).code).toBe(0);
    const db = await openNodeDb();
    try {
      expect(await db.query("SELECT * FROM read_parquet(?)", [parquet])).toEqual(expected);
    } finally {
      db.close();
    }
  });

  it("refuses --account without --history and --history with --explain", async () => {
    const lone = await sway("score", world, "--account", "twitter:a");
    expect(lone).toMatchObject({code: 1, stderr: "sway: --account needs --history\n"});
    const both = await sway("score", world, "--history", "daily", "--explain");
    expect(both).toMatchObject({code: 1, stderr: "sway: --history and --explain cannot be combined\n"});
  });
});

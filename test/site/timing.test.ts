// @vitest-environment jsdom
/**
 * The timing page's queries and binning: reactions by weekday and hour on a shifted clock, posts by hour of
 * publication with their reactions per post, the best hours, and undated rows kept out of the clock. Times are
 * chosen by hand so that offsets carry them across midnight and across the end of the week.
 */
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {Interaction, Post} from "../../loaders/schema.js";
import type {Db} from "../../scoring/db.js";
import {
  bestHours,
  bestHoursSentence,
  formatOffset,
  hourSpan,
  mostReactedAccount,
  offsetParam,
  postHourBins,
  postHourChart,
  postQuarters,
  reactionHeatmap,
  reactionQuarters,
  weekHourCells,
  type HourBin
} from "../../src/components/timing.js";
import {memoryWorld, openNative, openWasm, tempDir, writeWorld, type WorldRows} from "../helpers/world.js";

// 2 March 2026 is a Monday.
const utc = (day: number, hour: number, minute: number) => new Date(Date.UTC(2026, 2, day, hour, minute));
const react = (ts: Date, actor = "t:fan", kind: Interaction["kind"] = "like", postId: string | null = null) => ({
  ts,
  network: "t",
  actor_id: actor,
  target_id: "t:star",
  post_id: postId,
  kind
});
const post = (id: string, created: Date, kind: Post["kind"] = "post"): Post => ({
  post_id: id,
  account_id: "t:star",
  network: "t",
  created_at: created,
  kind
});

const WORLD: WorldRows = {
  accounts: ["t:star", "t:fan", "t:other"].map((id) => ({account_id: id, network: "t", handle: id.slice(2)})),
  posts: [
    post("t:p1", utc(2, 9, 10)), // 09:10 UTC, 3 reactions
    post("t:p2", utc(3, 9, 50)), // 09:50 UTC, 1 reaction
    post("t:p3", utc(4, 23, 40)), // 23:40 UTC, 5 reactions
    post("t:p4", utc(5, 10, 0), "repost"), // a repost of someone else's post: not the account's publishing
    post("t:p5", new Date(0)) // no known time, 2 reactions
  ],
  interactions: [
    // The week's reactions, each on p1 so the post counts stay those above.
    react(utc(2, 0, 10), "t:fan", "like", "t:p1"), // Monday 00:10
    react(utc(8, 23, 30), "t:fan", "repost", "t:p1"), // Sunday 23:30
    react(utc(4, 12, 50), "t:other", "reply", "t:p1"), // Wednesday 12:50
    react(utc(4, 12, 55), "t:other", "like", "t:p2"), // Wednesday 12:55
    ...[1, 2, 3, 4, 5].map((minute) => react(utc(5, 0, minute), "t:fan", "like", "t:p3")), // Thursday 00:01–00:05
    react(new Date(0), "t:fan", "like", "t:p5"), // no known time
    react(new Date(0), "t:other", "like", "t:p5"),
    // Not reactions to t:star: its own like, a follow, a reaction to another account.
    {...react(utc(2, 1, 0), "t:star"), target_id: "t:star"},
    react(utc(2, 2, 0), "t:fan", "follow"),
    {...react(utc(2, 3, 0), "t:star"), target_id: "t:fan"}
  ]
};

/** Quarter of the UTC week by hand: Monday 00:00 is 0, each day 96 quarters. */
const EXPECTED_QUARTERS = [
  {quarter: 0, reactions: 1}, // Monday 00:10
  {quarter: 2 * 96 + 12 * 4 + 3, reactions: 2}, // Wednesday 12:50 and 12:55 (243)
  {quarter: 3 * 96, reactions: 5}, // Thursday 00:01–00:05 (288)
  {quarter: 6 * 96 + 23 * 4 + 2, reactions: 1} // Sunday 23:30 (670)
];

/** An independent reference: each dated reaction's weekday (Monday 0) and hour on the shifted clock, by `Date`. */
function referenceCells(offsetMinutes: number): Map<string, number> {
  const cells = new Map<string, number>();
  for (const reaction of WORLD.interactions!) {
    if (reaction.target_id !== "t:star" || reaction.actor_id === "t:star" || reaction.kind === "follow") continue;
    if (reaction.ts.getTime() === 0) continue;
    const local = new Date(reaction.ts.getTime() + offsetMinutes * 60_000);
    const key = `${(local.getUTCDay() + 6) % 7} ${local.getUTCHours()}`;
    cells.set(key, (cells.get(key) ?? 0) + 1);
  }
  return cells;
}

const nonEmpty = (cells: {weekday: number; hour: number; reactions: number}[]) =>
  new Map(cells.filter((cell) => cell.reactions > 0).map((cell) => [`${cell.weekday} ${cell.hour}`, cell.reactions]));

describe("the timing queries", () => {
  let db: Db & {close(): void};
  beforeAll(async () => {
    db = await memoryWorld(WORLD);
  });
  afterAll(() => db?.close());

  it("reactionQuarters(db, id) counts reactions from others per quarter of the UTC week, undated apart", async () => {
    expect(await reactionQuarters(db, "t:star")).toEqual({quarters: EXPECTED_QUARTERS, undated: 2});
    expect(await reactionQuarters(db, "t:other")).toEqual({quarters: [], undated: 0});
  });

  it("postQuarters(db, id) counts the account's posts per quarter of the UTC day with the reactions they drew", async () => {
    // p1 at 09:10 (quarter 36) drew Monday's, Sunday's and Wednesday's 12:50 reactions; p2 at 09:50 (39) one; p3
    // at 23:40 (94) five; the repost p4 is left out; p5 has no time and drew 2.
    expect(await postQuarters(db, "t:star")).toEqual({
      quarters: [
        {quarter: 36, posts: 1, reactions: 3},
        {quarter: 39, posts: 1, reactions: 1},
        {quarter: 94, posts: 1, reactions: 5}
      ],
      undated: 1
    });
    expect(await postQuarters(db, "t:fan")).toEqual({quarters: [], undated: 0});
  });

  it("mostReactedAccount(db) is the account with most reactions from others, none without reactions", async () => {
    expect(await mostReactedAccount(db)).toBe("t:star");
    const quiet = await memoryWorld({accounts: WORLD.accounts});
    expect(await mostReactedAccount(quiet)).toBeUndefined();
    quiet.close();
  });

  it("gives the same rows on duckdb-wasm, the browser's engine", {timeout: 120_000}, async () => {
    const temp = tempDir();
    await writeWorld(temp.dir, WORLD);
    const native = await openNative(temp.dir);
    const wasm = await openWasm(temp.dir);
    for (const query of [reactionQuarters, postQuarters]) {
      expect(await query(wasm, "t:star")).toEqual(await query(native, "t:star"));
    }
    expect(await mostReactedAccount(wasm)).toBe("t:star");
    native.close();
    temp.remove();
  });
});

describe("weekHourCells(quarters, offset)", () => {
  it("places the reactions on the UTC clock at offset 0", () => {
    const cells = weekHourCells(EXPECTED_QUARTERS, 0);
    expect(cells).toHaveLength(168);
    expect(cells[0]).toEqual({weekday: 0, hour: 0, reactions: 1});
    expect(nonEmpty(cells)).toEqual(
      new Map([
        ["0 0", 1],
        ["2 12", 2],
        ["3 0", 5],
        ["6 23", 1]
      ])
    );
    expect(nonEmpty(cells)).toEqual(referenceCells(0));
  });

  it("moves reactions back across midnight and the start of the week at UTC−1", () => {
    // Monday 00:10 → Sunday 23:10; Thursday 00:01 → Wednesday 23:01; Wednesday 12:50 → 11:50; Sunday 23:30 → 22:30.
    expect(nonEmpty(weekHourCells(EXPECTED_QUARTERS, -60))).toEqual(
      new Map([
        ["6 23", 1],
        ["2 23", 5],
        ["2 11", 2],
        ["6 22", 1]
      ])
    );
    expect(nonEmpty(weekHourCells(EXPECTED_QUARTERS, -60))).toEqual(referenceCells(-60));
  });

  it("moves reactions forward across the end of the week by a half and a three-quarter hour", () => {
    // UTC+5:30: Sunday 23:30 → Monday 05:00; Wednesday 12:50 → 18:20, 12:55 → 18:25; Thursday 00:01 → 05:31.
    expect(nonEmpty(weekHourCells(EXPECTED_QUARTERS, 330))).toEqual(
      new Map([
        ["0 5", 1 + 1], // Monday 00:10 → 05:40, and Sunday 23:30 → Monday 05:00
        ["2 18", 2],
        ["3 5", 5]
      ])
    );
    // UTC+5:45: Wednesday 12:50 → 18:35; Sunday 23:30 → Monday 05:15.
    expect(nonEmpty(weekHourCells(EXPECTED_QUARTERS, 345))).toEqual(referenceCells(345));
    expect(nonEmpty(weekHourCells(EXPECTED_QUARTERS, 840))).toEqual(referenceCells(840));
    expect(nonEmpty(weekHourCells(EXPECTED_QUARTERS, -720))).toEqual(referenceCells(-720));
  });

  it("refuses an offset that is not whole quarter hours within ±14 hours", () => {
    expect(() => weekHourCells([], 20)).toThrow(/src\/components\/timing: a UTC offset must be whole quarter hours/);
    expect(() => weekHourCells([], 15 * 60)).toThrow(RangeError);
  });
});

describe("postHourBins(quarters, offset) and bestHours(bins)", () => {
  const quarters = [
    {quarter: 36, posts: 1, reactions: 3}, // 09:10
    {quarter: 39, posts: 1, reactions: 1}, // 09:50
    {quarter: 94, posts: 1, reactions: 5} // 23:40
  ];

  it("bins posts by the local hour of publication, across midnight, with reactions per post", () => {
    const bins = postHourBins(quarters, 60); // 10:10, 10:50, 00:40 the next day
    expect(bins).toHaveLength(24);
    expect(bins.filter((bin) => bin.posts > 0)).toEqual([
      {hour: 0, posts: 1, reactions: 5, mean: 5},
      {hour: 10, posts: 2, reactions: 4, mean: 2}
    ]);
    expect(bins[1]).toEqual({hour: 1, posts: 0, reactions: 0, mean: null});
    // UTC−9:30: 23:40 the day before, 00:20, 14:10.
    expect(
      postHourBins(quarters, -570)
        .filter((bin) => bin.posts > 0)
        .map((bin) => [bin.hour, bin.mean])
    ).toEqual([
      [0, 1],
      [14, 5],
      [23, 3]
    ]);
  });

  it("names the hours with most reactions per post among those with enough posts", () => {
    const bins = postHourBins(quarters, 60);
    expect(bestHours(bins)).toEqual([]); // no hour has 3 posts
    expect(bestHours(bins, {minPosts: 1}).map((bin) => bin.hour)).toEqual([0, 10]);
    expect(bestHours(bins, {minPosts: 2}).map((bin) => bin.hour)).toEqual([10]);
  });

  it("breaks ties by more posts, then the earlier hour, and keeps `count` hours", () => {
    const bin = (hour: number, posts: number, reactions: number): HourBin => ({
      hour,
      posts,
      reactions,
      mean: reactions / posts
    });
    const bins = [bin(1, 4, 8), bin(2, 6, 12), bin(3, 3, 9), bin(4, 4, 8), bin(5, 10, 5)];
    expect(bestHours(bins).map((b) => b.hour)).toEqual([3, 2, 1]);
    expect(bestHours(bins, {count: 5}).map((b) => b.hour)).toEqual([3, 2, 1, 4, 5]);
  });
});

describe("the page's words", () => {
  it("bestHoursSentence(best, offset) names the hours with their means and samples", () => {
    const best = [
      {hour: 14, posts: 8, reactions: 100, mean: 12.5},
      {hour: 9, posts: 3, reactions: 30, mean: 10},
      {hour: 23, posts: 4, reactions: 34, mean: 8.5}
    ];
    expect(bestHoursSentence(best, "UTC+1")).toBe(
      "At UTC+1, posts published 14:00–15:00 drew most reactions: 12.5 per post over 8 posts; " +
        "then 09:00–10:00 (10.0 over 3 posts) and 23:00–00:00 (8.5 over 4 posts)."
    );
    expect(bestHoursSentence(best.slice(0, 1), "UTC")).toBe(
      "At UTC, posts published 14:00–15:00 drew most reactions: 12.5 per post over 8 posts."
    );
    expect(bestHoursSentence([], "UTC")).toBe(
      "No hour has 3 or more posts, too few to say which hours draw most reactions."
    );
  });

  it("formatOffset and hourSpan write offsets and hours as a clock does", () => {
    expect([0, 60, -180, -210, 330, 345, 840].map(formatOffset)).toEqual([
      "UTC",
      "UTC+1",
      "UTC\u22123",
      "UTC\u22123:30",
      "UTC+5:30",
      "UTC+5:45",
      "UTC+14"
    ]);
    expect(hourSpan(0)).toBe("00:00–01:00");
    expect(hourSpan(23)).toBe("23:00–00:00");
  });

  it("offsetParam(search) reads a real offset in hours, and ignores anything else", () => {
    expect(offsetParam("?offset=5.5")).toBe(330);
    expect(offsetParam("?account=t%3Astar&offset=-3.5")).toBe(-210);
    expect(offsetParam("?offset=5.75")).toBe(345);
    expect(offsetParam("?offset=0")).toBe(0);
    expect(offsetParam("?offset=-12")).toBe(-720);
    for (const search of ["", "?offset=", "?offset=5.2", "?offset=15", "?offset=abc", "?offset=1e1", "?offset=+1"]) {
      expect(offsetParam(search), search).toBeUndefined();
    }
  });
});

describe("the figures", () => {
  it("reactionHeatmap(cells) draws a cell per hour of the week and records the offset and total", () => {
    const figure = reactionHeatmap(weekHourCells(EXPECTED_QUARTERS, 330), {
      offsetLabel: "UTC+5:30",
      offsetMinutes: 330,
      legend: false
    });
    expect(figure.dataset.testid).toBe("reaction-heatmap");
    expect(figure.dataset.offset).toBe("330");
    expect(figure.dataset.reactions).toBe("9");
    expect(figure.querySelectorAll('g[aria-label="cell"] rect')).toHaveLength(168);
    const titles = Array.from(figure.querySelectorAll('g[aria-label="cell"] title'), (title) => title.textContent);
    expect(titles).toContain("Monday 05:00–06:00: 2 reactions");
  });

  it("postHourChart(bins) draws a bar per hour with posts, labelled by its number of posts", () => {
    const figure = postHourChart(postHourBins(quarters(), 60), {offsetLabel: "UTC+1"});
    expect(figure.dataset.testid).toBe("post-hours");
    expect(figure.querySelectorAll('g[aria-label="bar"] rect')).toHaveLength(2);
    expect(Array.from(figure.querySelectorAll('g[aria-label="text"] text'), (text) => text.textContent)).toEqual([
      "1",
      "2"
    ]);
  });

  function quarters() {
    return [
      {quarter: 36, posts: 1, reactions: 3},
      {quarter: 39, posts: 1, reactions: 1},
      {quarter: 94, posts: 1, reactions: 5}
    ];
  }
});

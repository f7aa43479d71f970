// @vitest-environment jsdom
import {describe, expect, it} from "vitest";
import {
  HISTOGRAM_CAPTION,
  countsTable,
  formatNumber,
  kindsTable,
  scoreHistogram,
  symlogBins,
  symlogTicks,
  withHandles
} from "../../src/components/overview.js";

describe("symlogBins", () => {
  it("symlogBins(values, {count}) splits log(1 + x) evenly from the smallest value to the largest", () => {
    // log1p(999) / 3 = ln 10, so the edges are 0, 9, 99 and 999; no value sits on an edge.
    const bins = symlogBins([0, 0, 0, 1, 5, 50, 500, 999, NaN], {count: 3});
    expect(bins.map((bin) => bin.length)).toEqual([5, 1, 2]);
    const edges = [bins[0]!.x0, ...bins.map((bin) => bin.x1)];
    [0, 9, 99, 999].forEach((edge, i) => expect(edges[i]).toBeCloseTo(edge, 9));
  });

  it("symlogBins(values) puts the largest value in the last bin", () => {
    const bins = symlogBins([1, 2, 3, 1000], {count: 4});
    expect(bins.at(-1)).toEqual({x0: expect.any(Number), x1: 1000, length: 1});
    expect(bins.reduce((sum, bin) => sum + bin.length, 0)).toBe(4);
  });

  it("symlogBins(values) is symmetric around zero", () => {
    const bins = symlogBins([-9, -1, 1, 9], {count: 2});
    expect(bins.map((bin) => bin.length)).toEqual([2, 2]);
    expect(bins[0]!.x1).toBeCloseTo(0, 12);
  });

  it("symlogBins(values) gives one bin for equal values and none for no values", () => {
    expect(symlogBins([4, 4, 4])).toEqual([{x0: 4, x1: 4, length: 3}]);
    expect(symlogBins([])).toEqual([]);
    expect(symlogBins([NaN, Infinity])).toEqual([]);
  });
});

describe("symlogTicks", () => {
  it("symlogTicks(max) gives 0 and powers of ten over many decades, 1-2-5 steps over few", () => {
    expect(symlogTicks(1_250_000)).toEqual([0, 1, 10, 100, 1000, 10_000, 100_000, 1_000_000]);
    expect(symlogTicks(5.3)).toEqual([0, 1, 2, 5]);
    expect(symlogTicks(31)).toEqual([0, 1, 2, 5, 10, 20]);
    expect(symlogTicks(0)).toEqual([0]);
  });
});

describe("formatNumber", () => {
  it("formatNumber(x) writes integers in full and other numbers to four significant digits", () => {
    expect(formatNumber(1_250_000)).toBe("1,250,000");
    expect(formatNumber(0)).toBe("0");
    expect(formatNumber(5.305123)).toBe("5.305");
    expect(formatNumber(0.0132567)).toBe("0.01326");
    expect(formatNumber(0.5)).toBe("0.5");
  });
});

describe("withHandles", () => {
  it("withHandles(scores, accounts) keeps the order of the scores and falls back to the account id", () => {
    const scores = [
      {account_id: "t:2", method: "m", rank: 1, score: 9, value: 9},
      {account_id: "t:1", method: "m", rank: 2, score: 3, value: 3},
      {account_id: "t:404", method: "m", rank: 3, score: 0, value: 0}
    ];
    const accounts = [
      {account_id: "t:1", handle: "one", network: "t"},
      {account_id: "t:2", handle: "<b>two</b>", network: "t"}
    ];
    expect(withHandles(scores, accounts)).toEqual([
      {rank: 1, account_id: "t:2", handle: "<b>two</b>", network: "t", score: 9, value: 9},
      {rank: 2, account_id: "t:1", handle: "one", network: "t", score: 3, value: 3},
      {rank: 3, account_id: "t:404", handle: "t:404", network: "", score: 0, value: 0}
    ]);
  });
});

describe("countsTable", () => {
  const counts = [
    {
      network: "<i>net</i>",
      accounts: 1234,
      posts: 5,
      interactions: 0,
      follows: 2,
      first_ts: Date.UTC(2026, 2, 2, 6),
      last_ts: null
    }
  ];

  it("countsTable(counts) writes one row per network, with raw values in data attributes", () => {
    const table = countsTable(counts);
    expect(table.dataset.testid).toBe("counts");
    const cells = Array.from(table.querySelectorAll("tbody td"), (td) => [
      (td as HTMLElement).dataset.field,
      (td as HTMLElement).dataset.value,
      td.textContent
    ]);
    expect(cells).toEqual([
      ["network", "<i>net</i>", "<i>net</i>"],
      ["accounts", "1234", "1,234"],
      ["posts", "5", "5"],
      ["interactions", "0", "0"],
      ["follows", "2", "2"],
      ["first_ts", String(Date.UTC(2026, 2, 2, 6)), "2026-03-02"],
      ["last_ts", "null", "—"]
    ]);
  });

  it("countsTable(counts) writes names from the data as text, never as markup", () => {
    expect(countsTable(counts).querySelector("i")).toBeNull();
  });
});

describe("kindsTable", () => {
  it("kindsTable(kinds) has a row per network and a column per kind, most frequent first, zeros filled in", () => {
    const table = kindsTable([
      {network: "a", kind: "like", interactions: 5},
      {network: "a", kind: "reply", interactions: 1},
      {network: "b", kind: "reply", interactions: 9}
    ]);
    expect(Array.from(table.querySelectorAll("th"), (th) => th.textContent)).toEqual(["Network", "reply", "like"]);
    expect(
      Array.from(table.querySelectorAll("tbody tr"), (tr) => Array.from(tr.children, (td) => td.textContent))
    ).toEqual([
      ["a", "1", "5"],
      ["b", "9", "0"]
    ]);
  });
});

describe("scoreHistogram", () => {
  it("scoreHistogram(bins) draws one bar per bin, with its caption", () => {
    const figure = scoreHistogram(symlogBins([0, 1, 10, 100, 1000], {count: 8}), {width: 400});
    expect(figure.querySelectorAll('g[aria-label="rect"] rect')).toHaveLength(8);
    expect(figure.querySelector("figcaption")?.textContent).toBe(HISTOGRAM_CAPTION);
  });
});

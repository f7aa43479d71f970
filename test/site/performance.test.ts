// @vitest-environment jsdom
import {describe, expect, it} from "vitest";
import {
  GROWTH_KERNEL,
  budgetTable,
  formatMs,
  growthChart,
  growthPoints,
  kernelTable,
  kernels,
  peerChart,
  rowGroups,
  type Row
} from "../../src/components/performance.js";

function row(kernel: string, size: string, tool: string, medianMs: number, extra: Partial<Row> = {}): Row {
  return {kernel, tool, size, medianMs, minMs: medianMs * 0.9, maxMs: medianMs * 1.1, peakMiB: 100, ...extra};
}

// Two kernels, interleaved sizes; in the first group Sway is not the first row, the last group has no Sway row.
const ROWS: Row[] = [
  row("pagerank", "1M", "C loop", 40),
  row("pagerank", "1M", "sway", 80),
  row("pagerank", "1M", "sway, 2 worker threads", 50),
  row("aggregate", "1M", "sway feature SQL", 1000),
  row("pagerank", "5M", "sway", 400),
  row("aggregate", "1M", "arquero", 23000),
  row("pagerank", "1M", "graphology-metrics", 2000),
  row("import", "csv", "duckdb read_csv", 300)
];

describe("rowGroups(rows)", () => {
  it("groups by kernel and size in order of first appearance, each median over the first Sway row's", () => {
    const groups = rowGroups(ROWS);
    expect(groups.map((group) => [group.kernel, group.size])).toEqual([
      ["pagerank", "1M"],
      ["aggregate", "1M"],
      ["pagerank", "5M"],
      ["import", "csv"]
    ]);
    // pagerank 1M: Sway (the first "sway…" tool) took 80 ms: 40/80, 80/80, 50/80, 2000/80.
    expect(groups[0]!.rows.map((r) => [r.tool, r.timesSway])).toEqual([
      ["C loop", 0.5],
      ["sway", 1],
      ["sway, 2 worker threads", 0.625],
      ["graphology-metrics", 25]
    ]);
    expect(groups[1]!.rows.map((r) => r.timesSway)).toEqual([1, 23]);
    expect(groups[3]!.rows.map((r) => r.timesSway)).toEqual([null]);
  });

  it("keeps apart a kernel and size whose names would run together when joined", () => {
    const groups = rowGroups([row("a · b", "c", "sway", 1), row("a", "b · c", "sway", 2)]);
    expect(groups).toHaveLength(2);
  });
});

describe("kernels(rows)", () => {
  it("lists each kernel once, in order of first appearance", () => {
    expect(kernels(ROWS)).toEqual(["pagerank", "aggregate", "import"]);
  });
});

describe("kernelTable(rows, kernel)", () => {
  it("has a row per size and tool with times, peak memory and the ratio to Sway, dashes where there is none", () => {
    const table = kernelTable([...ROWS, row("pagerank", "5M", "browser", 2.5, {peakMiB: null})], "pagerank");
    const cells = [...table.tBodies[0]!.rows].map((tr) => [...tr.cells].map((td) => td.textContent));
    expect(cells).toEqual([
      ["1M", "C loop", "40", "36", "44", "100", "0.50"],
      ["1M", "sway", "80", "72", "88", "100", "1.00"],
      ["1M", "sway, 2 worker threads", "50", "45", "55", "100", "0.63"],
      ["1M", "graphology-metrics", "2,000", "1,800", "2,200", "100", "25.00"],
      ["5M", "sway", "400", "360", "440", "100", "1.00"],
      ["5M", "browser", "2.50", "2.25", "2.75", "–", "0.01"]
    ]);
  });

  it("writes tool names as text, never as HTML", () => {
    const table = kernelTable([row("k", "1", "<img src=x onerror=alert(1)>", 5)], "k");
    expect(table.querySelector("img")).toBeNull();
    expect(table.tBodies[0]!.rows[0]!.cells[1]!.textContent).toBe("<img src=x onerror=alert(1)>");
  });
});

describe("formatMs(ms)", () => {
  it("writes two decimals below 10 ms and whole milliseconds with separators above", () => {
    expect([formatMs(3.14159), formatMs(9.999), formatMs(12.6), formatMs(28001.2)]).toEqual([
      "3.14",
      "10.00",
      "13",
      "28,001"
    ]);
  });
});

describe("budgetTable(budgets)", () => {
  it("says met or missed for each budget", () => {
    const table = budgetTable([
      {name: "overview", target: "< 2 s", measured: "1.50 s", met: true},
      {name: "higgs", target: "< 10 s", measured: "28.0 s", met: false}
    ]);
    const cells = [...table.tBodies[0]!.rows].map((tr) => [...tr.cells].map((td) => td.textContent));
    expect(cells).toEqual([
      ["overview", "< 2 s", "1.50 s", "met"],
      ["higgs", "< 10 s", "28.0 s", "missed"]
    ]);
  });
});

describe("growthPoints(rows)", () => {
  it("takes the growth rows with an input size, smallest first, in seconds", () => {
    const points = growthPoints([
      row(GROWTH_KERNEL, "5,000 accounts", "sway", 12_000, {inputSize: 176_208, peakMiB: 420}),
      row(GROWTH_KERNEL, "1,000 accounts", "sway", 4_000, {inputSize: 20_539}),
      row(GROWTH_KERNEL, "no size", "sway", 1),
      row("pagerank", "1M", "sway", 80, {inputSize: 1_000_000})
    ]);
    expect(points).toEqual([
      {size: "1,000 accounts", interactions: 20_539, seconds: 4, peakMiB: 100},
      {size: "5,000 accounts", interactions: 176_208, seconds: 12, peakMiB: 420}
    ]);
  });
});

describe("growthChart(points, measure)", () => {
  const points = [
    {size: "1,000 accounts (20,539 interactions)", interactions: 20_539, seconds: 4, peakMiB: 100},
    {size: "5,000 accounts (176,208 interactions)", interactions: 176_208, seconds: 12, peakMiB: null}
  ];

  it("draws a dot per input, labelled with its size without the interaction count", () => {
    const chart = growthChart(points, "seconds", {width: 600});
    expect(chart.querySelectorAll("circle")).toHaveLength(2);
    expect([...chart.querySelectorAll("text")].map((text) => text.textContent)).toEqual(
      expect.arrayContaining(["1,000 accounts", "5,000 accounts"])
    );
  });

  it("leaves out inputs whose peak memory is unknown", () => {
    expect(growthChart(points, "peakMiB", {width: 600}).querySelectorAll("circle")).toHaveLength(1);
  });
});

describe("peerChart(rows, kernel)", () => {
  it("draws every rated row of the groups that have peers", () => {
    // pagerank: four tools at 1M; 5M has Sway alone and draws nothing.
    const chart = peerChart(ROWS, "pagerank", {width: 600})!;
    expect(chart.querySelectorAll("circle")).toHaveLength(4);
  });

  it("is null for a kernel without a peer or without a Sway row", () => {
    expect(peerChart([row("k", "1", "sway", 1)], "k", {width: 600})).toBeNull();
    expect(peerChart(ROWS, "import", {width: 600})).toBeNull();
  });
});

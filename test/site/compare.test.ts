// @vitest-environment jsdom
import {describe, expect, it} from "vitest";
import {
  axisType,
  formatEntry,
  matrixCells,
  matrixFigure,
  methodScatter,
  pairValues
} from "../../src/components/compare.js";
import type {MethodScores} from "../../scoring/score.js";

describe("matrixCells", () => {
  it("matrixCells(methods, matrix) lays out m² cells row by row", () => {
    expect(
      matrixCells(
        ["a", "b"],
        [
          [1, 0.5],
          [0.5, 1]
        ]
      )
    ).toEqual([
      {row: "a", column: "a", value: 1},
      {row: "a", column: "b", value: 0.5},
      {row: "b", column: "a", value: 0.5},
      {row: "b", column: "b", value: 1}
    ]);
    expect(matrixCells([], [])).toEqual([]);
  });

  it("matrixCells(methods, matrix) refuses a matrix of another size", () => {
    expect(() => matrixCells(["a", "b"], [[1, 0]])).toThrow(
      /src\/components\/compare: a matrix for 2 methods must be 2 × 2/
    );
  });
});

describe("formatEntry", () => {
  it("formatEntry(value) writes two decimals, and n/a for an undefined coefficient", () => {
    expect(formatEntry(0.756)).toBe("0.76");
    expect(formatEntry(-1)).toBe("−1.00"); // d3-format writes the minus sign, U+2212
    expect(formatEntry(NaN)).toBe("n/a");
  });
});

describe("matrixFigure", () => {
  it("matrixFigure(methods, matrix) draws a cell per pair and repeats the numbers in a table", () => {
    const names = new Map([
      ["a", "<b>A</b>"],
      ["b", "B"],
      ["c", "C"]
    ]);
    const matrix = [
      [1, 0.2, NaN],
      [0.2, 1, -0.5],
      [NaN, -0.5, 1]
    ];
    const figure = matrixFigure(["a", "b", "c"], matrix, {testid: "correlation-matrix", names, legend: false});
    expect(figure.dataset.testid).toBe("correlation-matrix");
    expect(figure.dataset.methods).toBe("a,b,c");
    expect(figure.querySelectorAll('g[aria-label="cell"] rect')).toHaveLength(9);
    const cells = Array.from(figure.querySelectorAll("table tbody tr"), (tr) =>
      Array.from(tr.querySelectorAll("td"), (td) => td.textContent)
    );
    expect(cells).toEqual([
      ["<b>A</b>", "1.00", "0.20", "n/a"],
      ["B", "0.20", "1.00", "−0.50"],
      ["C", "n/a", "−0.50", "1.00"]
    ]);
    expect(figure.querySelector("table b")).toBeNull();
  });
});

describe("axisType", () => {
  it("axisType(values) is log for positive values over two decades, symlog with zeros, else linear", () => {
    expect(axisType([1, 50, 100])).toBe("log");
    expect(axisType([1, 50, 99])).toBe("linear");
    expect(axisType([0, 0.5, 50])).toBe("symlog");
    expect(axisType([-1, 1000])).toBe("linear");
    expect(axisType([0, 0])).toBe("linear");
    expect(axisType([])).toBe("linear");
  });
});

describe("methodScatter", () => {
  it("methodScatter(points) labels log ticks as plain numbers, not SI prefixes", () => {
    const points = [0.01, 0.2, 3, 40, 500].map((x, i) => ({account_id: `a${i}`, handle: `h${i}`, x, y: i + 1}));
    const svg = methodScatter(points, {xLabel: "x", yLabel: "y"});
    const ticks = [...svg.querySelectorAll("g[aria-label='x-axis tick label'] text")].map((t) => t.textContent);
    expect(ticks).toContain("0.1");
    expect(ticks).toContain("100");
    expect(ticks.some((tick) => /[mµk]$/.test(tick ?? ""))).toBe(false);
  });
});

describe("pairValues", () => {
  /** Scores of accounts given in rank order. */
  const scores = (values: Record<string, number>): MethodScores => {
    const column = Float64Array.from(Object.values(values));
    const ranks = Int32Array.from(column.keys(), (i) => i + 1);
    return {
      method: "m",
      accountIds: Object.keys(values),
      values: column,
      scores: column,
      ranks,
      order: Uint32Array.from(column.keys())
    };
  };

  it("pairValues(x, y, handles) pairs the accounts both methods scored, in rank order under x", () => {
    expect(pairValues(scores({b: 2, a: 1, d: 0}), scores({c: 30, b: 20, d: 5, a: 4}), new Map([["b", "bee"]]))).toEqual(
      [
        {account_id: "b", handle: "bee", x: 2, y: 20},
        {account_id: "a", handle: "a", x: 1, y: 4},
        {account_id: "d", handle: "d", x: 0, y: 5}
      ]
    );
  });
});

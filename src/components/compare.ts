/**
 * The comparison page's figures, as pure functions of `compareMethods` output (`scoring/compare/`): a matrix
 * of method pairs as a heatmap with the same numbers as a table beside it, a scatter of two methods' values
 * on axes chosen to fit them, and the accounts on which two methods disagree most.
 */
import * as Plot from "@observablehq/plot";
import {format} from "d3";
import type {MethodScores} from "../scoring/score.js";
import {textTable} from "./text-table.js";

/** One cell of a method × method matrix. */
export interface MatrixCell {
  row: string;
  column: string;
  value: number;
}

/** The cells of `matrix` (indexed like `methods`), row by row: m² cells for m methods. */
export function matrixCells(methods: readonly string[], matrix: readonly (readonly number[])[]): MatrixCell[] {
  if (matrix.length !== methods.length || matrix.some((row) => row.length !== methods.length)) {
    throw new Error(
      `src/components/compare: a matrix for ${methods.length} methods must be ${methods.length} × ${methods.length}`
    );
  }
  return methods.flatMap((row, i) => methods.map((column, j) => ({row, column, value: matrix[i]![j]!})));
}

const twoDecimals = format(".2f");

/** A matrix entry as the page writes it: two decimals, or "n/a" where it is undefined (NaN). */
export function formatEntry(value: number): string {
  return Number.isNaN(value) ? "n/a" : twoDecimals(value);
}

/**
 * A heatmap of a method × method matrix (`data-testid`, `data-methods` listing the methods in order) followed
 * by the same numbers as a table; NaN cells are grey and read "n/a".
 */
export function matrixFigure(
  methods: readonly string[],
  matrix: readonly (readonly number[])[],
  {
    testid,
    names = new Map(),
    domain = [-1, 1],
    scheme = "rdbu",
    width = 640,
    legend = true,
    document = globalThis.document
  }: {
    testid: string;
    names?: ReadonlyMap<string, string>;
    domain?: [number, number];
    scheme?: string;
    width?: number;
    /** Whether to draw the colour legend (a ramp that needs a canvas). */
    legend?: boolean;
    document?: Document;
  }
): HTMLElement {
  const cells = matrixCells(methods, matrix);
  const name = (id: string) => names.get(id) ?? id;
  const size = Math.max(28, Math.min(56, Math.floor((width - 180) / Math.max(methods.length, 1))));
  const chart = Plot.plot({
    document,
    width: 180 + size * methods.length,
    height: 140 + size * methods.length,
    marginLeft: 180,
    marginBottom: 140,
    x: {domain: methods, tickFormat: name, tickRotate: -45, label: null},
    y: {domain: methods, tickFormat: name, label: null},
    color: {type: "linear", domain, scheme: scheme as Plot.ColorScheme, unknown: "#ccc", legend},
    marks: [
      Plot.cell(cells, {
        x: "column",
        y: "row",
        fill: (cell: MatrixCell) => (Number.isNaN(cell.value) ? null : cell.value)
      }),
      Plot.text(cells, {
        x: "column",
        y: "row",
        text: (cell: MatrixCell) => formatEntry(cell.value),
        // Dark text on light cells, light text on dark ones (the ends of the scale).
        fill: (cell: MatrixCell) =>
          Math.abs((cell.value - (domain[0] + domain[1]) / 2) / (domain[1] - domain[0])) > 0.3 ? "white" : "black"
      })
    ]
  });
  const rows = methods.map((row, i) => ({
    method: name(row),
    ...Object.fromEntries(methods.map((column, j) => [column, matrix[i]![j]!]))
  }));
  const table = textTable(
    rows,
    [
      {key: "method", label: "Method"},
      ...methods.map((column) => ({
        key: column,
        label: name(column),
        format: (value: unknown) => formatEntry(value as number)
      }))
    ] as {key: keyof (typeof rows)[number] & string; label: string}[],
    {key: "method", testid: `${testid}-table`, document}
  );
  const figure = document.createElement("div");
  figure.dataset.testid = testid;
  figure.dataset.methods = methods.join(",");
  const details = document.createElement("details");
  details.appendChild(document.createElement("summary")).textContent = "The same numbers as a table";
  const scroller = details.appendChild(document.createElement("div"));
  scroller.style.overflowX = "auto";
  scroller.append(table);
  const chartScroller = document.createElement("div");
  chartScroller.style.overflowX = "auto";
  chartScroller.append(chart);
  figure.append(chartScroller, details);
  return figure;
}

/**
 * The axis type that fits `values`: logarithmic when all are positive and span two orders of magnitude or more,
 * symmetric-log when they are not negative and the largest is at least 100 times the smallest positive one,
 * linear otherwise.
 */
export function axisType(values: Iterable<number>): "log" | "symlog" | "linear" {
  let lowest = Infinity;
  let highest = -Infinity;
  let smallestPositive = Infinity;
  for (const value of values) {
    if (!Number.isFinite(value)) continue;
    lowest = Math.min(lowest, value);
    highest = Math.max(highest, value);
    if (value > 0) smallestPositive = Math.min(smallestPositive, value);
  }
  if (!(lowest >= 0) || !(highest >= 100 * smallestPositive)) return "linear";
  return lowest > 0 ? "log" : "symlog";
}

/** A point of the scatter: one account's values under the two methods. */
export interface ScatterPoint {
  account_id: string;
  handle: string;
  x: number;
  y: number;
}

/** The accounts both methods scored, with both values (in rank order under `x`). */
export function pairValues(x: MethodScores, y: MethodScores, handles: ReadonlyMap<string, string>): ScatterPoint[] {
  const yIndex = new Map(y.accountIds.map((id, j) => [id, j]));
  const points: ScatterPoint[] = [];
  for (const i of x.order) {
    const id = x.accountIds[i]!;
    const j = yIndex.get(id);
    if (j !== undefined) points.push({account_id: id, handle: handles.get(id) ?? id, x: x.values[i]!, y: y.values[j]!});
  }
  return points;
}

// Plot's default log ticks use SI prefixes ("200m" for 0.2), which read as units here; "~g" prints plain numbers.
function axisOptions(values: readonly number[], label: string) {
  const type = axisType(values);
  return type === "linear" ? {type, label} : {type, label, tickFormat: "~g"};
}

/** A scatter of two methods' values, each axis logarithmic where its values call for it (`axisType`). */
export function methodScatter(
  points: readonly ScatterPoint[],
  {
    xLabel,
    yLabel,
    width = 640,
    document = globalThis.document
  }: {xLabel: string; yLabel: string; width?: number; document?: Document}
) {
  return Plot.plot({
    document,
    width,
    height: Math.min(480, width),
    grid: true,
    x: axisOptions(
      points.map((p) => p.x),
      `${xLabel} →`
    ),
    y: axisOptions(
      points.map((p) => p.y),
      `↑ ${yLabel}`
    ),
    marks: [
      Plot.dot(points, {x: "x", y: "y", r: 3, fillOpacity: 0.6, fill: "currentColor", tip: true, title: "handle"})
    ]
  });
}

/**
 * The benchmark's results (`npm run bench`, saved in `bench/results/`) and what the `/performance` page draws of
 * them: per kernel and input size, every tool's median time with its ratio to Sway's; the budgets met and
 * missed; and the growth of time and peak memory with input size. The bench prints its table with the same
 * grouping and ratios (`bench/harness.ts`). Tool names and sizes are written as text, never parsed as HTML.
 */
import * as Plot from "@observablehq/plot";
import {format} from "d3";
import {textTable} from "./text-table.js";

/** One measured row: a tool on a kernel at one input size. */
export interface Row {
  kernel: string;
  tool: string;
  size: string;
  medianMs: number;
  minMs: number;
  maxMs: number;
  /** Peak resident memory of the process that ran the tool (its whole process, runtime included), MiB. */
  peakMiB: number | null;
  /** Iterations of an iterative kernel, when the tool reports them. */
  iterations?: number | null;
  /** The median run divided by the iterations (Sway's when the tool does not report its own). */
  perIterationMs?: number | null;
  /** L1 distance of the tool's result to Sway's, when results are vectors. */
  l1ToSway?: number | null;
  /** The input size as a number (interactions), where rows of one kernel are drawn against size. */
  inputSize?: number;
}

export interface Skipped {
  kernel: string;
  tool: string;
  size: string;
  reason: string;
}

export interface Budget {
  name: string;
  target: string;
  measured: string;
  met: boolean;
}

export interface Results {
  rows: Row[];
  skipped: Skipped[];
  budgets: Budget[];
  /** Free-text lines printed under the table (bounds, agreement, what was not measured and why). */
  notes: string[];
}

/** A results file as `bench/harness.ts` `writeResults` saves it. */
export interface ResultsFile extends Results {
  /** When the run ended, ISO 8601. */
  date: string;
  mode: "full" | "quick";
  machine: {hostname: string; cpu: string; cores: number; memoryGiB: number; arch: string; node: string};
}

/** The kernel of the growth rows (`bench/growth.bench.ts`). */
export const GROWTH_KERNEL = "growth: all methods";

/** A row with how many times Sway's median time the tool took (above 1: slower than Sway). */
export type RatedRow = Row & {timesSway: number | null};

/** The rows of one kernel at one input size. */
export interface RowGroup {
  kernel: string;
  size: string;
  rows: RatedRow[];
}

/** Sway's row among rows of one kernel and size: the first whose tool starts with "sway". */
export function swayRow<R extends Pick<Row, "tool">>(rows: readonly R[]): R | undefined {
  return rows.find((row) => row.tool.startsWith("sway"));
}

/**
 * The rows grouped by kernel and size, in order of first appearance, each row with its median over Sway's
 * median of the same group (null when the group has no Sway row).
 *
 * @example
 * rowGroups([{kernel: "k", size: "1M", tool: "sway", medianMs: 2, …}, {kernel: "k", size: "1M", tool: "c", medianMs: 1, …}]);
 * // => [{kernel: "k", size: "1M", rows: [{…, timesSway: 1}, {…, timesSway: 0.5}]}]
 */
export function rowGroups(rows: readonly Row[]): RowGroup[] {
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    const key = JSON.stringify([row.kernel, row.size]);
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  return [...groups.values()].map((members) => {
    const ours = swayRow(members);
    return {
      kernel: members[0]!.kernel,
      size: members[0]!.size,
      rows: members.map((row) => ({...row, timesSway: ours ? row.medianMs / ours.medianMs : null}))
    };
  });
}

/** The kernels of `rows`, in order of first appearance. */
export function kernels(rows: readonly Row[]): string[] {
  return [...new Set(rows.map((row) => row.kernel))];
}

const milliseconds = format(",.0f");
const fine = format(",.2f");
const ratio = format(".2f");
/** Log-axis ticks as plain numbers (0.3, 1,000,000), not SI prefixes or exponents (300m, 1e+6). */
const plain = format(",~r");

/** A time in milliseconds: two decimals below 10 ms, whole milliseconds above. */
export function formatMs(ms: number): string {
  return ms < 10 ? fine(ms) : milliseconds(ms);
}

interface TableRow {
  id: string;
  size: string;
  tool: string;
  medianMs: number;
  minMs: number;
  maxMs: number;
  peakMiB: number | null;
  timesSway: number | null;
}

/** The table of one kernel: a row per (size, tool) with median, min, max, peak memory and the ratio to Sway. */
export function kernelTable(
  rows: readonly Row[],
  kernel: string,
  {document = globalThis.document}: {document?: Document} = {}
): HTMLTableElement {
  const tableRows: TableRow[] = rowGroups(rows.filter((row) => row.kernel === kernel)).flatMap((group) =>
    group.rows.map((row) => ({
      id: `${row.size} · ${row.tool}`,
      size: row.size,
      tool: row.tool,
      medianMs: row.medianMs,
      minMs: row.minMs,
      maxMs: row.maxMs,
      peakMiB: row.peakMiB,
      timesSway: row.timesSway
    }))
  );
  const dash = (value: number | null, write: (value: number) => string) => (value === null ? "–" : write(value));
  return textTable(
    tableRows,
    [
      {key: "size", label: "input"},
      {key: "tool", label: "tool"},
      {key: "medianMs", label: "median ms", format: (value) => formatMs(value as number)},
      {key: "minMs", label: "min ms", format: (value) => formatMs(value as number)},
      {key: "maxMs", label: "max ms", format: (value) => formatMs(value as number)},
      {key: "peakMiB", label: "peak MiB", format: (value) => dash(value as number | null, milliseconds)},
      {key: "timesSway", label: "× Sway's time", format: (value) => dash(value as number | null, ratio)}
    ],
    {key: "id", testid: "bench-table", document}
  );
}

/** The budgets, met or missed. */
export function budgetTable(
  budgets: readonly Budget[],
  {document = globalThis.document}: {document?: Document} = {}
): HTMLTableElement {
  return textTable(
    budgets.map((budget) => ({...budget, verdict: budget.met ? "met" : "missed"})),
    [
      {key: "name", label: "budget"},
      {key: "target", label: "target"},
      {key: "measured", label: "measured"},
      {key: "verdict", label: "verdict"}
    ],
    {key: "name", testid: "budgets", document}
  );
}

/** The contenders that did not run, and why. */
export function skippedTable(
  skipped: readonly Skipped[],
  {document = globalThis.document}: {document?: Document} = {}
): HTMLTableElement {
  return textTable(
    skipped.map((entry) => ({...entry, id: `${entry.kernel} · ${entry.size} · ${entry.tool}`})),
    [
      {key: "kernel", label: "kernel"},
      {key: "size", label: "input"},
      {key: "tool", label: "tool"},
      {key: "reason", label: "why not"}
    ],
    {key: "id", testid: "skipped", document}
  );
}

/** A point of the growth chart. */
export interface GrowthPoint {
  size: string;
  interactions: number;
  seconds: number;
  peakMiB: number | null;
}

/** The growth rows that carry an input size, smallest input first. */
export function growthPoints(rows: readonly Row[]): GrowthPoint[] {
  return rows
    .filter((row) => row.kernel === GROWTH_KERNEL && row.inputSize !== undefined)
    .map((row) => ({size: row.size, interactions: row.inputSize!, seconds: row.medianMs / 1000, peakMiB: row.peakMiB}))
    .sort((a, b) => a.interactions - b.interactions);
}

const MEASURES = {
  seconds: {label: "median time to score all methods (s)", value: (point: GrowthPoint) => point.seconds},
  peakMiB: {label: "peak resident memory (MiB)", value: (point: GrowthPoint) => point.peakMiB}
} as const;

/**
 * Time or peak memory against input size, both axes logarithmic (a straight line of slope 1 is linear growth),
 * one dot per input, labelled with its size.
 */
export function growthChart(
  points: readonly GrowthPoint[],
  measure: keyof typeof MEASURES,
  {width}: {width: number}
): SVGSVGElement | HTMLElement {
  const {label, value} = MEASURES[measure];
  const drawn = points.filter((point) => value(point) !== null);
  return Plot.plot({
    width,
    height: 280,
    // Room for the label of the largest input, written to the right of its dot.
    marginRight: 110,
    inset: 16,
    x: {type: "log", label: "interactions in the input", grid: true, tickFormat: plain},
    y: {type: "log", label, grid: true, tickFormat: plain},
    marks: [
      Plot.line(drawn, {x: "interactions", y: value, stroke: "currentColor", strokeOpacity: 0.4}),
      Plot.dot(drawn, {x: "interactions", y: value, fill: "currentColor", title: (point: GrowthPoint) => point.size}),
      Plot.text(drawn, {
        x: "interactions",
        y: value,
        text: (point: GrowthPoint) => point.size.replace(/ \(.*\)$/, ""),
        textAnchor: "start",
        dx: 8
      })
    ]
  });
}

/**
 * Each tool's median time as a multiple of Sway's, on a log axis (1 is Sway's time; left of it, faster than
 * Sway), one dot per input size; for a kernel with peers, or null when it has none (only Sway's rows).
 */
export function peerChart(
  rows: readonly Row[],
  kernel: string,
  {width}: {width: number}
): SVGSVGElement | HTMLElement | null {
  const rated = rowGroups(rows.filter((row) => row.kernel === kernel))
    .filter((group) => group.rows.length > 1)
    .flatMap((group) => group.rows.filter((row) => row.timesSway !== null));
  if (rated.length === 0) return null;
  const tools = [...new Set(rated.map((row) => row.tool))];
  return Plot.plot({
    width,
    height: 40 + 28 * tools.length,
    marginLeft: Math.min(260, 8 + 6.5 * Math.max(...tools.map((tool) => tool.length))),
    x: {type: "log", label: "median time, × Sway's (1 = Sway; left is faster)", grid: true, tickFormat: plain},
    y: {domain: tools, label: null},
    color: {legend: true, type: "ordinal"},
    marks: [
      Plot.ruleX([1], {stroke: "currentColor", strokeOpacity: 0.5}),
      Plot.dot(rated, {
        x: "timesSway",
        y: "tool",
        fill: "size",
        r: 4,
        title: (row: RatedRow) =>
          `${row.tool}, ${row.size}: ${formatMs(row.medianMs)} ms (${ratio(row.timesSway!)}× Sway)`
      })
    ]
  });
}

/** What each kernel of the benchmark measures, for the page; kernels not listed get no sentence. */
export const KERNEL_NOTES: Readonly<Record<string, string>> = {
  pagerank:
    "Weighted PageRank to the same tolerance on the reaction graph of Higgs and on seeded synthetic graphs, every tool's result checked against Sway's (L1 distance).",
  rerank:
    "The weights playground's slider path: re-combining every account's features and picking the top 50, beside a plain sort of as many numbers.",
  aggregate:
    "Per target and kind, interactions and distinct actors: the feature SQL in native DuckDB and in duckdb-wasm, against Arquero and one pass over typed arrays.",
  import:
    "Importing Higgs and a large CSV edge list into a warehouse, against DuckDB reading the same file with read_csv.",
  "browser load":
    "From the database file the site ships to a table that answers a query: fetch, register and attach in duckdb-wasm in headless Chromium, against native DuckDB attaching the same file.",
  "overview time to interactive":
    "The built site's overview page in headless Chromium, from navigation start to the first row of its leaderboard (the default world scored by every method).",
  [GROWTH_KERNEL]:
    "Scoring every method on simulated worlds of growing size (the built-in world's recipe with more accounts), and on Higgs, each in a process of its own."
};

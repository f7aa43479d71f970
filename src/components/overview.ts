/**
 * The overview page's tables and chart, as pure functions of query results, so they can be tested without a
 * browser, and the page's choice between the view the build computed for the built-in world
 * (`src/data/overview.json.ts`) and the one duckdb-wasm computes for any other dataset (`overview-scores.ts`,
 * imported only then, so that the built-in world's view needs none of `scoring/`). Everything that comes from data is written as text (`textContent`, Plot's text marks),
 * never parsed as HTML: handles and names are untrusted.
 */
import * as Plot from "@observablehq/plot";
import {format, max, min, utcFormat} from "d3";
import type {Method, NetworkCounts, ScoreRow} from "../scoring/index.js";
import {textTable} from "./text-table.js";

/** One histogram bar: accounts with `x0 <= score < x1` (the last bar also holds its upper edge). */
export interface Bin {
  x0: number;
  x1: number;
  length: number;
}

/** What names an account in a leaderboard. */
export interface AccountHandle {
  account_id: string;
  handle: string;
  network: string;
}

/** A scored account with what a reader needs to recognise it. */
export interface TopRow extends AccountHandle {
  rank: number;
  score: number;
  value: number;
}

/** Interactions of one kind on one network. */
export interface KindCount {
  network: string;
  kind: string;
  interactions: number;
}

const integer = format(",");
const significant = format(",.4~r");
const day = utcFormat("%Y-%m-%d");

/** Integers with thousands separators, other numbers to four significant digits. */
export function formatNumber(value: number): string {
  return Number.isInteger(value) ? integer(value) : significant(value);
}

/** Epoch milliseconds as a UTC date, or an em dash when there is none. */
export function formatDay(epochMs: number | null): string {
  return epochMs === null ? "—" : day(new Date(epochMs));
}

/** The symmetric log used for the histogram's axis: log(1 + |x|) with the sign of x. */
export function symlog(x: number): number {
  return Math.sign(x) * Math.log1p(Math.abs(x));
}

function symexp(t: number): number {
  return Math.sign(t) * Math.expm1(Math.abs(t));
}

/**
 * Splits `values` into `count` bins of equal width on the symlog axis, from the smallest value to the largest.
 * Non-finite values are left out; an empty input gives no bins, and equal values give one bin.
 */
export function symlogBins(values: Iterable<number>, {count = 20}: {count?: number} = {}): Bin[] {
  const finite = Array.from(values).filter(Number.isFinite);
  const lowest = min(finite);
  const highest = max(finite);
  if (lowest === undefined || highest === undefined) return [];
  if (lowest === highest) return [{x0: lowest, x1: highest, length: finite.length}];
  const [start, end] = [symlog(lowest), symlog(highest)];
  const step = (end - start) / count;
  const bins = Array.from({length: count}, (_, i) => ({
    x0: i === 0 ? lowest : symexp(start + i * step),
    x1: i === count - 1 ? highest : symexp(start + (i + 1) * step),
    length: 0
  }));
  for (const value of finite) bins[Math.min(count - 1, Math.floor((symlog(value) - start) / step))]!.length++;
  return bins;
}

/** Axis ticks for a symlog axis reaching `highest`: 0 and powers of ten, with 2 and 5 between over few decades. */
export function symlogTicks(highest: number): number[] {
  const decades = Math.max(0, Math.ceil(Math.log10(Math.max(highest, 1))));
  const steps = decades > 3 ? [1] : [1, 2, 5];
  const ticks = [0];
  for (let power = 0; power <= decades; power++) {
    for (const step of steps) if (step * 10 ** power <= highest) ticks.push(step * 10 ** power);
  }
  return ticks;
}

export const HISTOGRAM_CAPTION =
  "Accounts per range of display score. The horizontal axis is symmetric-log, log(1 + score): scores such as " +
  "follower counts span several orders of magnitude, and on a linear axis nearly every account would share the " +
  "first bar.";

/** A histogram of display scores on a symlog axis, from their bins (`symlogBins`). */
export function scoreHistogram(
  bins: readonly Bin[],
  {width = 640, height = 240, label = "score"}: {width?: number; height?: number; label?: string} = {}
) {
  return Plot.plot({
    width,
    height,
    marginLeft: 40,
    caption: HISTOGRAM_CAPTION,
    x: {
      type: "symlog",
      label: `${label} →`,
      ticks: symlogTicks(max(bins, (bin) => bin.x1) ?? 0),
      tickFormat: format("~s")
    },
    y: {label: "↑ accounts", grid: true},
    marks: [
      Plot.rectY(bins, {x1: "x0", x2: "x1", y: "length", insetLeft: 0.5, insetRight: 0.5, tip: true}),
      Plot.ruleY([0])
    ]
  });
}

/** Joins each score with its account's handle and network, keeping the order of `scores`. */
export function withHandles(
  scores: readonly {account_id: string; rank: number; score: number; value: number}[],
  accounts: readonly AccountHandle[]
): TopRow[] {
  const byId = new Map(accounts.map((account) => [account.account_id, account]));
  return scores.map(({account_id, rank, score, value}) => {
    const account = byId.get(account_id);
    return {rank, account_id, handle: account?.handle ?? account_id, network: account?.network ?? "", score, value};
  });
}

/** What each network holds: accounts, posts, interactions, follows and the span of its interactions. */
export function countsTable(counts: readonly NetworkCounts[], options: {document?: Document} = {}): HTMLTableElement {
  const count = (value: unknown) => formatNumber(value as number);
  const date = (value: unknown) => formatDay(value as number | null);
  return textTable(
    counts,
    [
      {key: "network", label: "Network"},
      {key: "accounts", label: "Accounts", format: count},
      {key: "posts", label: "Posts", format: count},
      {key: "interactions", label: "Interactions", format: count},
      {key: "follows", label: "Follows", format: count},
      {key: "first_ts", label: "First interaction", format: date},
      {key: "last_ts", label: "Last interaction", format: date}
    ],
    {key: "network", testid: "counts", ...options}
  );
}

/** Interactions per network and kind, one row per network, kinds ordered by their total, most frequent first. */
export function kindsTable(kinds: readonly KindCount[], options: {document?: Document} = {}): HTMLTableElement {
  const totals = new Map<string, number>();
  for (const {kind, interactions} of kinds) totals.set(kind, (totals.get(kind) ?? 0) + interactions);
  const kindOrder = [...totals.keys()].sort((a, b) => totals.get(b)! - totals.get(a)! || (a < b ? -1 : 1));
  const rows = new Map<string, Record<string, string | number>>();
  for (const {network, kind, interactions} of kinds) {
    if (!rows.has(network))
      rows.set(network, Object.fromEntries([["network", network], ...kindOrder.map((k) => [k, 0])]));
    rows.get(network)![kind] = interactions;
  }
  const count = (value: unknown) => formatNumber(value as number);
  return textTable(
    [...rows.values()],
    [{key: "network", label: "Network"}, ...kindOrder.map((kind) => ({key: kind, label: kind, format: count}))],
    {key: "network", testid: "kinds", ...options}
  );
}

/** What the overview says about a dataset before any method is chosen. */
export interface DatasetFacts {
  counts: NetworkCounts[];
  kinds: KindCount[];
  /** The methods this dataset can feed, in the registry's order. */
  available: MethodInfo[];
}

/** What the page says of a method. */
export type MethodInfo = Pick<Method, "id" | "name" | "summary" | "scoreLabel">;

/** What the overview shows for one method: the histogram's bins and the leaderboard's top rows. */
export interface MethodView {
  /** The number of accounts scored. */
  accounts: number;
  bins: Bin[];
  top: TopRow[];
}

/** The overview's first view of a dataset for every method it can feed, as the site's build writes it. */
export interface OverviewSnapshot extends DatasetFacts {
  /** Each available method's view, by id. */
  views: Record<string, MethodView>;
}

/** The number of accounts the leaderboard lists. */
export const LEADERBOARD_SIZE = 50;

/** The histogram's bins over every score and the top `LEADERBOARD_SIZE` rows, named, of one method's scores. */
export function methodView(scores: readonly ScoreRow[], accounts: readonly AccountHandle[]): MethodView {
  return {
    accounts: scores.length,
    bins: symlogBins(scores.map((row) => row.score)),
    top: withHandles(scores.slice(0, LEADERBOARD_SIZE), accounts)
  };
}

/** The dataset open in the page's engine: the overview's facts and views as duckdb-wasm computes them. */
export interface LiveOverview {
  facts(): Promise<DatasetFacts>;
  view(methodId: string): Promise<MethodView>;
  close(): Promise<void>;
}

/** A method's view and where it was computed: when the site was built, or in the reader's browser. */
export type ShownView = MethodView & {computed: "build" | "browser"};

/**
 * What the page shows for one method: the build's view when the snapshot has one, else the view the page's
 * engine computes (a dataset without a snapshot always has an engine).
 */
export async function shownView(
  methodId: string,
  snapshot: OverviewSnapshot | null,
  live: LiveOverview | null
): Promise<ShownView> {
  const built = snapshot?.views[methodId];
  if (built) return {computed: "build", ...built};
  if (!live) throw new Error(`overview: no view of ${methodId} in the snapshot and no engine to compute it`);
  return {computed: "browser", ...(await live.view(methodId))};
}

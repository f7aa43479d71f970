/**
 * Daily score histories (DESIGN.md §3, "Time"): each account's score at the end of every day of the dataset's
 * span, over a rolling window of the method's own length (or `windowDays`) ending there. Every day is scored
 * over the whole population, so display scores and ranks are those of that day. Methods without a window
 * (all time) accumulate: each day's score counts everything up to that day's end.
 *
 * Two paths give the same values. A method whose features are sums over days (`Decomposition.daily`) reads its
 * per-day counts once for the whole span and slides a window of whole days over them, combining each day's
 * sums; any other method (or a window that is not a whole number of days) is scored day by day from the
 * database.
 */
import type {Db} from "./db.js";
import {DAY_MS} from "./features/daily.js";
import {withTables} from "./memo-db.js";
import {getMethod, type Method, type MethodOptions} from "./methods/index.js";
import type {FeatureTable} from "./methods/method.js";
import {rankedRows, resolveOptions, type ScoreRow} from "./score.js";
import {resolveWeights} from "./weights.js";
import {dataSpan} from "./window.js";

export interface HistoryRow extends ScoreRow {
  /** The day (UTC, `YYYY-MM-DD`) at whose end the window closes. */
  date: string;
}

export interface HistoryOptions extends Omit<MethodOptions, "at"> {
  /** Only these accounts' rows (every account is still scored, for display scores and ranks). */
  accounts?: ReadonlySet<string>;
  /** Called after each day with the days done and the days in all. */
  onProgress?: (done: number, total: number) => void;
}

/** Midnight (UTC) of each day from the first event's day to the last event's day; none for an empty dataset. */
export async function dataDays(db: Db): Promise<number[]> {
  const span = await dataSpan(db);
  if (span === null) return [];
  const first = Math.floor(span.first / DAY_MS);
  const last = Math.floor(span.last / DAY_MS);
  return Array.from({length: last - first + 1}, (_, k) => (first + k) * DAY_MS);
}

/** One day's raw values. */
interface DayValues {
  accountIds: readonly string[];
  values: Float64Array;
}

/** Every account's daily score with one method; rows by day, then by rank. */
export async function scoreHistory(db: Db, methodId: string, options: HistoryOptions = {}): Promise<HistoryRow[]> {
  // The days' queries read the indexed interactions made once for the whole history (`scoring/features/indexed.ts`).
  return withTables(db, (tables) => historyRows(tables, getMethod(methodId), options));
}

/** `scoreHistory` of `method`. */
async function historyRows(db: Db, method: Method, options: HistoryOptions): Promise<HistoryRow[]> {
  const days = await dataDays(db);
  const history: HistoryRow[] = [];
  const windowDays = options.windowDays ?? method.windowDays;
  const slides = method.decomposition?.daily && (windowDays === undefined || Number.isInteger(windowDays));
  const weights = resolveWeights(method, options.weights);
  const tables = slides ? await method.decomposition!.daily!.slide(db, weights, days, windowDays) : undefined;
  const perDay = tables ? combined(method, tables, weights) : dayByDay(db, method, days, options);
  let k = 0;
  for await (const {accountIds, values} of perDay) {
    const date = new Date(days[k]!).toISOString().slice(0, 10);
    for (const row of rankedRows(method, accountIds, values)) {
      if (!options.accounts || options.accounts.has(row.account_id)) history.push({...row, date});
    }
    k++;
    options.onProgress?.(k, days.length);
  }
  return history;
}

/** Each day's values from the method's daily slide (one read of the whole span): its combine step per day. */
async function* combined(
  method: Method,
  tables: Iterable<FeatureTable>,
  weights: Readonly<Record<string, number>>
): AsyncGenerator<DayValues> {
  for (const features of tables) {
    yield {accountIds: features.accountIds, values: method.decomposition!.combine(features, weights)};
  }
}

/** Each day's values, scored from the database over the window ending at that day's end. */
async function* dayByDay(
  db: Db,
  method: Method,
  days: readonly number[],
  options: HistoryOptions
): AsyncGenerator<DayValues> {
  for (const day of days) {
    yield await method.compute(db, await resolveOptions(db, method, {...options, at: day + DAY_MS}));
  }
}
